package org.rnn4j.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a time-series model reads a table: the feature columns (the {@code outputs} forecast
 * columns first, then any extra inputs), the horizon H (the outputs at step t predict the
 * forecast columns at t + H), the training window W, and the per-feature mean and standard
 * deviation of the training part used to normalise inputs and targets. Stored in the model file
 * ({@code rnn4j.series.*} keys) so that {@code predict} prepares new data exactly as training did;
 * a file without {@code rnn4j.series.outputs} (written before multivariate forecasts) has one.
 */
public record SeriesSpec(List<String> features, int outputs, int horizon, int window, float[] mean, float[] std) {
  /** The last fifth of the rows (in time order) is held out for validation. */
  public static final double VALIDATION_FRACTION = 0.2;

  private static final String PREFIX = "rnn4j.series.";

  public SeriesSpec {
    if (features.isEmpty() || mean.length != features.size() || std.length != features.size()) {
      throw new IllegalArgumentException("series: expected one mean and std per feature " + features + ", found "
          + mean.length + " means and " + std.length + " stds");
    }
    if (horizon < 1 || window < 1) {
      throw new IllegalArgumentException("series: expected horizon >= 1 and window >= 1, found horizon " + horizon
          + ", window " + window);
    }
    if (outputs < 1 || outputs > features.size()) {
      throw new IllegalArgumentException("series: expected 1 to " + features.size() + " forecast columns among the features "
          + features + ", found " + outputs);
    }
    for (String f : features) {
      if (f.isEmpty() || f.contains(",")) {
        throw new IllegalArgumentException("series: expected feature names that are non-empty and have no comma, found '" + f + "'");
      }
    }
    features = List.copyOf(features);
  }

  /** The forecast columns: the first {@link #outputs} features, in the order of the model's outputs. */
  public List<String> forecast() {
    return features.subList(0, outputs);
  }

  /** The first row of the validation part: the last {@link #VALIDATION_FRACTION} of the rows. */
  public static int validationStart(int rows) {
    return rows - (int) Math.floor(rows * VALIDATION_FRACTION);
  }

  /** The fewest rows that leave one training window (W inputs, targets H later) and one validation row. */
  public static int minimumRows(int window, int horizon) {
    int n = 1;
    while (validationStart(n) < window + horizon || validationStart(n) == n) {
      n++;
    }
    return n;
  }

  /**
   * Chooses the features of {@code table} (the forecast columns, then the extra features not
   * among them) and measures their mean and std on the training part only, so that nothing about
   * the validation rows leaks into training.
   */
  public static SeriesSpec fit(NumericTable table, List<String> forecast, List<String> extraFeatures, int horizon, int window) {
    List<String> features = features(forecast, extraFeatures);
    features.forEach(table::column); // a missing column is the first thing to report
    int rows = table.rows();
    requireRows(table.source(), rows, window, horizon);
    int train = validationStart(rows);
    float[] mean = new float[features.size()], std = new float[features.size()];
    for (int f = 0; f < features.size(); f++) {
      float[] v = table.column(features.get(f));
      double m = 0, var = 0;
      for (int r = 0; r < train; r++) {
        m += v[r];
      }
      m /= train;
      for (int r = 0; r < train; r++) {
        var += (v[r] - m) * (v[r] - m);
      }
      mean[f] = (float) m;
      std[f] = std(var, train);
    }
    return new SeriesSpec(features, forecast.size(), horizon, window, mean, std);
  }

  /** The features a forecaster of {@code forecast} reads: the forecast columns, then the extra ones not among them. */
  public static List<String> features(List<String> forecast, List<String> extraFeatures) {
    if (forecast.isEmpty() || Set.copyOf(forecast).size() != forecast.size()) {
      throw new IllegalArgumentException("--forecast: expected one or more distinct columns, found " + forecast);
    }
    List<String> features = new ArrayList<>(forecast);
    for (String f : extraFeatures) {
      if (!features.contains(f)) {
        features.add(f);
      }
    }
    return features;
  }

  /** Checks that {@code rows} rows of {@code source} leave a training window and a validation row ({@link #minimumRows}). */
  public static void requireRows(String source, long rows, int window, int horizon) {
    if (horizon < 1 || window < 1) {
      throw new IllegalArgumentException("series: expected --horizon >= 1 and --window >= 1, found horizon " + horizon
          + ", window " + window);
    }
    int needed = minimumRows(window, horizon);
    if (rows < needed) {
      throw new IllegalArgumentException(source + ": expected at least " + needed + " data rows for window " + window
          + " and horizon " + horizon + " (the last 20% is validation), found " + rows);
    }
  }

  /**
   * The standard deviation of n values from the sum of their squared deviations from their mean,
   * {@code sqrt(Σ (v − mean)² / n)}; a constant column carries no information, and dividing by 1
   * keeps it finite.
   */
  public static float std(double squaredDeviations, long n) {
    double s = Math.sqrt(squaredDeviations / n);
    return s > 1e-12 ? (float) s : 1f;
  }

  /** The normalised features of every row, (rows, F) row-major. */
  public float[] inputs(NumericTable table) {
    int rows = table.rows(), nf = features.size();
    float[] x = new float[rows * nf];
    for (int f = 0; f < nf; f++) {
      float[] v = table.column(features.get(f));
      for (int r = 0; r < rows; r++) {
        x[r * nf + f] = (v[r] - mean[f]) / std[f];
      }
    }
    return x;
  }

  /** A normalised value of forecast column k back in the data's units. */
  public float denormalise(int k, float z) {
    return z * std[k] + mean[k];
  }

  public Map<String, String> toMetadata() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(PREFIX + "features", String.join(",", features));
    m.put(PREFIX + "outputs", String.valueOf(outputs));
    m.put(PREFIX + "horizon", String.valueOf(horizon));
    m.put(PREFIX + "window", String.valueOf(window));
    m.put(PREFIX + "mean", join(mean));
    m.put(PREFIX + "std", join(std));
    return m;
  }

  /** Reads the spec back from model metadata; {@code source} names the file in errors. */
  public static SeriesSpec fromMetadata(Map<String, String> m, String source) {
    String features = m.get(PREFIX + "features");
    if (features == null) {
      throw new IllegalArgumentException(source + ": expected a time-series model (metadata key " + PREFIX
          + "features, written by 'rnn train --data FILE.csv --forecast COLUMN'), found none");
    }
    try {
      String outputs = m.getOrDefault(PREFIX + "outputs", "1");
      return new SeriesSpec(List.of(features.split(",")), Integer.parseInt(outputs), Integer.parseInt(m.get(PREFIX + "horizon")),
          Integer.parseInt(m.get(PREFIX + "window")), floats(m.get(PREFIX + "mean")), floats(m.get(PREFIX + "std")));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(source + ": expected valid " + PREFIX + "* metadata, found " + e.getMessage());
    }
  }

  private static String join(float[] v) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < v.length; i++) {
      sb.append(i > 0 ? "," : "").append(v[i]);
    }
    return sb.toString();
  }

  private static float[] floats(String s) {
    String[] parts = s.split(",");
    float[] v = new float[parts.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = Float.parseFloat(parts[i]);
    }
    return v;
  }
}
