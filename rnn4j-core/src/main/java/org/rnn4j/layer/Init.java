package org.rnn4j.layer;

import java.util.Locale;
import java.util.Random;
import org.rnn4j.tensor.Parameters;

/**
 * Weight initialisation of a recurrent layer.
 *
 * <ul>
 *   <li>{@code pytorch}: every weight and bias uniform in ±1/√H (torch.nn.RNN/LSTM/GRU).
 *   <li>{@code xavier}: Glorot uniform, ±√(6 / (fan_in + fan_out)) with W (fan_out, fan_in) =
 *       (G, I) or (G, H); biases zero (Keras's default kernel initialiser).
 *   <li>{@code orthogonal}: W_ih Glorot uniform; each H×H gate block of W_hh a random orthogonal
 *       matrix (Saxe et al. 2014; Keras's recurrent default), so products of W_hh neither grow
 *       nor shrink at first; biases zero.
 * </ul>
 */
public enum Init {
  PYTORCH, XAVIER, ORTHOGONAL;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Init parse(String s) {
    for (Init i : values()) {
      if (i.id().equals(s.toLowerCase(Locale.ROOT))) {
        return i;
      }
    }
    throw new IllegalArgumentException("init: expected pytorch, xavier or orthogonal, found '" + s + "'");
  }

  /** w[off .. off + rows·cols) uniform in ±√(6 / (rows + cols)). */
  static void glorotUniform(float[] w, int off, int rows, int cols, Random rng) {
    Parameters.uniform(w, off, rows * cols, (float) Math.sqrt(6.0 / (rows + cols)), rng);
  }

  /**
   * An n×n orthogonal matrix into w[off ..): Gram–Schmidt on the rows of a Gaussian matrix, the
   * QR factor Q with signs fixed so the distribution is uniform (Haar).
   */
  static void orthogonal(float[] w, int off, int n, Random rng) {
    double[][] q = new double[n][n];
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < n; c++) {
        q[r][c] = rng.nextGaussian();
      }
      for (int pass = 0; pass < 2; pass++) { // twice is enough for float accuracy
        for (int p = 0; p < r; p++) {
          double dot = 0;
          for (int c = 0; c < n; c++) {
            dot += q[r][c] * q[p][c];
          }
          for (int c = 0; c < n; c++) {
            q[r][c] -= dot * q[p][c];
          }
        }
      }
      double norm = 0;
      for (int c = 0; c < n; c++) {
        norm += q[r][c] * q[r][c];
      }
      norm = Math.sqrt(norm);
      for (int c = 0; c < n; c++) {
        q[r][c] /= norm;
      }
    }
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < n; c++) {
        w[off + r * n + c] = (float) q[r][c];
      }
    }
  }
}
