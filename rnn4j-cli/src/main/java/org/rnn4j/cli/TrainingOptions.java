package org.rnn4j.cli;

import org.rnn4j.cell.Activation;
import org.rnn4j.layer.Fusion;
import org.rnn4j.layer.Init;
import org.rnn4j.task.Task;
import org.rnn4j.task.TaskRunner;
import org.rnn4j.train.TrainConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Model and optimisation options shared by {@code task}, {@code train}, {@code cnn-task} and {@code diagnose}; unset means the task's default. */
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

  @Option(names = "--bidirectional", description = "Run every layer in both directions; a many-to-one model (a "
      + "classifier) reads each direction after the whole sequence, as Keras and PyTorch's h_n do.")
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

  /** The optimisation options (optimizer, rate, schedule, clipping, budgets, patience), shared with {@code seq2seq}. */
  @Mixin OptimizerOptions optimization;

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
    return optimization.applyTo(base);
  }

  /** The task's training settings with the options given here. */
  TrainConfig trainingFor(Task task) {
    return applyTo(TaskRunner.training(task, seed));
  }
}
