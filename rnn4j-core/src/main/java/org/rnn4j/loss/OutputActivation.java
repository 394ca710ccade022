package org.rnn4j.loss;

import java.util.Locale;
import org.rnn4j.cell.Activation;

/** The output nonlinearity f_o of {@code o = f_o(W_o h + b_o)}, applied row by row. */
public enum OutputActivation {
  IDENTITY, SIGMOID, SOFTMAX;

  /** o (n, w) = f_o(z). */
  public void apply(float[] z, int n, int w, float[] o) {
    for (int r = 0; r < n; r++) {
      int off = r * w;
      switch (this) {
        case IDENTITY -> System.arraycopy(z, off, o, off, w);
        case SIGMOID -> {
          for (int j = 0; j < w; j++) {
            o[off + j] = Activation.sigmoid(z[off + j]);
          }
        }
        case SOFTMAX -> softmaxRow(z, off, w, o);
      }
    }
  }

  /** dz = J_f(z)^T do, with J expressed through the outputs o. */
  public void backward(float[] o, float[] dOut, int n, int w, float[] dz) {
    for (int r = 0; r < n; r++) {
      int off = r * w;
      switch (this) {
        case IDENTITY -> System.arraycopy(dOut, off, dz, off, w);
        case SIGMOID -> {
          for (int j = 0; j < w; j++) {
            float y = o[off + j];
            dz[off + j] = dOut[off + j] * y * (1f - y);
          }
        }
        case SOFTMAX -> {
          // dz_j = p_j (do_j - Σ_k p_k do_k)
          double dot = 0;
          for (int j = 0; j < w; j++) {
            dot += o[off + j] * dOut[off + j];
          }
          for (int j = 0; j < w; j++) {
            dz[off + j] = (float) (o[off + j] * (dOut[off + j] - dot));
          }
        }
      }
    }
  }

  /** Index of the largest of v[off .. off + n) (the first one on ties): a row's predicted class. */
  public static int argmax(float[] v, int off, int n) {
    int best = 0;
    for (int j = 1; j < n; j++) {
      if (v[off + j] > v[off + best]) {
        best = j;
      }
    }
    return best;
  }

  /**
   * Numerically stable softmax of one row: subtract the max before exponentiating. {@code out}
   * may be {@code z} (in place).
   */
  public static void softmaxRow(float[] z, int off, int w, float[] out) {
    float max = Float.NEGATIVE_INFINITY;
    for (int j = 0; j < w; j++) {
      max = Math.max(max, z[off + j]);
    }
    double sum = 0;
    for (int j = 0; j < w; j++) {
      double e = Math.exp(z[off + j] - max);
      out[off + j] = (float) e;
      sum += e;
    }
    float inv = (float) (1.0 / sum);
    for (int j = 0; j < w; j++) {
      out[off + j] *= inv;
    }
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static OutputActivation parse(String s) {
    for (OutputActivation a : values()) {
      if (a.id().equals(s.toLowerCase(Locale.ROOT))) {
        return a;
      }
    }
    throw new IllegalArgumentException("output activation: expected identity, sigmoid or softmax, found '" + s + "'");
  }
}
