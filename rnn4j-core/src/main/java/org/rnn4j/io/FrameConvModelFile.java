package org.rnn4j.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.rnn4j.layer.FrameConvFrontEnd;
import org.rnn4j.model.FrameConvRecurrentModel;
import org.rnn4j.model.RnnModel;
import org.rnn4j.tensor.Parameters;
import org.rnn4j.tensor.Tensor;

/**
 * A {@link FrameConvRecurrentModel} in one safetensors file: the front end's tensors
 * ({@code frame_conv.0.weight}, …), the recurrent model's under their usual names, and metadata
 * holding the recurrent config (as {@link ModelFile}) plus {@code rnn4j.frame_conv} (the canonical
 * spec) and {@code rnn4j.frame_shape} ("C,H,W").
 */
public final class FrameConvModelFile {
  private FrameConvModelFile() {}

  public static void save(Path file, FrameConvRecurrentModel model) throws IOException {
    ModelFile.write(file, model, Map.of());
  }

  public static FrameConvRecurrentModel load(Path file) throws IOException {
    SafeTensorsFile f = SafeTensors.read(file);
    String spec = f.metadata().get(FrameConvRecurrentModel.SPEC_KEY);
    String frame = f.metadata().get(FrameConvRecurrentModel.FRAME_KEY);
    if (spec == null || frame == null) {
      throw new FormatException(file + ": expected metadata keys " + FrameConvRecurrentModel.SPEC_KEY + " and "
          + FrameConvRecurrentModel.FRAME_KEY + " (a frame conv + recurrent model), found keys " + f.metadata().keySet());
    }
    FrameConvFrontEnd conv;
    try {
      String[] chw = frame.split(",");
      if (chw.length != 3) {
        throw new IllegalArgumentException(FrameConvRecurrentModel.FRAME_KEY + ": expected C,H,W, found '" + frame + "'");
      }
      conv = new FrameConvFrontEnd(spec, Integer.parseInt(chw[0].trim()), Integer.parseInt(chw[1].trim()),
          Integer.parseInt(chw[2].trim()), 0);
    } catch (IllegalArgumentException e) { // also a NumberFormatException
      throw new FormatException(file + ": " + e.getMessage());
    }
    Map<String, Tensor> convTensors = new LinkedHashMap<>(), rnnTensors = new LinkedHashMap<>();
    f.tensors().forEach((name, t) -> (name.startsWith("frame_conv.") ? convTensors : rnnTensors).put(name, t));
    Parameters p = conv.parameters();
    Set<String> expected = new TreeSet<>(p.params().keySet());
    if (!expected.equals(new TreeSet<>(convTensors.keySet()))) {
      throw new FormatException(file + ": expected frame conv tensors " + expected + " for spec '" + spec + "', found "
          + new TreeSet<>(convTensors.keySet()));
    }
    for (String name : expected) {
      try {
        p.set(name, convTensors.get(name).requireFinite(name));
      } catch (IllegalArgumentException e) {
        throw new FormatException(file + ": " + e.getMessage());
      }
    }
    RnnModel rnn = ModelFile.fromFile(file, new SafeTensorsFile(rnnTensors, f.metadata()));
    return new FrameConvRecurrentModel(conv, rnn);
  }
}
