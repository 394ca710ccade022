package org.rnn4j.cli;

import org.rnn4j.layer.Fusion;
import org.rnn4j.layer.Init;
import org.rnn4j.task.TaskRunner;
import picocli.CommandLine.Option;

/** Model and optimisation options shared by {@code task} and {@code train}; unset means the task's default. */
final class TrainingOptions {
  @Option(names = "--cell", description = "Recurrent cell: elman, lstm, lstm:forget-bias, peephole, gru, forget, "
      + "leaky[:TAU], leaky-learned[:TAU], skip[:D] (default: the task's: elman; lstm for adding and reber)."
      + " On 'rnn task', 'all' runs the task once per cell and compares them.")
  String cell;

  @Option(names = "--hidden", description = "Hidden units per layer.")
  Integer hidden;

  @Option(names = "--layers", description = "Stacked layers (default: 1).")
  Integer layers;

  @Option(names = "--bidirectional", description = "Run every layer in both directions.")
  boolean bidirectional;

  @Option(names = "--fusion", defaultValue = "concat",
      description = "How two directions combine: concat (PyTorch), sum or average (default: ${DEFAULT-VALUE}).")
  String fusion;

  @Option(names = "--dropout", defaultValue = "0", description = "Dropout between stacked layers, training only (default: ${DEFAULT-VALUE}).")
  double dropout;

  @Option(names = "--init", defaultValue = "pytorch",
      description = "Weight initialisation: pytorch (uniform ±1/√H), xavier, orthogonal (recurrent) (default: ${DEFAULT-VALUE}).")
  String init;

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
    return new TaskRunner.Options(cell, hidden, layers, bidirectional, Fusion.parse(fusion), dropout, Init.parse(init), epochs, batch, lr,
        clip, optimizer, seed);
  }
}
