package org.rnn4j.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.tensor.Parameters;

/**
 * Model files: safetensors with PyTorch {@code state_dict} names ({@code weight_ih_l0}, …,
 * {@code head.weight}) and the model config in {@code __metadata__}, so a file alone rebuilds
 * the model. A file written by PyTorch from {@code nn.RNN/LSTM/GRU} loads as a headless model.
 */
public final class ModelFile {
  /** Name prefix of the optimizer-state tensors a training checkpoint adds to a model file. */
  public static final String OPTIMIZER_PREFIX = "optim.";
  /** Name prefix of other training-state tensors a checkpoint may add (e.g. a carried recurrent state). */
  public static final String EXTRA_PREFIX = "extra.";

  private ModelFile() {}

  /** Writes atomically: a crash mid-write leaves any previous file intact. */
  public static void save(Path file, RnnModel model) throws IOException {
    save(file, model, Map.of());
  }

  /** As {@link #save(Path, RnnModel)}, with extra metadata entries (e.g. a vocabulary). */
  public static void save(Path file, RnnModel model, Map<String, String> extraMetadata) throws IOException {
    Map<String, String> meta = model.fileMetadata();
    meta.putAll(extraMetadata);
    SafeTensors.write(file, model.fileTensors(), meta);
  }

  public static RnnModel load(Path file) throws IOException {
    return fromFile(file, SafeTensors.read(file));
  }

  /**
   * Builds the model a read file describes; every parameter must be present with its exact shape.
   * Tensors under {@value #OPTIMIZER_PREFIX} and {@value #EXTRA_PREFIX} (a checkpoint's training
   * state) are not the model's and are ignored, so a checkpoint also loads as a model.
   */
  public static RnnModel fromFile(Path file, SafeTensorsFile f) {
    ModelConfig config;
    try {
      config = ModelConfig.fromMetadata(f.metadata());
    } catch (IllegalArgumentException e) {
      throw new FormatException(file + ": " + e.getMessage());
    }
    RnnModel model = new RnnModel(config);
    Parameters p = model.parameters();
    Set<String> missing = new TreeSet<>(p.params().keySet());
    missing.removeAll(f.tensors().keySet());
    Set<String> extra = new TreeSet<>(f.tensors().keySet());
    extra.removeAll(p.params().keySet());
    extra.removeIf(name -> name.startsWith(OPTIMIZER_PREFIX) || name.startsWith(EXTRA_PREFIX));
    if (!missing.isEmpty() || !extra.isEmpty()) {
      throw new FormatException(file + ": expected tensors " + p.params().keySet() + " for this config, "
          + (missing.isEmpty() ? "" : "missing " + missing) + (extra.isEmpty() ? "" : " unexpected " + extra));
    }
    for (String name : p.params().keySet()) {
      try {
        p.set(name, f.tensor(name).requireFinite(name));
      } catch (IllegalArgumentException e) {
        throw new FormatException(file + ": " + e.getMessage());
      }
    }
    return model;
  }
}
