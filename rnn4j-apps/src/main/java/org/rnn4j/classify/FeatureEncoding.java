package org.rnn4j.classify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows of numbers as feature vectors, each feature normalised by the mean and standard deviation
 * of the training rows (a constant feature keeps std 1). {@code idColumn} names the column whose
 * value groups consecutive rows into one sequence, so new files are read the same way.
 */
public record FeatureEncoding(String idColumn, List<String> features, float[] mean, float[] std)
    implements SequenceEncoding {
  /** How the error for a missing feature cell ends: a sequence classifier reads no gaps (it has no --missing). */
  public static final String NO_GAPS = "; a sequence classifier's features have no gaps";

  static final String INPUT = "features";

  public FeatureEncoding {
    features = List.copyOf(features);
    if (features.isEmpty() || mean.length != features.size() || std.length != features.size()) {
      throw new IllegalArgumentException("features: expected at least one, with a mean and a std each, found "
          + features.size() + " names, " + mean.length + " means, " + std.length + " stds");
    }
    for (float s : std) {
      if (!(s > 0) || !Float.isFinite(s)) {
        throw new IllegalArgumentException("features: expected standard deviations > 0, found " + s);
      }
    }
  }

  /** The normalisation of the training sequences' rows: {@code sequences} hold rows of {@code features.size()} values. */
  public static FeatureEncoding fit(String idColumn, List<String> features, List<float[][]> sequences) {
    int f = features.size();
    double[] sum = new double[f], sumSq = new double[f];
    long rows = 0;
    for (float[][] sequence : sequences) {
      for (float[] row : sequence) {
        for (int j = 0; j < f; j++) {
          sum[j] += row[j];
          sumSq[j] += (double) row[j] * row[j];
        }
        rows++;
      }
    }
    return fromSums(idColumn, features, sum, sumSq, rows);
  }

  /**
   * The normalisation {@link #fit} gives rows whose features sum to {@code sum} and whose squares
   * sum to {@code sumSq} (each feature's), {@code rows} rows in all: for sums taken elsewhere, e.g.
   * part by part on a cluster.
   */
  public static FeatureEncoding fromSums(String idColumn, List<String> features, double[] sum, double[] sumSq, long rows) {
    int f = features.size();
    float[] mean = new float[f], std = new float[f];
    for (int j = 0; j < f; j++) {
      double m = sum[j] / Math.max(rows, 1);
      double variance = Math.max(0, sumSq[j] / Math.max(rows, 1) - m * m);
      mean[j] = (float) m;
      std[j] = variance > 1e-12 ? (float) Math.sqrt(variance) : 1f;
    }
    return new FeatureEncoding(idColumn, features, mean, std);
  }

  /** One sequence's rows, normalised; each row holds the features in the order of {@link #features}. */
  public Sequence encode(float[][] rows) {
    int f = features.size();
    float[] values = new float[rows.length * f];
    for (int t = 0; t < rows.length; t++) {
      if (rows[t].length != f) {
        throw new IllegalArgumentException("features: expected " + f + " values a row " + features + ", found "
            + rows[t].length);
      }
      for (int j = 0; j < f; j++) {
        values[t * f + j] = (rows[t][j] - mean[j]) / std[j];
      }
    }
    return new Sequence(values, rows.length);
  }

  @Override
  public int inputSize() {
    return features.size();
  }

  @Override
  public boolean tokenInput() {
    return false;
  }

  @Override
  public Map<String, String> metadata() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(SequenceClassifier.PREFIX + "input", INPUT);
    m.put(SequenceClassifier.PREFIX + "id_column", idColumn);
    m.put(SequenceClassifier.PREFIX + "features", JsonLists.write(features));
    m.put(SequenceClassifier.PREFIX + "mean", JsonLists.write(mean));
    m.put(SequenceClassifier.PREFIX + "std", JsonLists.write(std));
    return m;
  }

  static FeatureEncoding fromMetadata(Map<String, String> m) {
    return new FeatureEncoding(SequenceClassifier.require(m, "id_column"),
        JsonLists.strings("features", SequenceClassifier.require(m, "features")),
        JsonLists.numbers("mean", SequenceClassifier.require(m, "mean")),
        JsonLists.numbers("std", SequenceClassifier.require(m, "std")));
  }
}
