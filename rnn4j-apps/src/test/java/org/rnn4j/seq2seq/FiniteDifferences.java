package org.rnn4j.seq2seq;

import java.util.function.DoubleSupplier;
import org.rnn4j.check.GradCheck;

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
    return GradCheck.error(analytic, off, values, off, n, EPSILON, f);
  }
}
