package org.rnn4j.optim;

/** Gradient clipping on the flat gradient buffer. */
public final class Clipping {
  private Clipping() {}

  /** The global L2 norm of all gradients. */
  public static double norm(float[] grads) {
    double s = 0;
    for (float g : grads) {
      s += (double) g * g;
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
      for (int i = 0; i < grads.length; i++) {
        grads[i] *= scale;
      }
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
