package org.rnn4j.optim;

import org.rnn4j.math.Kernels;

/** Gradient clipping on the flat gradient buffer. */
public final class Clipping {
  private Clipping() {}

  /** Floats per partial sum of {@link #norm}. */
  private static final int CHUNK = 4096;

  /**
   * The global L2 norm of all gradients: sums of squares over fixed chunks (split among
   * threads), added in order, so the same on any thread count.
   */
  public static double norm(float[] grads) {
    double[] partial = new double[(grads.length + CHUNK - 1) / CHUNK];
    Kernels.parallelFor(partial.length, grads.length, (c0, c1) -> {
      for (int c = c0; c < c1; c++) {
        double s = 0;
        for (int i = c * CHUNK, end = Math.min(grads.length, i + CHUNK); i < end; i++) {
          s += (double) grads[i] * grads[i];
        }
        partial[c] = s;
      }
    });
    double s = 0;
    for (double p : partial) {
      s += p;
    }
    return Math.sqrt(s);
  }

  /**
   * Scales all gradients by {@code max / norm} when the global norm exceeds {@code max}, as
   * {@code torch.nn.utils.clip_grad_norm_}; returns the norm before clipping.
   */
  public static double byNorm(float[] grads, double max) {
    double n = norm(grads);
    if (n > max) {
      float scale = (float) (max / (n + 1e-6));
      Kernels.parallelFor(grads.length, grads.length, (from, to) -> {
        for (int i = from; i < to; i++) {
          grads[i] *= scale;
        }
      });
    }
    return n;
  }

  /** Clamps every gradient component to [−max, max], as {@code clip_grad_value_}. */
  public static void byValue(float[] grads, double max) {
    float m = (float) max;
    for (int i = 0; i < grads.length; i++) {
      grads[i] = Math.max(-m, Math.min(m, grads[i]));
    }
  }
}
