package org.rnn4j.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options of {@code rnn train --inputs X.npy --targets Y.npy}: any sequence data as arrays. */
final class ArrayOptions {
  @Option(names = "--inputs", paramLabel = "X.npy",
      description = "Inputs, batch-first (N, T, I); (N, I) for one-to-many; (T, N, I) with --time-major.")
  Path inputs;

  @Option(names = "--targets", paramLabel = "Y.npy",
      description = "Targets: many-to-one (N, O) or (N) class indices; others (N, T_out, O) or (N, T_out); "
          + "time-major (T_out, N, ...).")
  Path targets;

  @Option(names = "--mapping", defaultValue = "many-to-many",
      description = "many-to-one, many-to-many, one-to-many, one-to-many-every or delayed:K (default: ${DEFAULT-VALUE}).")
  String mapping;

  @Option(names = "--loss", defaultValue = "mse",
      description = "mse (values), ce (softmax; targets are class indices) or bce (sigmoid; 0/1 targets) (default: ${DEFAULT-VALUE}).")
  String loss;

  @Option(names = "--lengths", paramLabel = "L.npy",
      description = "Each sequence's length (N); later steps are padding and change nothing.")
  Path lengths;

  @Option(names = "--time-major", description = "The sequence arrays are (T, N, ...) instead of batch-first (N, T, ...).")
  boolean timeMajor;

  @Option(names = "--val-fraction", defaultValue = "0.1",
      description = "The fraction that validates: the last sequences for arrays, a seeded stratified draw for "
          + "--classify, a seeded random fraction of the pairs for --pairs (default: ${DEFAULT-VALUE}).")
  double valFraction;
}
