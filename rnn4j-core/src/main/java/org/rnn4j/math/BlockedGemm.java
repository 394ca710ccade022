package org.rnn4j.math;

/**
 * Cache-blocked single-threaded SGEMM written so that C2's SuperWord pass vectorizes the inner
 * loop (512-bit vectors on AVX-512 machines), in plain Java 17 with no Vector API.
 *
 * <p>Structure: C is updated one {@code NC}-wide column strip and one {@code KC}-deep slice of k
 * at a time. The slice of op(B) is packed into one array per k row (a transposing copy when B is
 * stored transposed, plain row copies otherwise). Then 2 rows of C at a time are copied into
 * accumulator rows and updated 4 k-steps per pass of the inner loop, which walks j: every loaded
 * B vector feeds 2 FMAs and every accumulator element is loaded and stored once per 4 k-steps.
 * The 2 rows of alpha * op(A) are packed into a small k-major array first (a few hundred floats).
 *
 * <p>Reduction order: for every element of C, k is consumed in KC slices from 0 upwards, within a
 * slice in groups of 4 ({@code c = fma(a3,b3, fma(a2,b2, fma(a1,b1, fma(a0,b0,c))))}), the last
 * group zero-padded. The order does not depend on the element's row or column position, so
 * computing any sub-block of C separately gives bit-identical results; {@link ParallelGemm}
 * relies on that.
 *
 * <p>A product of at most {@code DOT_MAX_M} rows with transposed B uses dot products instead,
 * because packing B would cost as much as the product itself.
 */
public final class BlockedGemm implements Gemm {
  /**
   * k-slice depth: a KC x NC panel of packed B (256 x 512 floats = 512 KiB) stays in the 1 MiB
   * L2 of Zen 4. A multiple of 4 (the kernel's k-step); the property exists for tuning runs.
   */
  static final int KC = (Math.max(4, Integer.getInteger("rnn4j.gemm.kc", 256)) + 3) & ~3;
  /** Column strip width: 2 accumulator rows (4 KiB) plus 4 rows of B (8 KiB) stay in L1. */
  static final int NC = Math.max(16, Integer.getInteger("rnn4j.gemm.nc", 512));
  /** Debug switch (-Drnn4j.gemm.checks=true): validates kernel arguments on every call. */
  private static final boolean CHECK_ARGS = Boolean.getBoolean("rnn4j.gemm.checks");
  /** Row counts up to this use dot products for transposed B instead of packing it. */
  static final int DOT_MAX_M = 2;

  /** Per-thread buffers, allocated on a thread's first call and reused after. */
  private static final class Workspace {
    /** Packed op(B) panel, one distinct array per k row (see {@link #kernel2} for why). */
    final float[][] pk = new float[KC][NC];
    /** Copies of the 2 C rows being updated. */
    final float[] acc0 = new float[NC];
    final float[] acc1 = new float[NC];
    /** alpha * op(A) for the rows being updated, k-major (see {@link #packA2}). */
    final float[] ap = new float[2 * KC];
  }

  private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

  @Override
  public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
      float beta, float[] c, int cOff, int ldc) {
    if (m <= 0 || n <= 0) {
      return;
    }
    if (transB && m <= DOT_MAX_M) {
      fewRows(transA, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
      return;
    }
    scaleC(m, n, beta, c, cOff, ldc);
    if (k <= 0 || alpha == 0f) {
      return;
    }
    Workspace ws = WORKSPACE.get();
    float[][] pk = ws.pk;
    for (int jc = 0; jc < n; jc += NC) {
      int nb = Math.min(NC, n - jc);
      for (int pc = 0; pc < k; pc += KC) {
        int kb = Math.min(KC, k - pc);
        if (transB) {
          packTransposed(b, bOff + jc * ldb + pc, ldb, kb, nb, pk);
        } else {
          for (int p = 0; p < kb; p++) {
            System.arraycopy(b, bOff + (pc + p) * ldb + jc, pk[p], 0, nb);
          }
        }
        padSlice(pk, kb, nb);
        multiplyPanel(transA, m, alpha, a, aOff, lda, pc, kb, pk, nb, c, cOff + jc, ldc, ws);
      }
    }
  }

  @Override
  public PackedB pack(boolean transB, int n, int k, float[] b, int bOff, int ldb) {
    int strips = (n + NC - 1) / NC, slices = (k + KC - 1) / KC;
    float[][][] panels = new float[strips * slices][][];
    for (int s = 0; s < strips; s++) {
      int jc = s * NC, nb = Math.min(NC, n - jc);
      for (int q = 0; q < slices; q++) {
        int pc = q * KC, kb = Math.min(KC, k - pc);
        float[][] pk = new float[(kb + 3) & ~3][nb];
        if (transB) {
          packTransposed(b, bOff + jc * ldb + pc, ldb, kb, nb, pk);
        } else {
          for (int p = 0; p < kb; p++) {
            System.arraycopy(b, bOff + (pc + p) * ldb + jc, pk[p], 0, nb);
          }
        }
        panels[s * slices + q] = pk; // padding rows are zero already
      }
    }
    return new PackedB(n, k, null, panels, null);
  }

  @Override
  public void gemm(boolean transA, int m, float alpha, float[] a, int aOff, int lda, PackedB b,
      float beta, float[] c, int cOff, int ldc) {
    if (b.panels == null) {
      if (b.plain == null) {
        throw new IllegalArgumentException("B was packed by another kernel (VectorGemm); pack it with this one");
      }
      Gemm.super.gemm(transA, m, alpha, a, aOff, lda, b, beta, c, cOff, ldc);
      return;
    }
    int n = b.n, k = b.k;
    if (m <= 0 || n <= 0) {
      return;
    }
    scaleC(m, n, beta, c, cOff, ldc);
    if (k <= 0 || alpha == 0f) {
      return;
    }
    Workspace ws = WORKSPACE.get();
    int slices = (k + KC - 1) / KC;
    for (int jc = 0, s = 0; jc < n; jc += NC, s++) {
      int nb = Math.min(NC, n - jc);
      for (int pc = 0, q = 0; pc < k; pc += KC, q++) {
        multiplyPanel(transA, m, alpha, a, aOff, lda, pc, Math.min(KC, k - pc), b.panels[s * slices + q], nb,
            c, cOff + jc, ldc, ws);
      }
    }
  }

  /** Zero rows of B after the slice's last k row, up to a multiple of 4 (see multiplyPanel). */
  private static void padSlice(float[][] pk, int kb, int nb) {
    int kp = (kb + 3) & ~3;
    for (int p = kb; p < kp; p++) {
      java.util.Arrays.fill(pk[p], 0, nb, 0f);
    }
  }

  /**
   * C[0, m) × [0, nb) += alpha · op(A)[:, pc .. pc+kb) · pk, for one packed panel of op(B).
   *
   * <p>The slice is padded to a multiple of 4 k-steps with zero rows of B and zero A values, so
   * the kernel needs no remainder loop: with one in the same compiled method, C2 stopped
   * vectorizing the main loop (measured ~12 vs ~55 GFLOP/s). fma(0, 0, c) == c, so the padding
   * changes no result (beyond turning a -0 into +0).
   */
  private static void multiplyPanel(boolean transA, int m, float alpha, float[] a, int aOff, int lda, int pc, int kb,
      float[][] pk, int nb, float[] c, int cOff, int ldc, Workspace ws) {
    // Row/column strides of op(A) as stored: element (i, p) is at aOff + i*ars + p*acs.
    int ars = transA ? 1 : lda;
    int acs = transA ? lda : 1;
    int kp = (kb + 3) & ~3;
    java.util.Arrays.fill(ws.ap, 2 * kb, 2 * kp, 0f);
    int aBase = aOff + pc * acs;
    int i = 0;
    for (; i + 2 <= m; i += 2) {
      int ci = cOff + i * ldc;
      System.arraycopy(c, ci, ws.acc0, 0, nb);
      System.arraycopy(c, ci + ldc, ws.acc1, 0, nb);
      packA2(kb, alpha, a, aBase + i * ars, ars, acs, ws.ap);
      kernel2(kp, nb, ws.ap, pk, ws.acc0, ws.acc1);
      System.arraycopy(ws.acc0, 0, c, ci, nb);
      System.arraycopy(ws.acc1, 0, c, ci + ldc, nb);
    }
    if (i < m) {
      // Odd last row: run the 2-row kernel with a zero second row into scratch. Twice the
      // arithmetic, but vectorized, and the same per-element order as every other row.
      int ci = cOff + i * ldc;
      System.arraycopy(c, ci, ws.acc0, 0, nb);
      packA2(kb, alpha, a, aBase + i * ars, 0, acs, ws.ap);
      for (int p = 0; p < kb; p++) {
        ws.ap[2 * p + 1] = 0f;
      }
      kernel2(kp, nb, ws.ap, pk, ws.acc0, ws.acc1);
      System.arraycopy(ws.acc0, 0, c, ci, nb);
    }
  }

  /** C = beta * C, with beta == 0 overwriting (so NaN in C is ignored). */
  static void scaleC(int m, int n, float beta, float[] c, int cOff, int ldc) {
    if (beta == 1f) {
      return;
    }
    for (int i = 0; i < m; i++) {
      int ci = cOff + i * ldc;
      if (beta == 0f) {
        java.util.Arrays.fill(c, ci, ci + n, 0f);
      } else {
        for (int j = 0; j < n; j++) {
          c[ci + j] *= beta;
        }
      }
    }
  }

  /** Copies the kb x nb block op(B) = B^T (B stored (n, k), row stride ldb) into pk rows. */
  static void packTransposed(float[] b, int base, int ldb, int kb, int nb, float[][] pk) {
    // 4 source rows at a time: each B row is read sequentially, 4 adjacent floats of each
    // packed row are written together.
    int j = 0;
    for (; j + 4 <= nb; j += 4) {
      int s0 = base + j * ldb;
      int s1 = s0 + ldb;
      int s2 = s1 + ldb;
      int s3 = s2 + ldb;
      for (int p = 0; p < kb; p++) {
        float[] d = pk[p];
        d[j] = b[s0 + p];
        d[j + 1] = b[s1 + p];
        d[j + 2] = b[s2 + p];
        d[j + 3] = b[s3 + p];
      }
    }
    for (; j < nb; j++) {
      int s = base + j * ldb;
      for (int p = 0; p < kb; p++) {
        pk[p][j] = b[s + p];
      }
    }
  }

  /**
   * acc_r[0, nb) += alpha * sum_p A(r, p) * pk[p][0, nb) for r = 0, 1 and p = 0..kb-1; A element
   * (r, p) is a[ai + r*ars + p*acs].
   *
   * <p>The shape (2 rows x 4 k-steps per inner loop) is the largest that JDK 17's SuperWord still
   * vectorizes: measured 45-60 GFLOP/s on Zen 4, while 3 or 4 rows x 4 k-steps, or 2 rows x 8
   * k-steps, fall back to scalar code at ~11 GFLOP/s. Every array in the inner loop is a distinct
   * object because SuperWord also gives up on a loop that loads and stores one array at several
   * loop-invariant offsets (it cannot prove them independent); hence the acc copies of C rows and
   * B packed into one array per k row.
   */
  private static void kernel2(int kp, int nb, float[] ap, float[][] pk, float[] acc0,
      float[] acc1) {
    if (CHECK_ARGS) {
      // Off by default; C2 folds the constant false away, so the compiled code is the loop alone.
      // Its bytecode still counts towards the inlining limit, which keeps this method above C2's
      // FreqInlineSize (325 bytes): inlined into gemm(), the loop was no longer vectorized
      // (measured ~12 instead of ~50 GFLOP/s). C2 17's vectorization of this loop is fragile in
      // general: a remainder loop after it, or live argument checks before it, also made it
      // scalar, so keep this method to exactly this loop nest.
      checkKernelArgs(kp, nb, ap, pk, acc0, acc1);
      checkKernelArgs(kp, nb, ap, pk, acc1, acc0);
      if (kp > pk.length || 2 * kp > ap.length || (kp & 3) != 0) {
        throw new IllegalArgumentException("bad k slice " + kp + " (packed A holds " + ap.length
            + " floats, packed B " + pk.length + " rows)");
      }
      if (nb > acc0.length || nb > acc1.length || (kp > 0 && nb > pk[kp - 1].length)) {
        throw new IllegalArgumentException("bad column strip " + nb + " for accumulators of "
            + acc0.length + " and " + acc1.length + " floats");
      }
    }
    int kp4 = kp & ~3;
    for (int p = 0; p < kp4; p += 4) {
      int q = 2 * p;
      float x00 = ap[q], x10 = ap[q + 1], x01 = ap[q + 2], x11 = ap[q + 3];
      float x02 = ap[q + 4], x12 = ap[q + 5], x03 = ap[q + 6], x13 = ap[q + 7];
      float[] b0 = pk[p];
      float[] b1 = pk[p + 1];
      float[] b2 = pk[p + 2];
      float[] b3 = pk[p + 3];
      for (int j = 0; j < nb; j++) {
        float y0 = b0[j];
        float y1 = b1[j];
        float y2 = b2[j];
        float y3 = b3[j];
        acc0[j] = Math.fma(x03, y3, Math.fma(x02, y2, Math.fma(x01, y1, Math.fma(x00, y0, acc0[j]))));
        acc1[j] = Math.fma(x13, y3, Math.fma(x12, y2, Math.fma(x11, y1, Math.fma(x10, y0, acc1[j]))));
      }
    }
  }

  private static void checkKernelArgs(int kp, int nb, float[] ap, float[][] pk, float[] acc,
      float[] other) {
    if (kp < 0 || nb < 0 || acc == other || acc == ap) {
      throw new IllegalArgumentException("kernel buffers must be distinct, sizes non-negative");
    }
    for (int p = 0; p < kp; p++) {
      if (pk[p] == acc) {
        throw new IllegalArgumentException("packed B row " + p + " aliases an accumulator");
      }
    }
  }

  /** Packs alpha * op(A) rows i, i+1 (element (r, p) at a[ai + r*ars + p*acs]), interleaved. */
  private static void packA2(int kb, float alpha, float[] a, int ai, int ars, int acs,
      float[] ap) {
    int a1 = ai + ars;
    for (int p = 0; p < kb; p++) {
      ap[2 * p] = alpha * a[ai + p * acs];
      ap[2 * p + 1] = alpha * a[a1 + p * acs];
    }
  }

  /** The whole product for m <= DOT_MAX_M rows times transposed B (also VectorGemm's path there). */
  static void fewRows(boolean transA, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
      float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
    scaleC(m, n, beta, c, cOff, ldc);
    if (k > 0 && alpha != 0f) {
      dotRows(transA, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
    }
  }

  /**
   * Few rows times transposed B: C[i, j] = fma(alpha·a_ik, b_jk, …) accumulated straight into C
   * in k order, the same arithmetic as the blocked kernel, so a product computed here equals the
   * same rows computed inside a larger product bit for bit (one step of a recurrent layer equals
   * that step inside a whole-sequence call). B rows are contiguous in k, so no packing; 8
   * columns at once share each A load and their 8 independent chains hide FMA latency.
   */
  private static void dotRows(boolean transA, int m, int n, int k, float alpha,
      float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
    int acs = transA ? lda : 1;
    int ars = transA ? 1 : lda;
    for (int i = 0; i < m; i++) {
      int ai = aOff + i * ars;
      int ci = cOff + i * ldc;
      int j = 0;
      for (; j + 8 <= n; j += 8) {
        int b0 = bOff + j * ldb;
        float s0 = c[ci + j], s1 = c[ci + j + 1], s2 = c[ci + j + 2], s3 = c[ci + j + 3];
        float s4 = c[ci + j + 4], s5 = c[ci + j + 5], s6 = c[ci + j + 6], s7 = c[ci + j + 7];
        for (int p = 0; p < k; p++) {
          float x = alpha * a[ai + p * acs];
          s0 = Math.fma(x, b[b0 + p], s0);
          s1 = Math.fma(x, b[b0 + ldb + p], s1);
          s2 = Math.fma(x, b[b0 + 2 * ldb + p], s2);
          s3 = Math.fma(x, b[b0 + 3 * ldb + p], s3);
          s4 = Math.fma(x, b[b0 + 4 * ldb + p], s4);
          s5 = Math.fma(x, b[b0 + 5 * ldb + p], s5);
          s6 = Math.fma(x, b[b0 + 6 * ldb + p], s6);
          s7 = Math.fma(x, b[b0 + 7 * ldb + p], s7);
        }
        c[ci + j] = s0;
        c[ci + j + 1] = s1;
        c[ci + j + 2] = s2;
        c[ci + j + 3] = s3;
        c[ci + j + 4] = s4;
        c[ci + j + 5] = s5;
        c[ci + j + 6] = s6;
        c[ci + j + 7] = s7;
      }
      for (; j < n; j++) {
        int b0 = bOff + j * ldb;
        float s = c[ci + j];
        for (int p = 0; p < k; p++) {
          s = Math.fma(alpha * a[ai + p * acs], b[b0 + p], s);
        }
        c[ci + j] = s;
      }
    }
  }
}
