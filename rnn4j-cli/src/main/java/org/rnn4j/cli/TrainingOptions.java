package org.rnn4j.cli;

import org.rnn4j.cell.Activation;
import org.rnn4j.layer.Fusion;
import org.rnn4j.layer.Init;
import org.rnn4j.task.Task;
import org.rnn4j.task.TaskRunner;
import org.rnn4j.train.TrainConfig;
import picocli.CommandLine.Option;

/** Model and optimisation options shared by {@code task} and {@code train}; unset means the task's default. */
final class TrainingOptions {
  @Option(names = "--cell", description = "Recurrent cell: elman, lstm, lstm:forget-bias, peephole, gru, forget, "
      + "leaky[:TAU], leaky-learned[:TAU], skip[:D] (default: the task's: elman; lstm for adding and reber)."
      + " On 'rnn task', 'all' runs the task once per cell and compares them.")
  String cell;

  @Option(names = "--nonlinearity", paramLabel = "F",
      description = "The f of the cells that have one to choose (elman, leaky, leaky-learned, skip): tanh, relu, "
          + "sigmoid or identity (default: tanh).")
  String nonlinearity;

  @Option(names = "--hidden", description = "Hidden units per layer.")
  Integer hidden;

  @Option(names = "--layers", description = "Stacked layers (default: 1).")
  Integer layers;

  @Option(names = "--bidirectional", description = "Run every layer in both directions.")
  boolean bidirectional;

  @Option(names = "--fusion", defaultValue = "concat",
      description = "How two directions combine: concat (PyTorch), sum, average, or tanh (tanh(W_f h_f + W_b h_b + b),"
          + " weights of its own) (default: ${DEFAULT-VALUE}).")
  String fusion;

  @Option(names = "--dropout", defaultValue = "0", description = "Dropout between stacked layers, training only (default: ${DEFAULT-VALUE}).")
  double dropout;

  @Option(names = "--init", defaultValue = "pytorch",
      description = "Weight initialisation: pytorch (uniform ±1/√H), xavier, orthogonal (recurrent) (default: ${DEFAULT-VALUE}).")
  String init;

  @Option(names = "--init-radius", paramLabel = "RHO", defaultValue = "0",
      description = "After --init, scale each gate block of the recurrent weights W_hh to this spectral radius"
          + " (> 1: gradients through time grow; 0 = keep --init's weights; default: ${DEFAULT-VALUE}).")
  double initRadius;

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

  @Option(names = "--seed", defaultValue = "1", description = "Seed of every random draw (default: ${DEFAULT-VALUE}).")
  long seed;

  TaskRunner.Options toRunnerOptions() {
    return new TaskRunner.Options(cell, hidden, layers, bidirectional, Fusion.parse(fusion), dropout, Init.parse(init), seed,
        nonlinearity(), initRadius);
  }

  /** The --nonlinearity given, or null for the model's default (tanh). */
  Activation nonlinearity() {
    if (nonlinearity == null) {
      return null;
    }
    try {
      return Activation.parse(nonlinearity);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--nonlinearity: expected tanh, relu, sigmoid or identity, found '" + nonlinearity + "'");
    }
  }

  /** {@code base} (the task's or the command's defaults) with the training options given here. */
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

  /** The task's training settings with the options given here. */
  TrainConfig trainingFor(Task task) {
    return applyTo(TaskRunner.training(task, seed));
  }
}
