package org.rnn4j.math;

/**
 * op(B) of a matrix product, laid out once for many products with the same right-hand side —
 * the recurrent weights, used at every time step. A pack is a snapshot: later changes to the
 * source array do not reach it. Made by {@link Gemm#pack}; only the kernel that made it (or a
 * wrapper around that kernel) reads its layout.
 */
public final class PackedB {
  final int n;
  final int k;
  /** op(B) as a row-major (k, n) copy, for kernels without a layout of their own; else null. */
  final float[] plain;
  /** {@link BlockedGemm}'s layout: [strip · slices + slice] → zero-padded k rows of the panel. */
  final float[][][] panels;
  /** {@link VectorGemm}'s layout: k slices, each a row of k-major column panels; else null. */
  final float[] vector;

  PackedB(int n, int k, float[] plain, float[][][] panels, float[] vector) {
    this.n = n;
    this.k = k;
    this.plain = plain;
    this.panels = panels;
    this.vector = vector;
  }

  /** Columns of op(B). */
  public int n() {
    return n;
  }

  /** Rows of op(B) (the shared dimension of the product). */
  public int k() {
    return k;
  }

  /** A plain (k, n) copy of op(B), where B is (k, n) with row stride ldb, or (n, k) when transposed. */
  static PackedB plain(boolean transB, int n, int k, float[] b, int bOff, int ldb) {
    float[] p = new float[k * n];
    for (int r = 0; r < k; r++) {
      for (int j = 0; j < n; j++) {
        p[r * n + j] = transB ? b[bOff + j * ldb + r] : b[bOff + r * ldb + j];
      }
    }
    return new PackedB(n, k, p, null, null);
  }
}
