package org.rnn4j.seq2seq;

import java.util.function.DoubleSupplier;

/**
 * Central differences as in {@link org.rnn4j.check.GradCheck}: ε = 1e-2 (float32 forward
 * passes), the error of one tensor {@code ‖analytic − numeric‖ / max(‖analytic‖, ‖numeric‖)}
 * (Frobenius norms), tolerance 2e-3.
 */
final class FiniteDifferences {
  static final double EPSILON = 1e-2;
  static final double TOLERANCE = 2e-3;

  private FiniteDifferences() {}

  /** The relative error of analytic[off .. off+n) against the central differences of f in values[off .. off+n). */
  static double error(float[] analytic, float[] values, int off, int n, DoubleSupplier f) {
    double diff = 0, na = 0, nn = 0;
    for (int i = 0; i < n; i++) {
      float saved = values[off + i];
      float up = (float) (saved + EPSILON), down = (float) (saved - EPSILON);
      values[off + i] = up;
      double plus = f.getAsDouble();
      values[off + i] = down;
      double minus = f.getAsDouble();
      values[off + i] = saved;
      double numeric = (plus - minus) / ((double) up - down);
      double a = analytic[off + i];
      diff += (a - numeric) * (a - numeric);
      na += a * a;
      nn += numeric * numeric;
    }
    return Math.sqrt(diff) / Math.max(Math.sqrt(Math.max(na, nn)), 1e-8);
  }
}
