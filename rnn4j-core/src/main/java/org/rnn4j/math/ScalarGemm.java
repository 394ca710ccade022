package org.rnn4j.math;

/** The reference GEMM: plain loops, accumulating in float in a fixed order. */
public final class ScalarGemm implements Gemm {

  @Override
  public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
      float beta, float[] c, int cOff, int ldc) {
    for (int i = 0; i < m; i++) {
      int ci = cOff + i * ldc;
      if (beta == 0f) {
        java.util.Arrays.fill(c, ci, ci + n, 0f);
      } else if (beta != 1f) {
        for (int j = 0; j < n; j++) {
          c[ci + j] *= beta;
        }
      }
      for (int p = 0; p < k; p++) {
        float aip = alpha * (transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p]);
        if (aip == 0f) {
          continue;
        }
        if (transB) {
          for (int j = 0; j < n; j++) {
            c[ci + j] += aip * b[bOff + j * ldb + p];
          }
        } else {
          int bp = bOff + p * ldb;
          for (int j = 0; j < n; j++) {
            c[ci + j] += aip * b[bp + j];
          }
        }
      }
    }
  }
}
