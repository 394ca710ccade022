package org.rnn4j.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.rnn4j.layer.ConvFrontEnd;
import org.rnn4j.model.ConvRecurrentModel;
import org.rnn4j.model.RnnModel;
import org.rnn4j.tensor.Parameters;
import org.rnn4j.tensor.Tensor;

/**
 * A {@link ConvRecurrentModel} in one safetensors file: the conv tensors ({@code conv.0.weight},
 * {@code conv.0.bias}, …), the recurrent model's tensors under their usual names, and metadata
 * holding the recurrent config (as {@link ModelFile}) plus {@code rnn4j.conv} (the canonical
 * conv spec) and {@code rnn4j.conv_in_channels}.
 */
public final class ConvModelFile {
  static final String SPEC = ConvRecurrentModel.SPEC_KEY;
  static final String IN_CHANNELS = ConvRecurrentModel.IN_CHANNELS_KEY;

  private ConvModelFile() {}

  public static void save(Path file, ConvRecurrentModel model) throws IOException {
ModelFile.write(file, model, Map.of());
  }

  public static ConvRecurrentModel load(Path file) throws IOException {
    SafeTensorsFile f = SafeTensors.read(file);
    String spec = f.metadata().get(SPEC);
    String in = f.metadata().get(IN_CHANNELS);
    if (spec == null || in == null) {
      throw new FormatException(file + ": expected metadata keys " + SPEC + " and " + IN_CHANNELS
          + " (a conv + recurrent model), found keys " + f.metadata().keySet());
    }
    ConvFrontEnd conv;
    try {
      conv = new ConvFrontEnd(spec, Integer.parseInt(in.trim()), 0);
    } catch (IllegalArgumentException e) {
      throw new FormatException(file + ": " + e.getMessage());
    }
    Map<String, Tensor> convTensors = new LinkedHashMap<>(), rnnTensors = new LinkedHashMap<>();
    f.tensors().forEach((name, t) -> (name.startsWith("conv.") ? convTensors : rnnTensors).put(name, t));
    Parameters p = conv.parameters();
    Set<String> expected = new TreeSet<>(p.params().keySet());
    if (!expected.equals(new TreeSet<>(convTensors.keySet()))) {
      throw new FormatException(file + ": expected conv tensors " + expected + " for spec '" + spec + "', found "
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
    return new ConvRecurrentModel(conv, rnn);
  }
}
