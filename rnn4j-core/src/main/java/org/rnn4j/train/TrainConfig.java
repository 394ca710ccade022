package org.rnn4j.train;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rnn4j.cell.Activation;
import org.rnn4j.cell.Cells;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.optim.Optimizer;
import org.rnn4j.optim.Optimizers;
import org.rnn4j.optim.Schedule;

/**
 * Every setting of a training run in one place, for every model the {@link Trainer} trains:
 * built in code ({@link #builder()}, starting from {@link #defaults()}, the one place each
 * default is stated), or read from a JSON file (snake_case keys, all optional) and written back
 * by {@link #toJson()} as the run's effective config. Validated when built: unknown keys and bad
 * values are errors naming the key, what was expected and what was found.
 *
 * <p>Training runs epochs over the data in minibatches of {@code batchSize} (1 = SGD per
 * sequence, the textbook's Algorithm 26.1) and stops at the first of the epoch, step and time
 * budgets; the seed drives the shuffling.
 *
 * @param clipNorm clip the global gradient norm to this (0 = off); clipValue likewise per value
 * @param onNonFinite what a non-finite loss or gradient does: stop, or skip the update
 * @param maxSteps budget of updates, 0 = none
 * @param maxMinutes budget of wall time, 0 = none
 * @param checkpointEvery steps between checkpoints in the run directory, 0 = only when training stops
 * @param optimizerOptions options for {@link Optimizers#create} (momentum, weight_decay, …)
 * @param schedule constant, step (× gamma every stepEvery steps), cosine (to lrFloor over
 *     scheduleSteps; when 0, over the steps left after warm-up of maxSteps, or without a step
 *     budget over the time budget by elapsed time, else over the epochs) or plateau (× gamma, to
 *     no less than lrFloor, after plateauPatience validations in a row without a new best score;
 *     Keras' ReduceLROnPlateau; needs a validator, see {@link Trainer#keepBest}); warmupSteps > 0
 *     puts a linear warm-up in front
 * @param patience early stopping: stop after this many validations in a row without a new best
 *     score (0 = never; needs a validator, see {@link Trainer#keepBest})
 * @param model overrides of the task's model; null fields keep the task's choice
 */
public record TrainConfig(int epochs, int batchSize, long maxSteps, double maxMinutes, double clipNorm,
    double clipValue, long seed, NonFinitePolicy onNonFinite, int checkpointEvery, String optimizer, double lr,
    Map<String, Object> optimizerOptions, String schedule, double gamma, long stepEvery, double lrFloor,
    long scheduleSteps, long warmupSteps, int plateauPatience, int patience, ModelOverrides model) {

  /**
   * Model settings a training config may override.
   *
   * @param nonlinearity the f of the cells that have one to choose (elman, leaky, skip): tanh, relu,
   *     sigmoid or identity; checked against the cell when applied
   */
  public record ModelOverrides(String cell, Integer hiddenSize, Integer numLayers, Boolean bidirectional,
      Double dropout, String nonlinearity) {
    public static final ModelOverrides NONE = new ModelOverrides(null, null, null, null, null, null);

    public ModelOverrides {
      if (nonlinearity != null) { // a bad name fails when the config is read, not when the model is built
        try {
          Activation.parse(nonlinearity);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("model.nonlinearity: expected one of tanh, relu, sigmoid, identity, found '"
              + nonlinearity + "'");
        }
      }
    }

    public ModelConfig applyTo(ModelConfig base) {
      ModelConfig.Builder b = base.toBuilder();
      if (cell != null) {
        b.cell(cell);
      }
      if (nonlinearity != null) {
        Cells.requireNonlinearity(cell != null ? cell : base.cell());
        b.nonlinearity(Activation.parse(nonlinearity));
      }
      if (hiddenSize != null) {
        b.hiddenSize(hiddenSize);
      }
      if (numLayers != null) {
        b.numLayers(numLayers);
      }
      if (bidirectional != null) {
        b.bidirectional(bidirectional);
      }
      if (dropout != null) {
        b.dropout(dropout);
      }
      return b.build();
    }
  }

  public TrainConfig {
    optimizerOptions.forEach((k, v) -> {
      if (v == null) {
        throw new IllegalArgumentException("optimizer_options." + k + ": expected a number or true/false, found null");
      }
    });
    optimizerOptions = Map.copyOf(optimizerOptions);
    // Validates every value now, so a bad config fails when read, not hours into a run.
    if (epochs <= 0 || batchSize <= 0) {
      throw new IllegalArgumentException("epochs/batch_size: expected integers > 0, found " + epochs + "/" + batchSize);
    }
    nonNegative("max_steps", maxSteps);
    nonNegative("max_minutes", maxMinutes);
    nonNegative("clip_norm", clipNorm);
    nonNegative("clip_value", clipValue);
    nonNegative("checkpoint_every", checkpointEvery);
    nonNegative("patience", patience);
    nonNegative("plateau_patience", plateauPatience);
    if (onNonFinite == null) {
      throw new IllegalArgumentException("on_non_finite: expected stop or skip, found null");
    }
    if (model == null) {
      model = ModelOverrides.NONE;
    }
    if (!(lr > 0) || Double.isInfinite(lr)) {
      throw new IllegalArgumentException("lr: expected a finite number > 0, found " + lr);
    }
    try {
      Optimizers.create(optimizer, lr, optimizerOptions);
    } catch (IllegalArgumentException e) {
      // Messages about the name already start with "optimizer:"; the rest are about the options.
      throw e.getMessage().startsWith("optimizer:") ? e
          : new IllegalArgumentException("optimizer_options: " + e.getMessage());
    }
    // A compact constructor's fields are assigned only after its body, hence the parameters.
    schedule(schedule, lr, gamma, stepEvery, lrFloor, scheduleSteps, warmupSteps, plateauPatience, maxSteps);
  }

  public static TrainConfig defaults() {
    return new TrainConfig(10, 16, 0, 0, 0, 0, 1, NonFinitePolicy.STOP, 0, "adam", 0.01, Map.of(), "constant", 0.1,
        1000, 0, 0, 0, 2, 0, ModelOverrides.NONE);
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return defaults().toBuilder();
  }

  /** A builder starting from this config. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  public static TrainConfig read(Path file) throws IOException {
    try {
      return fromJson(Files.readString(file));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /** Parses a JSON object; keys not given keep their {@link #defaults()}. */
  public static TrainConfig fromJson(String json) {
    Map<String, Object> root;
    try {
      root = JSON.std.mapFrom(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("training config: expected a JSON object, found invalid JSON ("
          + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")");
    }
    TrainConfig d = defaults();
    JsonFields f = new JsonFields("", root);
    JsonFields m = f.object("model");
    ModelOverrides model = new ModelOverrides(m.string("cell", null), m.positiveInt("hidden_size", null),
        m.positiveInt("num_layers", null), m.bool("bidirectional", null), m.number("dropout", null),
        m.string("nonlinearity", null));
    m.requireKnown();
    TrainConfig c = new TrainConfig(f.positiveInt("epochs", d.epochs), f.positiveInt("batch_size", d.batchSize),
        f.integer("max_steps", d.maxSteps), f.number("max_minutes", d.maxMinutes), f.number("clip_norm", d.clipNorm),
        f.number("clip_value", d.clipValue), f.integer("seed", d.seed),
        NonFinitePolicy.parse(f.string("on_non_finite", d.onNonFinite.id())),
        (int) f.integer("checkpoint_every", d.checkpointEvery), f.string("optimizer", d.optimizer),
        f.number("lr", d.lr), f.object("optimizer_options").values(), f.string("schedule", d.schedule),
        f.number("gamma", d.gamma), f.integer("step_every", d.stepEvery), f.number("lr_floor", d.lrFloor),
        f.integer("schedule_steps", d.scheduleSteps), f.integer("warmup_steps", d.warmupSteps),
        (int) f.integer("plateau_patience", d.plateauPatience), (int) f.integer("patience", d.patience), model);
    f.requireKnown();
    return c;
  }

  /** The effective config as pretty-printed JSON that {@link #fromJson} reads back to an equal config. */
  public String toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("epochs", epochs);
    m.put("batch_size", batchSize);
    m.put("max_steps", maxSteps);
    m.put("max_minutes", maxMinutes);
    m.put("clip_norm", clipNorm);
    m.put("clip_value", clipValue);
    m.put("seed", seed);
    m.put("on_non_finite", onNonFinite.id());
    m.put("checkpoint_every", checkpointEvery);
    m.put("optimizer", optimizer);
    m.put("lr", lr);
    m.put("optimizer_options", new java.util.TreeMap<>(optimizerOptions));
    m.put("schedule", schedule);
    m.put("gamma", gamma);
    m.put("step_every", stepEvery);
    m.put("lr_floor", lrFloor);
    m.put("schedule_steps", scheduleSteps);
    m.put("warmup_steps", warmupSteps);
    m.put("plateau_patience", plateauPatience);
    m.put("patience", patience);
    Map<String, Object> overrides = new LinkedHashMap<>();
    putIfSet(overrides, "cell", model.cell());
    putIfSet(overrides, "hidden_size", model.hiddenSize());
    putIfSet(overrides, "num_layers", model.numLayers());
    putIfSet(overrides, "bidirectional", model.bidirectional());
    putIfSet(overrides, "dropout", model.dropout());
    putIfSet(overrides, "nonlinearity", model.nonlinearity());
    m.put("model", overrides);
    try {
      return JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT).asString(m) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException("training config: cannot write JSON: " + e.getMessage(), e);
    }
  }

  private static void putIfSet(Map<String, Object> m, String key, Object v) {
    if (v != null) {
      m.put(key, v);
    }
  }

  public Optimizer newOptimizer() {
    return Optimizers.create(optimizer, lr, optimizerOptions);
  }

  /** The schedule of a run with this config, as it starts (warm-up included). */
  public Schedule newSchedule() {
    return schedule(schedule, lr, gamma, stepEvery, lrFloor, scheduleSteps, warmupSteps, plateauPatience, maxSteps);
  }

  private static Schedule schedule(String kind, double lr, double gamma, long stepEvery, double lrFloor,
      long scheduleSteps, long warmupSteps, int plateauPatience, long maxSteps) {
    nonNegative("warmup_steps", warmupSteps);
    nonNegative("schedule_steps", scheduleSteps);
    Schedule main = switch (kind) {
      case "constant" -> new Schedule.Constant(lr);
      case "step" -> {
        if (!(gamma > 0) || Double.isInfinite(gamma) || stepEvery <= 0) {
          throw new IllegalArgumentException("gamma/step_every: expected a number > 0 and an integer > 0 for a step "
              + "schedule, found gamma=" + gamma + ", step_every=" + stepEvery);
        }
        yield new Schedule.StepDecay(lr, gamma, stepEvery);
      }
      case "cosine" -> {
        requireFloor(lr, lrFloor);
        if (scheduleSteps == 0 && maxSteps == 0) {
          yield new Schedule.CosineToBudget(lr, lrFloor); // the length in steps is not known in advance
        }
        long total = scheduleSteps > 0 ? scheduleSteps : maxSteps - warmupSteps;
        if (total <= 0) {
          throw new IllegalArgumentException("max_steps: expected more than warmup_steps = " + warmupSteps
              + " for a cosine schedule over the step budget, found " + maxSteps);
        }
        yield new Schedule.Cosine(lr, lrFloor, total);
      }
      case "plateau" -> {
        requireFloor(lr, lrFloor);
        if (!(gamma > 0 && gamma < 1) || plateauPatience <= 0) {
          throw new IllegalArgumentException("gamma/plateau_patience: expected a factor in (0, 1) and an integer > 0 "
              + "for a plateau schedule, found gamma=" + gamma + ", plateau_patience=" + plateauPatience);
        }
        yield Schedule.Plateau.start(lr, gamma, plateauPatience, lrFloor);
      }
      default -> throw new IllegalArgumentException("schedule: expected constant, step, cosine or plateau, found '"
          + kind + "'");
    };
    return warmupSteps > 0 ? new Schedule.Warmup(warmupSteps, main) : main;
  }

  private static void requireFloor(double lr, double lrFloor) {
    if (!(lrFloor >= 0 && lrFloor <= lr)) {
      throw new IllegalArgumentException("lr_floor: expected a number in [0, lr = " + lr + "], found " + lrFloor);
    }
  }

  private static void nonNegative(String key, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(key + ": expected a finite number >= 0, found " + v);
    }
  }

  /** Builds a config field by field; {@link #build()} validates it. */
  public static final class Builder {
    private int epochs, batchSize, checkpointEvery, plateauPatience, patience;
    private long maxSteps, seed, stepEvery, scheduleSteps, warmupSteps;
    private double maxMinutes, clipNorm, clipValue, lr, gamma, lrFloor;
    private NonFinitePolicy onNonFinite;
    private String optimizer, schedule;
    private Map<String, Object> optimizerOptions;
    private ModelOverrides model;

    private Builder(TrainConfig c) {
      epochs = c.epochs;
      batchSize = c.batchSize;
      maxSteps = c.maxSteps;
      maxMinutes = c.maxMinutes;
      clipNorm = c.clipNorm;
      clipValue = c.clipValue;
      seed = c.seed;
      onNonFinite = c.onNonFinite;
      checkpointEvery = c.checkpointEvery;
      optimizer = c.optimizer;
      lr = c.lr;
      optimizerOptions = c.optimizerOptions;
      schedule = c.schedule;
      gamma = c.gamma;
      stepEvery = c.stepEvery;
      lrFloor = c.lrFloor;
      scheduleSteps = c.scheduleSteps;
      warmupSteps = c.warmupSteps;
      plateauPatience = c.plateauPatience;
      patience = c.patience;
      model = c.model;
    }

    public Builder epochs(int v) { epochs = v; return this; }
    public Builder batchSize(int v) { batchSize = v; return this; }
    public Builder maxSteps(long v) { maxSteps = v; return this; }
    public Builder maxMinutes(double v) { maxMinutes = v; return this; }
    public Builder clipNorm(double v) { clipNorm = v; return this; }
    public Builder clipValue(double v) { clipValue = v; return this; }
    public Builder seed(long v) { seed = v; return this; }
    public Builder onNonFinite(NonFinitePolicy v) { onNonFinite = v; return this; }
    public Builder checkpointEvery(int v) { checkpointEvery = v; return this; }
    public Builder optimizer(String v) { optimizer = v; return this; }
    public Builder lr(double v) { lr = v; return this; }
    public Builder optimizerOptions(Map<String, Object> v) { optimizerOptions = v; return this; }
    public Builder schedule(String v) { schedule = v; return this; }
    public Builder gamma(double v) { gamma = v; return this; }
    public Builder stepEvery(long v) { stepEvery = v; return this; }
    public Builder lrFloor(double v) { lrFloor = v; return this; }
    public Builder scheduleSteps(long v) { scheduleSteps = v; return this; }
    public Builder warmupSteps(long v) { warmupSteps = v; return this; }
    public Builder plateauPatience(int v) { plateauPatience = v; return this; }
    public Builder patience(int v) { patience = v; return this; }
    public Builder model(ModelOverrides v) { model = v; return this; }

    public TrainConfig build() {
      return new TrainConfig(epochs, batchSize, maxSteps, maxMinutes, clipNorm, clipValue, seed, onNonFinite,
          checkpointEvery, optimizer, lr, optimizerOptions, schedule, gamma, stepEvery, lrFloor, scheduleSteps,
          warmupSteps, plateauPatience, patience, model);
    }
  }
}
