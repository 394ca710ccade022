package org.rnn4j.math;

/**
 * Row-major single-precision matrix multiply, the one kernel every layer's heavy lifting goes
 * through:
 *
 * <pre>C[m, n] = alpha * op(A)[m, k] * op(B)[k, n] + beta * C[m, n]</pre>
 *
 * where {@code op(X)} is X or its transpose. {@code lda}, {@code ldb}, {@code ldc} are the row
 * strides of the arrays as stored (so A stored {@code (m, k)} has {@code lda >= k}, and A stored
 * transposed, {@code (k, m)}, has {@code lda >= m}). With {@code beta == 0}, C is overwritten
 * (its old contents, even NaN, are ignored).
 */
public interface Gemm {
  void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
      float beta, float[] c, int cOff, int ldc);

  /**
   * Lays out op(B) (k, n) once for repeated products {@link #gemm(boolean, int, float, float[],
   * int, int, PackedB, float, float[], int, int)} — the same arithmetic as the unpacked call, so
   * the same results, without re-packing B every time.
   */
  default PackedB pack(boolean transB, int n, int k, float[] b, int bOff, int ldb) {
    return PackedB.plain(transB, n, k, b, bOff, ldb);
  }

  /**
   * The same, written into {@code reuse} when this kernel made it for the same shape (its old
   * contents are then gone), else into a new pack: a layer that packs its weights at every call
   * keeps one buffer instead of making megabytes of garbage.
   */
  default PackedB pack(boolean transB, int n, int k, float[] b, int bOff, int ldb, PackedB reuse) {
    return pack(transB, n, k, b, bOff, ldb);
  }

  /** C[m, n] = alpha · op(A)[m, k] · B + beta · C with B packed by {@link #pack}. */
  default void gemm(boolean transA, int m, float alpha, float[] a, int aOff, int lda, PackedB b,
      float beta, float[] c, int cOff, int ldc) {
    gemm(transA, false, m, b.n, b.k, alpha, a, aOff, lda, b.plain, 0, b.n, beta, c, cOff, ldc);
  }
}
