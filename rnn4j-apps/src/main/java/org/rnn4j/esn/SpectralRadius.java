package org.rnn4j.esn;

import java.util.Random;
import org.ejml.data.Complex_F64;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The spectral radius ρ(W) = max |λ_i(W)|, computed two ways:
 * <ul>
 *   <li>{@link #eigenvalues}: all eigenvalues by EJML's dense eigen decomposition, O(N³), used up to
 *       {@link #EIGEN_MAX_UNITS} units;</li>
 *   <li>{@link #powerIteration}: repeated products x ← Wx/‖Wx‖ on a sparse W. A random real W
 *       usually has a complex-conjugate dominant pair, where plain power iteration rotates instead
 *       of converging, so each estimate fits the two-term recurrence W²x + a·Wx + b·x ≈ 0 by least
 *       squares; the roots of λ² + aλ + b are then the dominant pair (or the top two real
 *       eigenvalues), and ρ is the larger modulus.</li>
 * </ul>
 */
public final class SpectralRadius {
  /** Above this size the O(N³) eigen decomposition gives way to power iteration. */
  public static final int EIGEN_MAX_UNITS = 1000;

  private static final int MAX_ITERATIONS = 20_000;
  private static final int CHECK_EVERY = 20;
  private static final double TOLERANCE = 1e-12;

  private SpectralRadius() {}

  /** Eigenvalues as {re, im}, from EJML's eigen decomposition of the dense matrix. */
  public static double[][] eigenvalues(DMatrixRMaj w) {
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(w.numRows, false);
    if (!eig.decompose(w.copy())) {
      throw new IllegalArgumentException("reservoir eigenvalues: expected the eigen decomposition of a "
          + w.numRows + "×" + w.numCols + " matrix to converge, found it did not");
    }
    int n = eig.getNumberOfEigenvalues();
    double[][] out = new double[2][n];
    for (int i = 0; i < n; i++) {
      Complex_F64 l = eig.getEigenvalue(i);
      out[0][i] = l.real;
      out[1][i] = l.imaginary;
    }
    return out;
  }

  /** max |λ| of the given eigenvalues {re, im}. */
  public static double of(double[][] eigenvalues) {
    double max = 0;
    for (int i = 0; i < eigenvalues[0].length; i++) {
      max = Math.max(max, Math.hypot(eigenvalues[0][i], eigenvalues[1][i]));
    }
    return max;
  }

  /** ρ(W) by the two-term power iteration described above, from a seeded random start. */
  public static double powerIteration(SparseMatrix w, long seed) {
    int n = w.size();
    Random rng = new Random(seed);
    double[] x = new double[n], y = new double[n], z = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = rng.nextGaussian();
    }
    normalise(x);
    double previous = Double.NaN;
    for (int it = 1; it <= MAX_ITERATIONS; it++) {
      java.util.Arrays.fill(y, 0);
      w.multiplyAdd(x, y); // y = W x
      double norm = Math.sqrt(dot(y, y));
      if (norm == 0) {
        return 0; // W^k x vanished: nilpotent on the start vector
      }
      if (it % CHECK_EVERY == 0 || it == MAX_ITERATIONS) {
        java.util.Arrays.fill(z, 0);
        w.multiplyAdd(y, z); // z = W² x
        double estimate = twoTermEstimate(x, y, z, norm);
        if (Math.abs(estimate - previous) <= TOLERANCE * estimate) {
          return estimate;
        }
        previous = estimate;
      }
      for (int i = 0; i < n; i++) {
        x[i] = y[i] / norm;
      }
    }
    return previous;
  }

  /** Fits z + a·y + b·x ≈ 0 (x unit length, y = Wx, z = Wy) and returns the larger |root| of λ² + aλ + b. */
  private static double twoTermEstimate(double[] x, double[] y, double[] z, double yNorm) {
    double yy = dot(y, y), xy = dot(x, y), xx = dot(x, x), yz = dot(y, z), xz = dot(x, z);
    double det = yy * xx - xy * xy;
    if (det <= 1e-12 * yy * xx) {
      return yNorm; // y ∥ x: x is a real eigenvector and ‖Wx‖ its |eigenvalue|
    }
    double a = (-yz * xx + xz * xy) / det;
    double b = (-xz * yy + yz * xy) / det;
    double disc = a * a - 4 * b;
    if (disc < 0) {
      return Math.sqrt(b); // complex pair: |λ|² = λ·conj(λ) = b
    }
    double s = Math.sqrt(disc);
    return Math.max(Math.abs((-a + s) / 2), Math.abs((-a - s) / 2));
  }

  private static void normalise(double[] v) {
    double norm = Math.sqrt(dot(v, v));
    for (int i = 0; i < v.length; i++) {
      v[i] /= norm;
    }
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
