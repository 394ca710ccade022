package org.rnn4j.data;

/** Scores shared by tasks, forecasters and echo state networks. */
public final class Metrics {
  private Metrics() {}

  /** Root-mean-square error divided by the standard deviation of the target (1 = predicting the mean). */
  public static double nrmse(float[] pred, float[] target) {
    double mean = 0;
    for (float v : target) {
      mean += v;
    }
    mean /= target.length;
    double se = 0, var = 0;
    for (int i = 0; i < target.length; i++) {
      se += (pred[i] - target[i]) * (double) (pred[i] - target[i]);
      var += (target[i] - mean) * (target[i] - mean);
    }
    return Math.sqrt(se / Math.max(var, 1e-12));
  }
}
