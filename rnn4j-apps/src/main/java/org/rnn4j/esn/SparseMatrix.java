package org.rnn4j.esn;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/**
 * A square matrix in compressed sparse row form (row pointers, column indices, values). The
 * reservoir is usually 1–20 % full, so a step costs O(nonzeros) instead of O(N²); a dense
 * reservoir (connectivity 1) is simply a CSR matrix with every entry stored.
 */
public final class SparseMatrix {
  private final int n;
  private final int[] rowStart; // (N + 1): entries of row r are [rowStart[r], rowStart[r+1])
  private final int[] column;
  private final double[] value;

  private SparseMatrix(int n, int[] rowStart, int[] column, double[] value) {
    this.n = n;
    this.rowStart = rowStart;
    this.column = column;
    this.value = value;
  }

  /** Each entry is nonzero with probability {@code connectivity}, drawn from U[−1, 1]. */
  public static SparseMatrix random(int n, double connectivity, Random rng) {
    int[] rowStart = new int[n + 1];
    int[] column = new int[n * 8];
    double[] value = new double[n * 8];
    int k = 0;
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < n; c++) {
        if (connectivity >= 1 || rng.nextDouble() < connectivity) {
          if (k == column.length) {
            column = java.util.Arrays.copyOf(column, Math.min(2 * k, n * n));
            value = java.util.Arrays.copyOf(value, column.length);
          }
          column[k] = c;
          value[k++] = 2 * rng.nextDouble() - 1;
        }
      }
      rowStart[r + 1] = k;
    }
    return new SparseMatrix(n, rowStart, java.util.Arrays.copyOf(column, k), java.util.Arrays.copyOf(value, k));
  }

  /** From a dense row-major array (n × n); zeros are dropped. */
  public static SparseMatrix ofDense(int n, double[] dense) {
    if (dense.length != n * n) {
      throw new IllegalArgumentException("dense matrix: expected " + n * n + " values, found " + dense.length);
    }
    int nonzeros = 0;
    for (double v : dense) {
      nonzeros += v != 0 ? 1 : 0;
    }
    int[] rowStart = new int[n + 1];
    int[] column = new int[nonzeros];
    double[] value = new double[nonzeros];
    int k = 0;
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < n; c++) {
        if (dense[r * n + c] != 0) {
          column[k] = c;
          value[k++] = dense[r * n + c];
        }
      }
      rowStart[r + 1] = k;
    }
    return new SparseMatrix(n, rowStart, column, value);
  }

  public int size() {
    return n;
  }

  public int nonzeros() {
    return value.length;
  }

  /** out[r] += Σ_c A[r][c] · x[c]. */
  public void multiplyAdd(double[] x, double[] out) {
    for (int r = 0; r < n; r++) {
      double s = 0;
      for (int k = rowStart[r]; k < rowStart[r + 1]; k++) {
        s += value[k] * x[column[k]];
      }
      out[r] += s;
    }
  }

  /** A new matrix with every entry multiplied by {@code factor}. */
  public SparseMatrix scaled(double factor) {
    double[] v = value.clone();
    for (int k = 0; k < v.length; k++) {
      v[k] *= factor;
    }
    return new SparseMatrix(n, rowStart, column, v);
  }

  /** A new matrix with every entry rounded to the nearest float32 value. */
  public SparseMatrix toFloat32() {
    double[] v = value.clone();
    for (int k = 0; k < v.length; k++) {
      v[k] = (float) v[k];
    }
    return new SparseMatrix(n, rowStart, column, v);
  }

  /** The entries row-major (n × n), zeros included. */
  public double[] toArray() {
    double[] a = new double[n * n];
    for (int r = 0; r < n; r++) {
      for (int k = rowStart[r]; k < rowStart[r + 1]; k++) {
        a[r * n + column[k]] = value[k];
      }
    }
    return a;
  }

  public DMatrixRMaj toDense() {
    DMatrixRMaj m = new DMatrixRMaj(n, n);
    for (int r = 0; r < n; r++) {
      for (int k = rowStart[r]; k < rowStart[r + 1]; k++) {
        m.unsafe_set(r, column[k], value[k]);
      }
    }
    return m;
  }
}
