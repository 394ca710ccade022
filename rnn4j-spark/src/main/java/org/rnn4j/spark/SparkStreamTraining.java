package org.rnn4j.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.rnn4j.io.ModelFile;
import org.rnn4j.model.RnnModel;
import org.rnn4j.model.Trainable;
import org.rnn4j.optim.Schedule;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.train.Checkpoint;
import org.rnn4j.train.TrainConfig;
import org.rnn4j.train.Trainer;

/**
 * {@code StreamTraining} (stateful truncated BPTT over the B token streams, k1 = k2 = k) on a Spark
 * cluster: each partition trains its own streams' columns of every window and carries their state;
 * the states go back to the driver with the gradients and out again with the next step, so a
 * retried task starts from the right state. The updates are those of {@code StreamTraining} with
 * the same text, batch, window, model and config (up to the rounding of the gradient sum), and the
 * checkpoint has {@code StreamTraining}'s layout (the whole (L·D, B, H) state, the stream position),
 * so either can resume the other's run.
 *
 * <p>With {@link #localSgd} it trains in the communication-light mode instead ({@link
 * SparkLocalSgd}): each partition steps on its own streams for K windows, then the parameters and
 * the optimizer state are averaged; a round never crosses the end of a pass. The driver's {@code
 * Trainer} then counts the round's updates ({@code Trainer.advance}), so in both modes it
 * validates, keeps the best model, counts patience, lets a plateau schedule react and checkpoints.
 */
public final class SparkStreamTraining implements AutoCloseable {
  private static final String POSITION_PREFIX = "stream.";
  private static final String STATE_PREFIX = ModelFile.EXTRA_PREFIX + "stream_state_";

  private final Trainer<StreamWindow> trainer; // its objective's model is the one trained
  private final DistributedObjective<StreamWindow> objective;
  private final SparkLocalSgd<StreamWindow> local; // local-SGD mode, else null
  private final int every; // local SGD: steps per round
  private final SparkTextStreams streams;
  private final int steps;
  private int epoch; // completed passes
  private int window; // windows done in the current pass
  private float[][][] state; // per partition; null = the model's initial state

  /** {@code every} > 0: local SGD with rounds of {@code every} steps, with {@code trainer}'s optimizer. */
  private SparkStreamTraining(JavaSparkContext spark, Trainer<StreamWindow> trainer, DistributedObjective<StreamWindow>
      objective, int every, SparkTextStreams streams, int steps) {
    this.trainer = trainer;
    this.objective = objective;
    this.local = every == 0 ? null : new SparkLocalSgd<>(spark, streams.shards(), objective.model(), trainer.config(),
        trainer.optimizer());
    this.every = every;
    this.streams = streams;
    this.steps = steps;
    streams.windows(steps); // validates the step count
  }

  /** Training of {@code model} (the driver's copy, updated in place) on windows of {@code steps} steps. */
  public static SparkStreamTraining start(JavaSparkContext spark, RnnModel model, SparkTextStreams streams, int steps,
      TrainConfig config) {
    DistributedObjective<StreamWindow> objective = new DistributedObjective<>(spark, streams.shards(), model);
    return new SparkStreamTraining(spark, new Trainer<>(objective, config), objective, 0, streams, steps);
  }

  /** Local SGD of {@code model} with rounds of {@code every} steps (see {@link SparkLocalSgd}). */
  public static SparkStreamTraining localSgd(JavaSparkContext spark, RnnModel model, SparkTextStreams streams, int steps,
      TrainConfig config, int every) {
    if (every < 1) {
      throw new IllegalArgumentException("--local-sgd: expected a positive number of steps per round, found " + every);
    }
    DistributedObjective<StreamWindow> objective = new DistributedObjective<>(spark, streams.shards(), model);
    return new SparkStreamTraining(spark, new Trainer<>(objective, config), objective, every, streams, steps);
  }

  /**
   * Continues a checkpointed run (of this class or of {@code StreamTraining}) on the same text,
   * batch and window length; {@code config} gives the budgets.
   */
  public static SparkStreamTraining resume(JavaSparkContext spark, Checkpoint<RnnModel> checkpoint,
      SparkTextStreams streams, int steps, TrainConfig config) {
    return resume(spark, checkpoint, streams, steps, config, 0);
  }

  /** {@link #resume}, in local-SGD mode with rounds of {@code every} steps when {@code every} > 0. */
  public static SparkStreamTraining resume(JavaSparkContext spark, Checkpoint<RnnModel> checkpoint,
      SparkTextStreams streams, int steps, TrainConfig config, int every) {
    if (every < 0) {
      throw new IllegalArgumentException("--local-sgd: expected a positive number of steps per round, found " + every);
    }
    DistributedObjective<StreamWindow> objective = new DistributedObjective<>(spark, streams.shards(), checkpoint.model());
    Trainer<StreamWindow> trainer = Trainer.resume(new Checkpoint<>(objective, checkpoint.optimizer(),
        checkpoint.schedule(), checkpoint.state()), config);
    SparkStreamTraining t = new SparkStreamTraining(spark, trainer, objective, every, streams, steps);
    Map<String, String> meta = checkpoint.extraMetadata();
    t.layout().forEach((key, want) -> {
      if (!want.equals(meta.get(key))) {
        throw new IllegalArgumentException("resume: expected the checkpoint's " + key + " = " + meta.get(key)
            + " (the same text, batch and sequence length), found " + want);
      }
    });
    t.epoch = Integer.parseInt(meta.getOrDefault(POSITION_PREFIX + "epoch", "0"));
    t.window = Integer.parseInt(meta.getOrDefault(POSITION_PREFIX + "window", "0"));
    if (checkpoint.extraTensors().containsKey(STATE_PREFIX + 0)) {
      Tensor[] whole = new Tensor[checkpoint.model().stack().states()];
      for (int k = 0; k < whole.length; k++) {
        whole[k] = checkpoint.extraTensors().get(STATE_PREFIX + k);
      }
      t.state = t.split(whole);
    }
    return t;
  }

  /**
   * One update on the next window of every stream (exact mode), or one round of at most {@code
   * most} updates (local SGD); returns the mean loss per predicted token.
   */
  public double step(long most) {
    if (window == streams.windows(steps)) {
      epoch++;
      window = 0;
      state = null;
    }
    if (local == null) {
      double loss = trainer.update(new StreamWindow(window, steps, stateRows(), state));
      state = objective.lastStates();
      window++;
      return loss;
    }
    int k = (int) Math.max(1, Math.min(Math.min(every, most), streams.windows(steps) - window));
    List<StreamWindow> works = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      works.add(new StreamWindow(window + i, steps, stateRows(), null));
    }
    double loss = local.round(updates(), trainer.schedule(), works, state);
    trainer.advance(k);
    state = local.lastStates();
    window += k;
    return loss;
  }

  /** {@link #step(long)} with no limit. */
  public double step() {
    return step(Long.MAX_VALUE);
  }

  /** The trainer's checkpoint plus the stream position, the whole carried state and {@code extraMetadata}. */
  public Checkpoint<Trainable<StreamWindow>> checkpoint(Map<String, String> extraMetadata) {
    Map<String, String> meta = new LinkedHashMap<>(extraMetadata);
    meta.putAll(layout());
    meta.put(POSITION_PREFIX + "epoch", Integer.toString(epoch));
    meta.put(POSITION_PREFIX + "window", Integer.toString(window));
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    if (state != null) {
      Tensor[] whole = join(state);
      for (int k = 0; k < whole.length; k++) {
        tensors.put(STATE_PREFIX + k, whole[k]);
      }
    }
    return trainer.checkpoint().with(tensors, meta);
  }

  private int stateRows() {
    return objective.model().stack().units().size();
  }

  /** The partitions' states (L·D, b_q, H) side by side along the stream axis: (L·D, B, H). */
  private Tensor[] join(float[][][] parts) {
    int rows = stateRows(), h = objective.model().config().hiddenSize(), b = streams.streams();
    Tensor[] whole = new Tensor[objective.model().stack().states()];
    for (int k = 0; k < whole.length; k++) {
      float[] w = new float[rows * b * h];
      for (int q = 0; q < parts.length; q++) {
        int first = streams.firstStream(q), count = streams.firstStream(q + 1) - first;
        for (int r = 0; count > 0 && r < rows; r++) {
          System.arraycopy(parts[q][k], r * count * h, w, (r * b + first) * h, count * h);
        }
      }
      whole[k] = Tensor.of(w, rows, b, h);
    }
    return whole;
  }

  /** The inverse of {@link #join}. */
  private float[][][] split(Tensor[] whole) {
    int rows = stateRows(), h = objective.model().config().hiddenSize(), b = streams.streams();
    float[][][] parts = new float[streams.partitions()][][];
    for (int q = 0; q < parts.length; q++) {
      int first = streams.firstStream(q), count = streams.firstStream(q + 1) - first;
      if (count == 0) {
        continue;
      }
      parts[q] = new float[whole.length][rows * count * h];
      for (int k = 0; k < whole.length; k++) {
        whole[k].requireShape("carried state " + k + " (L·D, B, H)", rows, b, h);
        for (int r = 0; r < rows; r++) {
          System.arraycopy(whole[k].data(), (r * b + first) * h, parts[q][k], r * count * h, count * h);
        }
      }
    }
    return parts;
  }

  /** What a position is relative to (the keys and values of {@code StreamTraining}). */
  private Map<String, String> layout() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(POSITION_PREFIX + "streams", Integer.toString(streams.streams()));
    m.put(POSITION_PREFIX + "length", Integer.toString(streams.length()));
    m.put(POSITION_PREFIX + "steps", Integer.toString(steps));
    return m;
  }

  /**
   * The driver's {@code Trainer}, for its best model and patience ({@code keepBest}, {@code
   * validate}, {@code patienceRunOut}, kept in the checkpoint); in local SGD it counts the rounds'
   * updates and holds the averaged optimizer state.
   */
  public Trainer<StreamWindow> trainer() { return trainer; }
  /** The learning-rate schedule (by global step). */
  public Schedule schedule() { return trainer.schedule(); }
  /** The driver's model, trained in place. */
  public RnnModel model() { return objective.model(); }
  /** Bytes and seconds per step (exact mode) or per round (local SGD). */
  public StepTraffic traffic() { return local == null ? objective.traffic() : local.traffic(); }
  /** Updates done, counted from the start of the run. */
  public long updates() { return trainer.state().step(); }
  /** Completed passes over the streams plus the fraction of the current one. */
  public double epochs() { return epoch + (double) window / streams.windows(steps); }
  /** Updates in one pass. */
  public int updatesPerEpoch() { return streams.windows(steps); }
  /** Tokens one full window trains on (k·B). */
  public long tokensPerUpdate() { return (long) steps * streams.streams(); }

  @Override
  public void close() {
    objective.close();
    if (local != null) {
      local.close();
    }
  }
}
