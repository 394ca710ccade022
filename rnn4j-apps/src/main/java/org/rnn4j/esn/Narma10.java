package org.rnn4j.esn;

import java.util.Random;

/**
 * The NARMA10 system (Atiya &amp; Parlos 2000), the standard memory-and-nonlinearity benchmark:
 * <pre>
 *   y_{t+1} = 0.3 y_t + 0.05 y_t Σ_{i=0}^{9} y_{t−i} + 1.5 u_{t−9} u_t + 0.1,   u_t ~ U[0, 0.5]
 * </pre>
 * with y_t = 0 (and u_t = 0) before the start. The model sees u_t and predicts y_{t+1}. The
 * system occasionally diverges for an unlucky input; such a draw is rejected and the inputs are
 * drawn again from the same generator, so the result is still a function of the seed.
 */
public final class Narma10 {
  private static final double DIVERGED = 10;

  private Narma10() {}

  /** Inputs u (T) and targets y (T) where target[t] = y_{t+1}, the system's response to u_0..u_t. */
  public record Data(double[] input, double[] target) {}

  public static Data generate(int length, Random rng) {
    if (length <= 0) {
      throw new IllegalArgumentException("NARMA10 length: expected a positive number of steps, found " + length);
    }
    while (true) {
      double[] u = new double[length];
      for (int t = 0; t < length; t++) {
        u[t] = 0.5 * rng.nextDouble();
      }
      double[] y = new double[length + 1]; // y[0] = 0; y[t+1] from u[0..t]
      boolean bounded = true;
      for (int t = 0; t < length && bounded; t++) {
        double window = 0;
        for (int i = 0; i <= 9 && t - i >= 0; i++) {
          window += y[t - i];
        }
        double uLagged = t >= 9 ? u[t - 9] : 0;
        y[t + 1] = 0.3 * y[t] + 0.05 * y[t] * window + 1.5 * uLagged * u[t] + 0.1;
        bounded = Math.abs(y[t + 1]) < DIVERGED;
      }
      if (bounded) {
        return new Data(u, java.util.Arrays.copyOfRange(y, 1, length + 1));
      }
    }
  }
}
