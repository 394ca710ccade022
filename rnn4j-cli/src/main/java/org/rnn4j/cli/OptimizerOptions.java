package org.rnn4j.cli;

import org.rnn4j.train.TrainConfig;
import picocli.CommandLine.Option;

/**
 * The optimisation options of every training command: optimizer, rate, schedule, clipping,
 * budget in epochs and patience; unset means the command's or the task's default.
 */
final class OptimizerOptions {
  @Option(names = "--epochs", description = "Maximum epochs (training stops early when the task is solved).")
  Integer epochs;

  @Option(names = "--batch", description = "Minibatch size; 1 is SGD per sequence.")
  Integer batch;

  @Option(names = "--lr", description = "Learning rate.")
  Double lr;

  @Option(names = "--clip", description = "Clip the global gradient norm to this value (0 = off).")
  Double clip;

  @Option(names = "--optimizer", description = "sgd, momentum, nesterov, adagrad, rmsprop, adam or adamw (default: adam).")
  String optimizer;

  @Option(names = "--schedule", paramLabel = "S", description = "Learning-rate schedule: constant; step (x --gamma "
      + "every --step-every updates); cosine (to --lr-floor over the budget: the steps, else the minutes by elapsed "
      + "time, else the epochs); plateau (x --gamma, down to --lr-floor, after --plateau-patience validations without "
      + "a new best). Default: constant (the language model: plateau).")
  String schedule;

  @Option(names = "--lr-floor", paramLabel = "LR", description = "Lowest rate of the cosine and plateau schedules (default: 0).")
  Double lrFloor;

  @Option(names = "--warmup", paramLabel = "N", description = "Linear warm-up over the first N updates (default: 0).")
  Long warmup;

  @Option(names = "--gamma", paramLabel = "F", description = "Factor of the step and plateau schedules (default: 0.1; "
      + "the language model: 0.5).")
  Double gamma;

  @Option(names = "--step-every", paramLabel = "N", description = "Updates between the step schedule's decays (default: 1000).")
  Long stepEvery;

  @Option(names = "--plateau-patience", paramLabel = "N",
      description = "Validations without a new best before the plateau schedule lowers the rate (default: 2).")
  Integer plateauPatience;

  @Option(names = "--patience", paramLabel = "N",
      description = "Stop after N validations in a row without a new best score (default: never).")
  Integer patience;

  /** {@code base} (the task's or the command's defaults) with the options given here. */
  TrainConfig applyTo(TrainConfig base) {
    TrainConfig.Builder b = base.toBuilder();
    if (epochs != null && epochs > 0) {
      b.epochs(epochs);
    }
    if (batch != null && batch > 0) {
      b.batchSize(batch);
    }
    if (lr != null) {
      b.lr(lr);
    }
    if (clip != null) {
      b.clipNorm(clip);
    }
    if (optimizer != null) {
      b.optimizer(optimizer);
    }
    if (patience != null) {
      b.patience(patience);
    }
    if (schedule != null) {
      b.schedule(schedule);
    }
    if (lrFloor != null) {
      b.lrFloor(lrFloor);
    }
    if (warmup != null) {
      b.warmupSteps(warmup);
    }
    if (gamma != null) {
      b.gamma(gamma);
    }
    if (stepEvery != null) {
      b.stepEvery(stepEvery);
    }
    if (plateauPatience != null) {
      b.plateauPatience(plateauPatience);
    }
    return b.build();
  }

}
