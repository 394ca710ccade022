package org.rnn4j.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options of {@code rnn train --data FILE.csv --forecast COLUMN}: a time-series forecaster. */
final class SeriesOptions {
  @Option(names = "--forecast", split = ",", paramLabel = "A[,B...]",
      description = "Train a forecaster of these columns of the --data CSV (a header row, then one row per time step).")
  List<String> forecast;

  @Option(names = "--horizon", defaultValue = "1", description = "Predict the value this many rows ahead (default: ${DEFAULT-VALUE}).")
  int horizon;

  @Option(names = "--window", defaultValue = "50", description = "Rows per training window; every row of a window trains (default: ${DEFAULT-VALUE}).")
  int window;

  @Option(names = "--features", split = ",", paramLabel = "A,B",
      description = "Other columns read as extra inputs (default: only the forecast column); with --classify FILE.csv, "
          + "the feature columns (default: all but --id and --label).")
  List<String> features = new ArrayList<>();
}
