package org.rnn4j.train;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rnn4j.io.FormatException;
import org.rnn4j.io.ModelFile;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.io.SafeTensorsFile;
import org.rnn4j.model.RnnModel;
import org.rnn4j.model.Trainable;
import org.rnn4j.optim.Optimizer;
import org.rnn4j.optim.OptimizerState;
import org.rnn4j.optim.Optimizers;
import org.rnn4j.optim.Schedule;
import org.rnn4j.tensor.Tensor;

/**
 * A training run, frozen: one safetensors file that is a model file (the parameters under their
 * model-file names and the model config in the metadata, {@link Trainable#fileTensors} and
 * {@link Trainable#fileMetadata}, so the model kind's reader, e.g. {@link ModelFile#load}, reads
 * it as a model) plus the optimizer's buffers as 1-D tensors {@code optim.<buffer>} and metadata:
 * <ul>
 *   <li>{@code rnn4j.checkpoint} = 1 (marks the file as a checkpoint);</li>
 *   <li>{@code optim.name}, {@code optim.hyper} (JSON), {@code optim.step};</li>
 *   <li>{@code train.schedule} (JSON), {@code train.dropout_rng} (the model's dropout generator, when it has one);</li>
 *   <li>the {@link TrainState} keys {@code train.step}, {@code train.epoch}, {@code train.batch_index},
 *       {@code train.epoch_shuffle_rng}, ….</li>
 * </ul>
 * Written atomically (temporary file, fsync, rename), and only when every value is finite, so the
 * last good checkpoint is never replaced by a torn or poisoned one.
 *
 * <p>A trainer built on top of {@link Trainer} (e.g. a stream trainer) adds what only it knows
 * in the same file, so one atomic write covers everything: {@code extraTensors} under
 * {@value ModelFile#EXTRA_PREFIX} (e.g. the state carried between windows) and
 * {@code extraMetadata} (e.g. a data position or a vocabulary); the checkpoint's own keys win.
 * {@link #load} returns the file's extra tensors and its whole metadata.
 */
public record Checkpoint<M extends Trainable<?>>(M model, Optimizer optimizer, Schedule schedule, TrainState state,
    Map<String, Tensor> extraTensors, Map<String, String> extraMetadata) {
  public static final String FORMAT_KEY = "rnn4j.checkpoint";
  private static final String FORMAT_VERSION = "1";
  private static final String PREFIX = ModelFile.OPTIMIZER_PREFIX;
  private static final String DROPOUT_RNG = "train.dropout_rng";

  public Checkpoint {
    extraTensors.keySet().forEach(name -> {
      if (!name.startsWith(ModelFile.EXTRA_PREFIX)) {
        throw new IllegalArgumentException("checkpoint: expected extra tensor names starting with '"
            + ModelFile.EXTRA_PREFIX + "', found '" + name + "'");
      }
    });
    extraTensors = Map.copyOf(extraTensors);
    extraMetadata = Map.copyOf(extraMetadata);
  }

  /** Rebuilds a model from a read file (its metadata and tensors); how each model kind reads its files. */
  public interface ModelReader<M> {
    M read(Path file, SafeTensorsFile f);
  }

  public Checkpoint(M model, Optimizer optimizer, Schedule schedule, TrainState state) {
    this(model, optimizer, schedule, state, Map.of(), Map.of());
  }

  /** This checkpoint with extra tensors and metadata added. */
  public Checkpoint<M> with(Map<String, Tensor> tensors, Map<String, String> metadata) {
    return new Checkpoint<>(model, optimizer, schedule, state, tensors, metadata);
  }

  /** Writes the checkpoint; throws, leaving any existing file untouched, if a value is not finite. */
  public void save(Path file) throws IOException {
    Map<String, Tensor> tensors = model.fileTensors();
    OptimizerState os = optimizer.exportState();
    os.buffers().forEach((name, buf) -> tensors.put(PREFIX + name, Tensor.of(buf, buf.length)));
    tensors.putAll(extraTensors);
    for (Map.Entry<String, Tensor> t : tensors.entrySet()) {
      try {
        t.getValue().requireFinite(t.getKey());
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException("checkpoint " + file + " not written (any previous one is kept): "
            + e.getMessage());
      }
    }
    Map<String, String> meta = new LinkedHashMap<>(extraMetadata);
    meta.putAll(model.fileMetadata());
    meta.put(ModelFile.FORMAT_KEY, Integer.toString(ModelFile.FORMAT_VERSION)); // a checkpoint is a model file too
    meta.put(FORMAT_KEY, FORMAT_VERSION);
    meta.put(PREFIX + "name", optimizer.name());
    meta.put(PREFIX + "hyper", JSON.std.asString(optimizer.hyperParameters()));
    meta.put(PREFIX + "step", Long.toString(os.step()));
    meta.put("train.schedule", schedule.toJson());
    if (model.trainingRng() != null) {
      meta.put(DROPOUT_RNG, Long.toString(model.trainingRng().state()));
    }
    meta.putAll(state.toMetadata());
    SafeTensors.write(file, tensors, meta);
  }

  /** {@link #load(Path, ModelReader)} of a checkpoint of an {@link RnnModel}. */
  public static Checkpoint<RnnModel> load(Path file) throws IOException {
    return load(file, ModelFile::fromFile);
  }

  /**
   * Reads and validates a checkpoint and rebuilds everything in it: the model ({@code reader}
   * builds it from the file; its dropout generator's state is restored), the optimizer with its
   * state, the schedule and the training position.
   */
  public static <M extends Trainable<?>> Checkpoint<M> load(Path file, ModelReader<M> reader) throws IOException {
    SafeTensorsFile f = SafeTensors.read(file);
    Map<String, String> meta = f.metadata();
    String format = meta.get(FORMAT_KEY);
    if (format != null && format.matches("[0-9]{1,9}") && Integer.parseInt(format) > Integer.parseInt(FORMAT_VERSION)) {
      throw new FormatException(file + ": written by a newer rnn4j: checkpoint format " + format
          + ", this version reads up to " + FORMAT_VERSION + " (a newer rnn4j resumes it)");
    }
    if (!FORMAT_VERSION.equals(format)) {
      throw new FormatException(file + ": expected a checkpoint (metadata '" + FORMAT_KEY + "' = " + FORMAT_VERSION
          + "), found " + (format == null ? "no such key (a plain model file?)" : "'" + format + "'"));
    }
    M model = reader.read(file, f);
    try {
      if (model.trainingRng() != null) {
        model.trainingRng().setState(longValue(meta, DROPOUT_RNG));
      }
      Schedule schedule = Schedule.fromMap(json(meta, "train.schedule"));
      TrainState state = TrainState.fromMetadata(meta);
      Optimizer optimizer = Optimizers.create(require(meta, PREFIX + "name"), schedule.lr(0), json(meta, PREFIX + "hyper"));
      optimizer.setLearningRate(schedule.lr(state.step()));
      int n = model.parameters().size();
      Map<String, float[]> buffers = new LinkedHashMap<>();
      for (Map.Entry<String, Tensor> t : f.tensors().entrySet()) {
        if (t.getKey().startsWith(PREFIX)) {
          t.getValue().requireShape(t.getKey() + " (one value per parameter)", n).requireFinite(t.getKey());
          buffers.put(t.getKey().substring(PREFIX.length()), t.getValue().data());
        }
      }
      optimizer.importState(new OptimizerState(longValue(meta, PREFIX + "step"), buffers));
      Map<String, Tensor> extras = new LinkedHashMap<>();
      f.tensors().forEach((name, t) -> {
        if (name.startsWith(ModelFile.EXTRA_PREFIX)) {
          extras.put(name, t);
        }
      });
      return new Checkpoint<>(model, optimizer, schedule, state, extras, meta);
    } catch (FormatException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new FormatException(file + ": " + e.getMessage());
    }
  }

  private static String require(Map<String, String> meta, String key) {
    String v = meta.get(key);
    if (v == null) {
      throw new IllegalArgumentException("checkpoint metadata: expected key '" + key + "', found none");
    }
    return v;
  }

  private static long longValue(Map<String, String> meta, String key) {
    String v = require(meta, key);
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("checkpoint metadata '" + key + "': expected an integer, found '" + v + "'");
    }
  }

  private static Map<String, Object> json(Map<String, String> meta, String key) {
    String v = require(meta, key);
    try {
      return JSON.std.mapFrom(v);
    } catch (IOException e) {
      throw new IllegalArgumentException("checkpoint metadata '" + key + "': expected a JSON object, found '" + v + "'");
    }
  }
}
