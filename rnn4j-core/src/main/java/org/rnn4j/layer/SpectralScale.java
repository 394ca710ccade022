package org.rnn4j.layer;

import java.util.List;
import org.rnn4j.tensor.Parameters;

/**
 * Sets the spectral radius ρ(W) = max |λ_i(W)| of recurrent weights at initialisation: each
 * square H×H gate block of every layer's W_hh is multiplied by ρ_target / ρ(block). With ρ &gt; 1
 * the linearised recurrence h_t ≈ W_hh h_{t−1} grows and gradients through time explode; with ρ
 * &lt; 1 they fade (Pascanu et al. 2013).
 *
 * <p>The radius is computed in double precision from Gelfand's formula ρ(W) = lim ‖W^k‖^{1/k}
 * by repeated squaring: A ← A²/‖A²‖_F keeps the power W^(2^m) normalised while the logarithms
 * of the norms are summed, so after m squarings log ρ ≈ L_m / 2^m. The error of that estimate is
 * log(c)/2^m for a constant c of the matrix (how far ‖W^k‖ is from ρ^k), so it halves with every
 * squaring; squaring stops when the estimate changed by less than {@value #TOLERANCE} (relative),
 * which leaves an error of about that size (checked against EJML's eigenvalues in rnn4j-apps).
 * Unlike power iteration it needs no dominant eigenvalue: complex pairs, ties (an orthogonal
 * matrix has all |λ| = 1) and rotations converge alike. The cost is O(H³) per squaring, about 20
 * squarings: milliseconds for H = 64, about a second per block for H = 512.
 */
public final class SpectralScale {
  static final double TOLERANCE = 1e-8;
  private static final int MAX_SQUARINGS = 60;

  private SpectralScale() {}

  /** ρ of the n×n row-major matrix at {@code a[off ..]}; 0 for a nilpotent matrix. */
  public static double radius(float[] a, int off, int n) {
    if (n <= 0 || off < 0 || off + (long) n * n > a.length) {
      throw new IllegalArgumentException("spectral radius: expected an n×n matrix with n > 0 inside the array, found n="
          + n + " at offset " + off + " in " + a.length + " values");
    }
    double[] m = new double[n * n], sq = new double[n * n];
    for (int i = 0; i < n * n; i++) {
      m[i] = a[off + i];
    }
    double logNorm = normalise(m); // log of the factor taken out of W^(2^k); here k = 0
    if (logNorm == Double.NEGATIVE_INFINITY) {
      return 0;
    }
    double estimate = logNorm, scale = 1; // estimate = logNorm · 2^-k, scale = 2^-k
    for (int k = 1; k <= MAX_SQUARINGS; k++) {
      square(m, sq, n);
      double[] swap = m;
      m = sq;
      sq = swap;
      double logSquareNorm = normalise(m);
      if (logSquareNorm == Double.NEGATIVE_INFINITY) {
        return 0; // W^(2^k) = 0: all eigenvalues are 0
      }
      logNorm = 2 * logNorm + logSquareNorm;
      scale /= 2;
      double next = logNorm * scale;
      if (Math.abs(next - estimate) <= TOLERANCE) {
        return Math.exp(next);
      }
      estimate = next;
    }
    return Math.exp(estimate);
  }

  /**
   * Scales every square gate block of W_hh of each unit (named {@code weight_hh<suffix>}) to
   * spectral radius {@code rho}. A block whose radius is 0 (nilpotent: no growth to scale) is an
   * error.
   */
  public static void scaleRecurrent(Parameters p, List<Recurrent> units, double rho) {
    if (!(rho > 0) || Double.isInfinite(rho)) {
      throw new IllegalArgumentException("init radius: expected a finite number > 0, found " + rho);
    }
    float[] v = p.values();
    for (Recurrent u : units) {
      Parameters.Param w = p.get("weight_hh" + u.suffix());
      int h = u.hidden();
      for (int block = 0; block < u.cell().gates(); block++) {
        int off = w.offset() + block * h * h;
        double r = radius(v, off, h);
        if (r == 0) {
          throw new IllegalArgumentException("init radius: expected weight_hh" + u.suffix() + " block " + block
              + " to have a nonzero spectral radius, found 0 (a nilpotent matrix cannot be scaled to " + rho + ")");
        }
        float f = (float) (rho / r);
        for (int i = off; i < off + h * h; i++) {
          v[i] *= f;
        }
      }
    }
  }

  /** Divides m by its Frobenius norm and returns the norm's logarithm (−∞ when m is zero). */
  private static double normalise(double[] m) {
    double s = 0;
    for (double x : m) {
      s += x * x;
    }
    if (s == 0) {
      return Double.NEGATIVE_INFINITY;
    }
    double norm = Math.sqrt(s);
    for (int i = 0; i < m.length; i++) {
      m[i] /= norm;
    }
    return Math.log(norm);
  }

  /** out = m·m for n×n row-major matrices (i-k-j order: the inner loop runs along rows). */
  private static void square(double[] m, double[] out, int n) {
    java.util.Arrays.fill(out, 0);
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < n; k++) {
        double a = m[i * n + k];
        if (a == 0) {
          continue;
        }
        for (int j = 0; j < n; j++) {
          out[i * n + j] += a * m[k * n + j];
        }
      }
    }
  }
}
