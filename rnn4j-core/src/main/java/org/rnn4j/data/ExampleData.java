package org.rnn4j.data;

import java.util.List;
import java.util.Random;
import org.rnn4j.tensor.Tensor;

/** Small seeded example data sets for the docs, the tests and {@code rnn data}. */
public final class ExampleData {
  private ExampleData() {}

  /**
   * A time series with columns {@code t}, {@code value} = sin(0.5t) + 0.5 sin(1.3t) + 0.05ε (the
   * built-in sine task's signal) and {@code cos} = cos(0.5t), a helpful extra feature.
   */
  public static NumericTable sineSeries(int rows, long seed) {
    Random rng = new Random(seed);
    float[] t = new float[rows], value = new float[rows], cos = new float[rows];
    for (int i = 0; i < rows; i++) {
      t[i] = i;
      value[i] = (float) (Math.sin(0.5 * i) + 0.5 * Math.sin(1.3 * i) + 0.05 * rng.nextGaussian());
      cos[i] = (float) Math.cos(0.5 * i);
    }
    return NumericTable.of("sine", List.of("t", "value", "cos"), new float[][] {t, value, cos});
  }

  /** Arrays for a classification: inputs (N, T, 1), class indices (N), lengths (N). */
  public record Arrays(Tensor inputs, Tensor targets, Tensor lengths) {}

  /** The angular frequencies of the {@link #waves} classes. */
  static final double[] FREQUENCIES = {0.3, 0.7, 1.5};

  /**
   * Which of three frequencies is a noisy wave? Sequence i is sin(ω_c t + φ) + 0.2ε with a
   * random class c and phase φ, {@code minSteps} … {@code maxSteps} steps long and padded with
   * zeros to {@code maxSteps}; its length is in {@code lengths}.
   */
  public static Arrays waves(int n, int minSteps, int maxSteps, long seed) {
    if (minSteps < 1 || maxSteps < minSteps) {
      throw new IllegalArgumentException("waves: expected 1 <= min steps <= max steps, found " + minSteps + " and " + maxSteps);
    }
    Random rng = new Random(seed);
    float[] x = new float[n * maxSteps], y = new float[n], len = new float[n];
    for (int i = 0; i < n; i++) {
      int c = rng.nextInt(FREQUENCIES.length);
      int steps = minSteps + rng.nextInt(maxSteps - minSteps + 1);
      double phase = rng.nextDouble() * 2 * Math.PI;
      for (int t = 0; t < steps; t++) {
        x[i * maxSteps + t] = (float) (Math.sin(FREQUENCIES[c] * t + phase) + 0.2 * rng.nextGaussian());
      }
      y[i] = c;
      len[i] = steps;
    }
    return new Arrays(Tensor.of(x, n, maxSteps, 1), Tensor.of(y, n), Tensor.of(len, n));
  }
}
