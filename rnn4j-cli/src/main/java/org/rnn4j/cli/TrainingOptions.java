package org.rnn4j.cli;

import org.rnn4j.task.TaskRunner;
import picocli.CommandLine.Option;

/** Model and optimisation options shared by {@code task} and {@code train}; unset means the task's default. */
final class TrainingOptions {
  @Option(names = "--cell", description = "Recurrent cell (default: the task's, elman; lstm for adding and reber)."
      + " On 'rnn task', 'all' runs the task once per cell and compares them.")
  String cell;

  @Option(names = "--hidden", description = "Hidden units per layer.")
  Integer hidden;

  @Option(names = "--layers", description = "Stacked layers (default: 1).")
  Integer layers;

  @Option(names = "--epochs", description = "Maximum epochs (training stops early when the task is solved).")
  Integer epochs;

  @Option(names = "--batch", description = "Minibatch size; 1 is SGD per sequence.")
  Integer batch;

  @Option(names = "--lr", description = "Learning rate.")
  Double lr;

  @Option(names = "--clip", description = "Clip the global gradient norm to this value (0 = off).")
  Double clip;

  @Option(names = "--optimizer", description = "adam or sgd (default: adam).")
  String optimizer;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of every random draw (default: ${DEFAULT-VALUE}).")
  long seed;

  TaskRunner.Options toRunnerOptions() {
    return new TaskRunner.Options(cell, hidden, layers, epochs, batch, lr, clip, optimizer, seed);
  }
}
