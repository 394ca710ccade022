package org.rnn4j.esn;

/**
 * The Mackey–Glass delay differential equation, chaotic for τ = 17:
 * <pre>
 *   dx/dt = 0.2 x(t − τ) / (1 + x(t − τ)^10) − 0.1 x(t)
 * </pre>
 * Integrated by classical fourth-order Runge–Kutta with step h = 0.1 (τ/h = 170 steps of history);
 * the delayed term at the half steps t + h/2 − τ is the linear interpolation of the two stored
 * neighbours. Initial history x(t) = 1.2 for t ≤ 0; the first {@link #TRANSIENT} time units are
 * dropped and the series is sampled every 1 time unit (every 10th RK4 step). Deterministic.
 */
public final class MackeyGlass {
  public static final double TAU = 17;
  public static final double STEP = 0.1;
  public static final int STEPS_PER_SAMPLE = 10;
  public static final int TRANSIENT = 1000;

  private MackeyGlass() {}

  /** {@code length} samples, one per time unit, after the transient. */
  public static double[] series(int length) {
    if (length <= 0) {
      throw new IllegalArgumentException("Mackey-Glass length: expected a positive number of samples, found " + length);
    }
    int delay = (int) Math.round(TAU / STEP);
    int steps = (TRANSIENT + length) * STEPS_PER_SAMPLE;
    double[] x = new double[delay + steps + 1]; // x[k] = x((k − delay) h); k ≤ delay is the history
    java.util.Arrays.fill(x, 0, delay + 1, 1.2);
    for (int k = delay; k < x.length - 1; k++) {
      double lagged = x[k - delay];
      double laggedHalf = 0.5 * (x[k - delay] + x[k - delay + 1]);
      double laggedNext = x[k - delay + 1];
      double k1 = derivative(x[k], lagged);
      double k2 = derivative(x[k] + 0.5 * STEP * k1, laggedHalf);
      double k3 = derivative(x[k] + 0.5 * STEP * k2, laggedHalf);
      double k4 = derivative(x[k] + STEP * k3, laggedNext);
      x[k + 1] = x[k] + STEP / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
    }
    double[] out = new double[length];
    for (int i = 0; i < length; i++) {
      out[i] = x[delay + (TRANSIENT + i + 1) * STEPS_PER_SAMPLE];
    }
    return out;
  }

  private static double derivative(double x, double lagged) {
    return 0.2 * lagged / (1 + Math.pow(lagged, 10)) - 0.1 * x;
  }
}
