package org.rnn4j.math;

import java.util.Arrays;
import java.util.Random;

/**
 * One seeded test product C = alpha·op(A)·op(B) + beta·C: A, B and C in [-1, 1), embedded at
 * offsets in arrays whose row strides are padded; where beta = 0, C's own elements are NaN
 * (they must be ignored) while the padding between its rows must stay untouched.
 */
record GemmCase(boolean ta, boolean tb, int m, int n, int k, float alpha, float beta,
    float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {

  /** Operands drawn from {@code seed}; strides are the matrices' widths plus {@code pad} (C: plus {@code cPad}). */
  static GemmCase of(boolean ta, boolean tb, int m, int n, int k, float alpha, float beta, long seed, int pad,
      int cPad, int aOff, int bOff, int cOff) {
    Random r = new Random(seed);
    int lda = (ta ? m : k) + pad, ldb = (tb ? k : n) + pad, ldc = n + cPad;
    float[] a = random(r, aOff + (ta ? k : m) * lda);
    float[] b = random(r, bOff + (tb ? n : k) * ldb);
    float[] c = random(r, cOff + m * ldc + pad);
    if (beta == 0f) {
      for (int i = 0; i < m; i++) {
        Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, Float.NaN);
      }
    }
    return new GemmCase(ta, tb, m, n, k, alpha, beta, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
  }

  /** C after the product by {@code g} (on a copy), B packed first when {@code packed}. */
  float[] run(Gemm g, boolean packed) {
    float[] out = c.clone();
    if (packed) {
      float[] source = b.clone();
      PackedB p = g.pack(tb, n, k, source, bOff, ldb);
      Arrays.fill(source, 0f); // a pack is a snapshot
      g.gemm(ta, m, alpha, a, aOff, lda, p, beta, out, cOff, ldc);
    } else {
      g.gemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, out, cOff, ldc);
    }
    return out;
  }

  static float[] random(Random r, int len) {
    float[] x = new float[len];
    for (int i = 0; i < len; i++) {
      x[i] = r.nextFloat() * 2f - 1f;
    }
    return x;
  }
}
