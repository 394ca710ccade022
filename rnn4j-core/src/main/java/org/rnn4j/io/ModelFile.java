package org.rnn4j.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.model.Trainable;
import org.rnn4j.tensor.Parameters;
import org.rnn4j.tensor.Tensor;

/**
 * Model files: safetensors with PyTorch {@code state_dict} names ({@code weight_ih_l0}, …,
 * {@code head.weight}) and the model config in {@code __metadata__}, so a file alone rebuilds
 * the model. A file written by PyTorch from {@code nn.RNN/LSTM/GRU} loads as a headless model.
 *
 * <p>Files carry their format version under {@value #FORMAT_KEY}; a file without it (PyTorch's,
 * or rnn4j's before the key existed) reads as format 1, and a file of a newer format than
 * {@link #FORMAT_VERSION} is refused with an error that says so. Loading only reads the given
 * file and builds a model from plain values: nothing in a file is ever executed.
 */
public final class ModelFile {
  /** Metadata key of the model-file format version. */
  public static final String FORMAT_KEY = "rnn4j.format";
  /** The format this version writes and the newest it reads. */
  public static final int FORMAT_VERSION = 1;

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
    write(file, model, extraMetadata);
  }

  /**
   * Writes any model's file atomically: its {@link Trainable#fileTensors} and {@link
   * Trainable#fileMetadata}, {@code extraMetadata}, and the format version.
   */
  public static void write(Path file, Trainable<?> model, Map<String, String> extraMetadata) throws IOException {
    Map<String, String> meta = new LinkedHashMap<>(extraMetadata);
    meta.putAll(model.fileMetadata());
    meta.put(FORMAT_KEY, Integer.toString(FORMAT_VERSION));
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
    requireReadableFormat(file, f.metadata());
    ModelConfig config;
    try {
      config = ModelConfig.fromMetadata(f.metadata());
    } catch (IllegalArgumentException e) {
      throw new FormatException(file + ": " + e.getMessage());
    }
    requireRoomFor(file, config, f);
    RnnModel model = new RnnModel(config);
    readParameters(file, f, model.parameters());
    return model;
  }

  /**
   * Sets every parameter of {@code p} from the file's tensor of the same name; each must be present,
   * finite and of its exact shape, and no other tensor may be there (besides a checkpoint's
   * {@value #OPTIMIZER_PREFIX} and {@value #EXTRA_PREFIX} ones).
   */
  public static void readParameters(Path file, SafeTensorsFile f, Parameters p) {
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
  }

  private static final double ROOM_FACTOR = 4, ROOM_ALLOWANCE = 1 << 20;

  /** Refuses a file of a format newer than this version reads (or a format value that is no version). */
  public static void requireReadableFormat(Path file, Map<String, String> metadata) {
    String v = metadata.get(FORMAT_KEY);
    if (v == null) {
      return; // PyTorch's files, and rnn4j's from before the key: format 1
    }
    if (!v.matches("[0-9]{1,9}") || Integer.parseInt(v) < 1) {
      throw new FormatException(file + ": expected metadata '" + FORMAT_KEY + "' to be a format version 1.."
          + FORMAT_VERSION + ", found '" + (v.length() > 40 ? v.substring(0, 40) + "..." : v) + "'");
    }
    if (Integer.parseInt(v) > FORMAT_VERSION) {
      throw new FormatException(file + ": written by a newer rnn4j: format " + v + ", this version reads up to "
          + FORMAT_VERSION + " (a newer rnn4j loads it)");
    }
  }

  /**
   * Refuses, before any allocation, a config whose parameters cannot be in the file: every
   * recurrent unit has at least a {@code weight_ih} of H × its input and a {@code weight_hh} of
   * H × H (one gate), the head O × its input. A config needing more than a few times the file's
   * own values (plus a small allowance, so a small file with a missing tensor still gets the
   * error naming it) is refused, so a hostile {@code hidden_size} or {@code num_layers} costs
   * memory in proportion to the file, not to the numbers it claims.
   */
  private static void requireRoomFor(Path file, ModelConfig c, SafeTensorsFile f) {
    double h = c.hiddenSize(), d = c.directions();
    double least = d * h * (c.inputSize() + h) + (c.numLayers() - 1.0) * d * h * (c.stackWidth() + h)
        + (double) c.outputSize() * c.stackWidth();
    requireRoomFor(file, f, least, "hidden_size " + c.hiddenSize() + ", num_layers " + c.numLayers() + ", input_size "
        + c.inputSize() + ", output_size " + c.outputSize());
  }

  /**
   * The same refusal for any model kind: {@code leastValues} is a lower bound of the parameter values
   * its config needs (computed without allocating), {@code config} names the sizes for the message.
   */
  public static void requireRoomFor(Path file, SafeTensorsFile f, double leastValues, String config) {
    long present = 0;
    for (Tensor t : f.tensors().values()) {
      present += t.size();
    }
    if (leastValues > ROOM_FACTOR * present + ROOM_ALLOWANCE) {
      throw new FormatException(file + ": expected at least " + String.format("%.0f", leastValues)
          + " parameter values for " + config + ", found " + present + " values in the file's tensors");
    }
  }
}
