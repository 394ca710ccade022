package org.rnn4j.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnn4j.io.ModelFile;
import org.rnn4j.math.Rng;
import org.rnn4j.model.Trainable;
import org.rnn4j.optim.Clipping;
import org.rnn4j.optim.Optimizer;
import org.rnn4j.optim.Schedule;
import org.rnn4j.tensor.Parameters;

/**
 * The training loop, the one every model uses ({@link Trainable}): for each epoch, reshuffle
 * (seeded {@link Rng}), and for each minibatch zero the gradients, run forward + loss + backward,
 * check for non-finite values, clip, set the rate from the schedule and let the optimizer step.
 * Stops at the first of the epoch, step and time budgets of its {@link TrainConfig}; with a run
 * directory ({@link #checkpointsIn}) it checkpoints there; with a validator ({@link #keepBest})
 * it keeps the best model so far in its own file; {@link #resume} continues a
 * checkpointed run so that, on one thread, it ends bit-identical to a run never interrupted.
 *
 * @param <B> the batch type of the model trained
 */
public final class Trainer<B> {
  /** The checkpoint's file name in a run directory. */
  public static final String CHECKPOINT_FILE = "checkpoint.safetensors";

  private final Trainable<B> model;
  private final Optimizer optimizer;
  private Schedule schedule; // replaced after each validation by what the schedule becomes (Schedule.afterValidation)
  private final TrainConfig config;
  private Path runDir;
  private StepListener stepListener;
  // Where the run stands; see TrainState for the meaning of each field.
  private long step;
  private int epoch;
  private int batchIndex;
  private long epochShuffleState;
  private long tokens;
  private long skipped;
  private double epochLossSum;
  private double epochMaxGradNorm;
  private int epochBatches;
  private double elapsedSeconds;
  private int examples;
  private long bestStep;
  private double bestScore;
  private int sinceBest;
  private StopReason stopReason;
  private Validator validator;
  private Path bestFile;
  private Map<String, String> bestMetadata = Map.of();
  private long clockStart = -1; // System.nanoTime() when this process's part of the run began; -1: not yet
  private double clockBase; // elapsedSeconds then
  private double lastLr = Double.NaN;

  /** Called after every epoch; return false to stop early. */
  public interface EpochListener {
    boolean epochEnd(int epoch, EpochStats stats);
  }

  /** Called after every step, e.g. to drive a progress bar. */
  public interface StepListener {
    void stepEnd(StepInfo info);
  }

  /**
   * Mean loss over the epoch's finite batches, largest gradient norm (before clipping), batch
   * count, and the validation score at the epoch's end (NaN without a {@link Validator}).
   */
  public record EpochStats(double loss, double maxGradNorm, int batches, double validation) {}

  /** A held-out score of the model as it is now; lower is better (a loss, bits per character, 1 − accuracy). */
  public interface Validator {
    double score();
  }

  /** The best validation score so far and the step it was reached at. */
  public record Best(long step, double score) {}

  /** One step: its 1-based number, its loss and gradient norm (before clipping), the rate used. */
  public record StepInfo(long step, int epoch, double loss, double gradNorm, double lr, long tokens, boolean skipped,
      long skippedTotal) {}

  public enum StopReason { EPOCHS, STEPS, TIME, LISTENER, PATIENCE }

  /** A trainer with the config's optimizer and schedule. */
  public Trainer(Trainable<B> model, TrainConfig config) {
    this(model, config.newOptimizer(), config.newSchedule(), config);
  }

  /** A trainer with the given optimizer, its current learning rate held constant. */
  public Trainer(Trainable<B> model, Optimizer optimizer, TrainConfig config) {
    this(model, optimizer, new Schedule.Constant(optimizer.learningRate()), config);
  }

  public Trainer(Trainable<B> model, Optimizer optimizer, Schedule schedule, TrainConfig config) {
    this.model = model;
    this.optimizer = optimizer;
    this.schedule = schedule;
    this.config = config;
    restore(TrainState.start(config));
  }

  private void restore(TrainState s) {
    step = s.step();
    epoch = s.epoch();
    batchIndex = s.batchIndex();
    epochShuffleState = s.epochShuffleState();
    tokens = s.tokens();
    skipped = s.skipped();
    epochLossSum = s.epochLossSum();
    epochMaxGradNorm = s.epochMaxGradNorm();
    epochBatches = s.epochBatches();
    elapsedSeconds = s.elapsedSeconds();
    examples = s.examples();
    bestStep = s.bestStep();
    bestScore = s.bestScore();
    sinceBest = s.sinceBest();
  }

  /**
   * A trainer that continues the checkpointed run with the checkpoint's model, optimizer and
   * schedule; {@code config} gives the budgets (in total, counted from the run's start).
   */
  public static <B> Trainer<B> resume(Checkpoint<? extends Trainable<B>> checkpoint, TrainConfig config) {
    TrainState s = checkpoint.state();
    if (s.batchSize() != config.batchSize()) {
      throw new IllegalArgumentException("resume: expected batch size " + s.batchSize()
          + " (the checkpoint's), found " + config.batchSize());
    }
    Trainer<B> t = new Trainer<>(checkpoint.model(), checkpoint.optimizer(), checkpoint.schedule(), config);
    t.restore(s);
    return t;
  }

  public Trainer<B> onStep(StepListener listener) {
    this.stepListener = listener;
    return this;
  }

  /**
   * Writes {@value #CHECKPOINT_FILE} into {@code dir} every {@code checkpointEvery} steps of the
   * config and when training stops; null: no checkpoints (the default).
   */
  public Trainer<B> checkpointsIn(Path dir) {
    this.runDir = dir;
    return this;
  }

  /**
   * Keeps the best model: {@link #validate} (after every epoch of {@link #fit}, or when a stream
   * trainer calls it) scores the model with {@code validator}, and whenever the score is lower
   * than every earlier one the model is written to {@code modelFile} (atomically, with {@code
   * extraMetadata} such as a vocabulary, and the best step and score). The last model lives in the
   * checkpoint.
   */
  public Trainer<B> keepBest(Validator validator, Path modelFile, Map<String, String> extraMetadata) {
    this.validator = validator;
    this.bestFile = modelFile;
    this.bestMetadata = Map.copyOf(extraMetadata);
    return this;
  }

  /**
   * Scores the model with the {@link #keepBest} validator and, on a new best, writes the model
   * file; returns the score. A non-finite score is never a best.
   */
  public double validate() {
    if (validator == null) {
      throw new IllegalStateException("validate: expected a validator (keepBest), found none");
    }
    double score = validator.score();
    schedule = schedule.afterValidation(score);
    if (Double.isFinite(score) && (bestStep < 0 || score < bestScore)) {
      bestStep = step;
      bestScore = score;
      sinceBest = 0;
      writeBest();
    } else {
      sinceBest++;
    }
    return score;
  }

  /**
   * Counts {@code updates} optimizer steps taken elsewhere on this trainer's model and optimizer
   * (the rounds of local SGD on a cluster, which step and average the optimizer's state
   * themselves), so that its validations, best model, patience and checkpoints see the global step.
   */
  public void advance(long updates) {
    if (updates < 0) {
      throw new IllegalArgumentException("advance: expected a number of updates >= 0, found " + updates);
    }
    step += updates;
  }

  /** Whether the config's patience ran out: that many validations in a row without a new best. */
  public boolean patienceRunOut() {
    return config.patience() > 0 && sinceBest >= config.patience();
  }

  /** The best validation score so far, or null before the first validation. */
  public Best best() {
    return bestStep < 0 ? null : new Best(bestStep, bestScore);
  }

  private void writeBest() {
    Map<String, String> meta = new LinkedHashMap<>(bestMetadata);
    meta.put("train.best_step", Long.toString(bestStep));
    meta.put("train.best_score", Double.toString(bestScore));
    try {
      if (bestFile.getParent() != null) {
        Files.createDirectories(bestFile.getParent());
      }
      ModelFile.write(bestFile, model, meta);
    } catch (IOException e) {
      throw new UncheckedIOException("writing the best model to " + bestFile + ": " + e.getMessage(), e);
    }
  }

  public TrainState state() {
    return new TrainState(step, epoch, batchIndex, epochShuffleState, tokens, skipped, epochLossSum, epochMaxGradNorm,
        epochBatches, elapsedSeconds, config.batchSize(), examples, bestStep, bestScore, sinceBest);
  }

  public Trainable<B> model() { return model; }
  public Optimizer optimizer() { return optimizer; }
  /** The schedule as it is now (a plateau schedule changes with the validations). */
  public Schedule schedule() { return schedule; }
  /** The learning rate of the latest update (NaN before the first). */
  public double learningRate() { return lastLr; }
  /** Seconds of training so far, counted from the run's start across resumes, as of the latest update. */
  public double elapsedSeconds() { return elapsedSeconds; }
  public TrainConfig config() { return config; }
  /** Why the last {@link #fit} returned; null before. */
  public StopReason stopReason() { return stopReason; }

  /** Everything a resumed run needs, as of now. */
  public Checkpoint<Trainable<B>> checkpoint() {
    return new Checkpoint<>(model, optimizer, schedule, state());
  }

  /**
   * Trains until a budget runs out or the listener says stop; returns the epoch reached (the
   * number of epochs run when all ran). With a run directory, writes a checkpoint every {@code
   * checkpointEvery} steps and when training stops.
   */
  public int fit(Batches<B> data, EpochListener listener) {
    if (examples >= 0 && examples != data.examples()) {
      throw new IllegalArgumentException("resume: expected the checkpoint's " + examples
          + " training examples, found " + data.examples());
    }
    examples = data.examples();
    if (validator == null && config.schedule().equals("plateau")) {
      throw new IllegalStateException("schedule plateau: expected validation scores to react to (Trainer.keepBest), "
          + "found no validator; use another schedule");
    }
    clockStart = -1; // time between two fits does not count
    clock(); // starts it
    Rng shuffle = new Rng(0);
    while (epoch <= config.epochs()) {
      // Drawn again from the epoch's starting state, so a run resumed mid-epoch sees the same batches.
      shuffle.setState(epochShuffleState);
      List<B> batches = data.epoch(config.batchSize(), shuffle);
      while (batchIndex < batches.size()) {
        elapsedSeconds = clock();
        if (config.maxSteps() > 0 && step >= config.maxSteps()) {
          return stop(StopReason.STEPS, epoch);
        }
        if (config.maxMinutes() > 0 && elapsedSeconds >= 60 * config.maxMinutes()) {
          return stop(StopReason.TIME, epoch);
        }
        update(batches.get(batchIndex), epoch - 1 + (double) batchIndex / batches.size());
        batchIndex++;
        if (config.checkpointEvery() > 0 && step % config.checkpointEvery() == 0) {
          writeCheckpoint();
        }
      }
      double validation = validator == null ? Double.NaN : validate();
      EpochStats stats = new EpochStats(epochLossSum / Math.max(1, epochBatches), epochMaxGradNorm, epochBatches,
          validation);
      int finished = epoch;
      epoch++;
      batchIndex = 0;
      epochShuffleState = shuffle.state();
      epochLossSum = 0;
      epochMaxGradNorm = 0;
      epochBatches = 0;
      if (listener != null && !listener.epochEnd(finished, stats)) {
        return stop(StopReason.LISTENER, finished);
      }
      if (patienceRunOut()) {
        return stop(StopReason.PATIENCE, finished);
      }
    }
    return stop(StopReason.EPOCHS, config.epochs());
  }

  private int stop(StopReason reason, int epochReached) {
    stopReason = reason;
    writeCheckpoint();
    return epochReached;
  }

  private void writeCheckpoint() {
    if (runDir == null) {
      return;
    }
    try {
      Files.createDirectories(runDir);
      checkpoint().save(runDir.resolve(CHECKPOINT_FILE));
    } catch (IOException e) {
      throw new UncheckedIOException("writing a checkpoint into " + runDir + ": " + e.getMessage(), e);
    }
  }

  /**
   * One update on one batch (zero gradients, forward, loss, backward, clip, optimizer step), with
   * the non-finite policy applied; counts the step and its tokens. Returns the batch's loss.
   * {@link #fit} calls it for each batch; stream trainers such as {@link TruncatedBptt} call it
   * directly.
   */
  public double update(B batch) {
    return update(batch, epoch - 1);
  }

  /** {@link #update(Object)} with the epochs done so far (fractional), for a schedule over an epoch budget. */
  double update(B batch, double epochsDone) {
    elapsedSeconds = clock();
    Parameters p = model.parameters();
    p.zeroGrads();
    model.setTraining(true);
    double loss;
    try {
      loss = model.lossAndGradient(batch);
    } finally {
      model.setTraining(false);
    }
    float[] g = p.grads();
    double norm = Clipping.norm(g);
    double lr = schedule.lr(step, budgetUsed(epochsDone));
    lastLr = lr;
    boolean skip = !Double.isFinite(loss) || !Double.isFinite(norm);
    if (skip && config.onNonFinite() == NonFinitePolicy.STOP) {
      throw new NonFiniteException("step " + (step + 1) + " (epoch " + epoch + ", batch " + (batchIndex + 1) + "): "
          + describeNonFinite(loss, p) + "; stopping before the update (lower the learning rate or clip gradients)");
    }
    if (skip) {
      skipped++;
    } else {
      if (config.clipValue() > 0) {
        Clipping.byValue(g, config.clipValue());
      }
      if (config.clipNorm() > 0) {
        Clipping.byNorm(g, config.clipNorm());
      }
      optimizer.setLearningRate(lr);
      optimizer.step(p);
      epochLossSum += loss;
      epochMaxGradNorm = Math.max(epochMaxGradNorm, norm);
      epochBatches++;
    }
    tokens += model.positions(batch);
    step++;
    if (stepListener != null) {
      stepListener.stepEnd(new StepInfo(step, epoch, loss, norm, lr, tokens, skip, skipped));
    }
    return loss;
  }

  /** Seconds of training, the checkpointed part included; the clock starts at this process's first update or fit. */
  private double clock() {
    long now = System.nanoTime();
    if (clockStart < 0) {
      clockStart = now;
      clockBase = elapsedSeconds;
    }
    return clockBase + (now - clockStart) / 1e9;
  }

  /** The fraction of the budget used: the furthest of the step, time and epoch budgets. */
  private double budgetUsed(double epochsDone) {
    double used = epochsDone / config.epochs();
    if (config.maxSteps() > 0) {
      used = Math.max(used, (double) step / config.maxSteps());
    }
    if (config.maxMinutes() > 0) {
      used = Math.max(used, elapsedSeconds / (60 * config.maxMinutes()));
    }
    return used;
  }

  /** "loss is NaN; first non-finite gradient: 'weight_hh_l0'[3] = NaN", or the part that applies. */
  static String describeNonFinite(double loss, Parameters p) {
    String lossPart = Double.isFinite(loss) ? "" : "loss is " + loss;
    float[] g = p.grads();
    for (Parameters.Param param : p.params().values()) {
      for (int i = 0; i < param.size(); i++) {
        float v = g[param.offset() + i];
        if (!Float.isFinite(v)) {
          return (lossPart.isEmpty() ? "" : lossPart + "; ") + "first non-finite gradient: '" + param.name()
              + "'[" + i + "] = " + v;
        }
      }
    }
    return lossPart.isEmpty() ? "gradient norm overflows to infinity" : lossPart;
  }

  /** Training produced NaN or infinity. */
  public static final class NonFiniteException extends IllegalStateException {
    public NonFiniteException(String message) {
      super(message);
    }
  }
}
