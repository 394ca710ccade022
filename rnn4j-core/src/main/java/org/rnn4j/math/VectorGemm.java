package org.rnn4j.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register-blocked SGEMM on the Vector API ({@code jdk.incubator.vector}, JDK 17 incubator;
 * the JVM needs {@code --add-modules jdk.incubator.vector}). {@link Kernels} loads it
 * reflectively, so without the module the library runs on {@link BlockedGemm} instead.
 *
 * <p>Micro-kernel: a tile of {@code MR = 4} rows x {@code NR = 4} vectors of C (64 columns with
 * 512-bit vectors) lives in 16 vector registers for a whole {@code KC}-deep slice of k. Each k
 * step loads 4 vectors of packed B (one contiguous row of the panel), broadcasts 4 values of
 * A and issues 16 independent FMAs, enough to cover the FMA latency; C is read and written once
 * per slice instead of once per 4 k steps as in {@link BlockedGemm} (and not read at all in the
 * first slice of a beta = 0 product). B is packed per k slice into panels of {@code W = NR *
 * lanes} columns, each panel k-major ({@code kb} rows of W floats, zero-padded past n). Plain A
 * with alpha = 1 is read where it lies; otherwise A is packed per {@code MC}-row block, alpha
 * pre-multiplied: plain A into k-major groups of MR rows, transposed A as copies of its stored
 * rows (see {@link #packTransposedA}). The tiles of a block are
 * walked row group by row group across the panels, so a group's A rows and C rows stay in cache.
 * Tiles on the edges of C (fewer than MR rows or a partial vector of columns) run the same kernel
 * in a scratch buffer (see {@link #tile}).
 *
 * <p>Determinism: every element of C starts from beta·C (0 for beta = 0) and then takes {@code c = fma(alpha·a_p,
 * b_p, c)} for p = 0, 1, ..., k-1 in order (slices in increasing order, steps within a slice in
 * order), one lane per element, whatever its row, column, tile or thread. That is exactly {@link
 * BlockedGemm}'s arithmetic, including its one quirk: its zero padding of k to a multiple of 4
 * ends with {@code fma(0, 0, c) == c + 0}, which turns a -0 result into +0, so this kernel adds
 * +0 after the last k step when k % 4 != 0. Few rows times unpacked transposed B go through
 * BlockedGemm's dot products, as in BlockedGemm. Results are therefore bit-identical to
 * BlockedGemm's, and {@link ParallelGemm} may split C among threads freely.
 */
public final class VectorGemm implements Gemm {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final int MR = 4;
  private static final int NR = 4;
  /** Panel width in floats: NR vectors. */
  private static final int W = NR * L;
  /** k slice depth: a KC x W panel of B (64 KiB with 512-bit vectors) stays in L2 for a block of A. */
  private static final int KC = 256;
  /** Rows of A packed at once: MC x KC floats (128 KiB) stay in L2 while the panels of B go by. */
  private static final int MC = 128;
  /** Column strip of an unpacked B: bounds the per-thread B buffer at KC x NC floats. */
  private static final int NC = 16 * W;
  /**
   * Floats from one k step to the next in a packed transposed-A block: MC rows plus one cache
   * line, so that the k steps a tile reads do not all fall in the same few L1 sets.
   */
  private static final int TS = MC + 16;
  /**
   * k steps per block of a transposing pack of B: TB rows of a panel (16 KiB) are written while
   * W source rows give TB floats each; writing a whole KC-deep panel one column at a time
   * missed L1 on every store.
   */
  private static final int TB = 64;

  /** Per-thread buffers, allocated on a thread's first call and reused after. */
  private static final class Workspace {
    final float[] ap = new float[Math.max(MC / MR * groupStride(KC), KC * TS)];
    final float[] bp = new float[KC * NC];
    final float[] tile = new float[MR * W];
  }

  private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);
  private static final BlockedGemm BLOCKED = new BlockedGemm();

  @Override
  public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
      float beta, float[] c, int cOff, int ldc) {
    if (m <= 0 || n <= 0) {
      return;
    }
    if (transB && m <= BlockedGemm.DOT_MAX_M) {
      BlockedGemm.fewRows(transA, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
      return;
    }
    boolean fresh = startC(m, n, k, alpha, beta, c, cOff, ldc);
    if (k <= 0 || alpha == 0f) {
      return;
    }
    Workspace ws = WORKSPACE.get();
    for (int jc = 0; jc < n; jc += NC) {
      int nb = Math.min(NC, n - jc);
      for (int pc = 0; pc < k; pc += KC) {
        int kb = Math.min(KC, k - pc);
        packB(transB, b, bOff, ldb, jc, nb, pc, kb, ws.bp, 0);
        multiplySlice(transA, m, alpha, a, aOff, lda, k, pc, kb, ws.bp, 0, nb, c, cOff + jc, ldc, fresh, ws);
      }
    }
  }

  /** Packs all of op(B): slice after slice, each slice's panels as {@link #packB} lays them out. */
  @Override
  public PackedB pack(boolean transB, int n, int k, float[] b, int bOff, int ldb) {
    return pack(transB, n, k, b, bOff, ldb, null);
  }

  @Override
  public PackedB pack(boolean transB, int n, int k, float[] b, int bOff, int ldb, PackedB reuse) {
    int np = panels(n) * W;
    boolean same = reuse != null && reuse.vector != null && reuse.n == n && reuse.k == k;
    float[] bp = same ? reuse.vector : new float[Math.multiplyExact(k, np)];
    for (int pc = 0; pc < k; pc += KC) {
      packB(transB, b, bOff, ldb, 0, n, pc, Math.min(KC, k - pc), bp, pc * np);
    }
    return same ? reuse : new PackedB(n, k, null, null, bp);
  }

  @Override
  public void gemm(boolean transA, int m, float alpha, float[] a, int aOff, int lda, PackedB b,
      float beta, float[] c, int cOff, int ldc) {
    if (b.vector == null) { // packed by another kernel: it knows its layout, and the arithmetic is the same
      BLOCKED.gemm(transA, m, alpha, a, aOff, lda, b, beta, c, cOff, ldc);
      return;
    }
    int n = b.n, k = b.k;
    if (m <= 0 || n <= 0) {
      return;
    }
    boolean fresh = startC(m, n, k, alpha, beta, c, cOff, ldc);
    if (k <= 0 || alpha == 0f) {
      return;
    }
    Workspace ws = WORKSPACE.get();
    int np = panels(n) * W;
    for (int pc = 0; pc < k; pc += KC) {
      int kb = Math.min(KC, k - pc);
      multiplySlice(transA, m, alpha, a, aOff, lda, k, pc, kb, b.vector, pc * np, n, c, cOff, ldc, fresh, ws);
    }
  }

  /**
   * beta·C, unless the product's sums start from zero instead (beta = 0 with products to add:
   * C is then written, never read); returns whether they do.
   */
  private static boolean startC(int m, int n, int k, float alpha, float beta, float[] c, int cOff, int ldc) {
    boolean fresh = beta == 0f && k > 0 && alpha != 0f;
    if (!fresh) {
      BlockedGemm.scaleC(m, n, beta, c, cOff, ldc);
    }
    return fresh;
  }

  /** Floats from one packed group of MR rows of plain A to the next. */
  private static int groupStride(int kb) {
    return kb * MR;
  }

  private static int panels(int n) {
    return (n + W - 1) / W;
  }

  /**
   * Whether the slice ending at k step {@code end} is where BlockedGemm ends with zero padding:
   * fma(0, 0, c) == c + 0, applied once (see the class header). Only products that read C need
   * it: sums that start from +0 never end at -0.
   */
  private static boolean padded(int k, int end) {
    return end == k && k % 4 != 0;
  }

  /**
   * Copies op(B) rows [pc, pc+kb) x columns [jc, jc+nb) to dst from dOff: panel q (columns jc +
   * q·W ..) is kb rows of W floats at dOff + q·kb·W, zero past column nb.
   */
  private static void packB(boolean transB, float[] b, int bOff, int ldb, int jc, int nb, int pc, int kb,
      float[] dst, int dOff) {
    for (int q = 0; q * W < nb; q++) {
      int base = dOff + q * kb * W;
      int w = Math.min(W, nb - q * W);
      int col = jc + q * W;
      if (transB) { // op(B)(p, j) = B[j, p]: each source row is contiguous in p, written with stride W
        // in blocks of TB k steps, so that the TB rows of the panel being written stay in L1
        for (int p0 = 0; p0 < kb; p0 += TB) {
          int pe = Math.min(kb, p0 + TB);
          for (int j = 0; j < w; j++) {
            int s = bOff + (col + j) * ldb + pc;
            for (int p = p0; p < pe; p++) {
              dst[base + p * W + j] = b[s + p];
            }
          }
        }
      } else {
        for (int p = 0; p < kb; p++) {
          System.arraycopy(b, bOff + (pc + p) * ldb + col, dst, base + p * W, w);
        }
      }
      if (w < W) {
        for (int p = 0; p < kb; p++) {
          java.util.Arrays.fill(dst, base + p * W + w, base + (p + 1) * W, 0f);
        }
      }
    }
  }

  /**
   * C[0, m) x [0, nb) += alpha · op(A)[:, pc .. pc+kb) · (one packed slice of B at bp[bOff..]) of a
   * product over k steps; with {@code fresh} (a beta = 0 product) the first slice starts its sums
   * from 0 instead of reading C, otherwise the last slice adds the + 0 of {@link #padded}. Plain A
   * with alpha = 1 is read in place (MR sequential row streams, no copy: packing cost as much as
   * the product itself for the per-step shapes); only a last group of fewer than MR rows is
   * packed, zero-padded. Otherwise A is packed per MC rows.
   */
  private static void multiplySlice(boolean transA, int m, float alpha, float[] a, int aOff, int lda, int k, int pc,
      int kb, float[] bp, int bOff, int nb, float[] c, int cOff, int ldc, boolean freshProduct, Workspace ws) {
    boolean addZero = !freshProduct && padded(k, pc + kb);
    boolean fresh = freshProduct && pc == 0;
    boolean direct = !transA && alpha == 1f;
    int gs = groupStride(kb);
    for (int ic = 0; ic < m; ic += MC) {
      int mb = Math.min(MC, m - ic);
      int full = mb / MR * MR; // rows in whole groups
      if (transA) {
        packTransposedA(mb, kb, alpha, a, aOff + ic + pc * lda, lda, ws.ap);
      } else if (!direct) {
        packA(mb, kb, alpha, a, aOff + ic * lda + pc, lda, ws.ap);
      } else if (full < mb) {
        packA(mb - full, kb, alpha, a, aOff + (ic + full) * lda + pc, lda, ws.ap);
      }
      for (int ir = 0; ir < mb; ir += MR) {
        int rows = Math.min(MR, mb - ir);
        for (int jr = 0, q = 0; jr < nb; jr += W, q++) {
          int cols = Math.min(W, nb - jr);
          int bo = bOff + q * kb * W;
          int co = cOff + (ic + ir) * ldc + jr;
          if (transA) {
            tile(rows, cols, kb, ws.ap, ir, 1, TS, bp, bo, c, co, ldc, addZero, fresh, ws);
          } else if (!direct) {
            tile(rows, cols, kb, ws.ap, ir / MR * gs, 1, MR, bp, bo, c, co, ldc, addZero, fresh, ws);
          } else if (rows == MR || (rows == 1 && cols == W)) {
            tile(rows, cols, kb, a, aOff + (ic + ir) * lda + pc, lda, 1, bp, bo, c, co, ldc, addZero, fresh, ws);
          } else {
            tile(rows, cols, kb, ws.ap, 0, 1, MR, bp, bo, c, co, ldc, addZero, fresh, ws);
          }
        }
      }
    }
  }

  /**
   * alpha·A rows [0, mb) of plain A (element (i, p) at a[ai + i·lda + p]): groups of MR rows,
   * k-major, {@link #groupStride} apart, zero rows past mb; read in MR sequential streams.
   */
  private static void packA(int mb, int kb, float alpha, float[] a, int ai, int lda, float[] ap) {
    int gs = groupStride(kb);
    for (int ir = 0, g = 0; ir < mb; ir += MR, g += gs) {
      int rows = Math.min(MR, mb - ir);
      for (int p = 0, d = g; p < kb; p++, d += MR) {
        int s = ai + ir * lda + p;
        for (int r = 0; r < MR; r++) {
          ap[d + r] = r < rows ? alpha * a[s + r * lda] : 0f;
        }
      }
    }
  }

  /**
   * alpha·op(A) rows [0, mb) x k steps [0, kb) of transposed A (element (i, p) at a[ai + p·lda +
   * i]): k step p is a copy of the mb floats stored there, at ap[p·TS], zero up to a whole group
   * of MR rows. A plain copy per stored row; packing MR-row groups instead (each k step's mb floats
   * scattered over mb/MR groups) made the weight-gradient products 5-10% slower, and reading A in
   * place, 2 KiB between k steps, lets them evict each other from L1.
   */
  private static void packTransposedA(int mb, int kb, float alpha, float[] a, int ai, int lda, float[] ap) {
    int padded = (mb + MR - 1) / MR * MR;
    for (int p = 0; p < kb; p++) {
      int s = ai + p * lda, d = p * TS;
      if (alpha == 1f) {
        System.arraycopy(a, s, ap, d, mb);
      } else {
        for (int i = 0; i < mb; i++) {
          ap[d + i] = alpha * a[s + i];
        }
      }
      java.util.Arrays.fill(ap, d + mb, d + padded, 0f);
    }
  }

  /**
   * One tile of rows x cols (at most MR x W) of C at c[co..]; element (r, p) of its A rows is
   * at a[ao + r·ars + p·acs] (packed: ars = 1, acs = MR; read in place: ars = lda, acs = 1),
   * and MR rows are read unless rows = 1 and cols = W. A full tile runs in place; an edge tile is
   * computed with the same kernel in the scratch buffer (holding a copy of the tile, unless the
   * sums start from 0) and copied back.
   */
  private static void tile(int rows, int cols, int kb, float[] a, int ao, int ars, int acs, float[] bp, int bo,
      float[] c, int co, int ldc, boolean addZero, boolean fresh, Workspace ws) {
    if (rows == 1 && cols == W) { // single-sequence steps (m = 1): skip the MR - 1 rows of zeros
      kernelRow(kb, a, ao, acs, bp, bo, c, co, addZero, fresh);
      return;
    }
    boolean inPlace = rows == MR && cols % L == 0;
    float[] t = c;
    int to = co, ldt = ldc;
    if (!inPlace) {
      t = ws.tile;
      to = 0;
      ldt = W;
      if (!fresh) { // fresh sums start from 0 without reading the tile
        java.util.Arrays.fill(t, 0f); // the unused part is computed too: keep stale values (NaN, subnormals) out
        for (int r = 0; r < rows; r++) {
          System.arraycopy(c, co + r * ldc, t, r * W, cols);
        }
      }
    }
    if (cols > W - L) {
      kernel(kb, a, ao, ars, acs, bp, bo, t, to, ldt, fresh);
    } else { // a narrow last panel: one vector of columns at a time
      for (int v = 0; v * L < cols; v++) {
        kernel1(kb, a, ao, ars, acs, bp, bo + v * L, t, to + v * L, ldt, fresh);
      }
    }
    if (addZero) { // while the tile is in L1; a separate pass over C cost ~10% at k = 65
      for (int r = 0; r < MR; r++) {
        for (int j = 0; j < cols; j += L) {
          FloatVector.fromArray(S, t, to + r * ldt + j).add(0f).intoArray(t, to + r * ldt + j);
        }
      }
    }
    if (!inPlace) {
      for (int r = 0; r < rows; r++) {
        System.arraycopy(t, r * W, c, co + r * ldc, cols);
      }
    }
  }

  /** One vector of C to accumulate into: 0 when {@code zero} (C not read), else C's values. */
  private static FloatVector start(boolean zero, float[] c, int i) {
    return zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, i);
  }

  /**
   * MR x NR vectors of C (rows at c[co + r·ldc]) += sum over kb steps of A (see {@link #tile}) x
   * packed B; with {@code zero} the sums start from 0 instead of C.
   */
  private static void kernel(int kb, float[] ap, int ao, int ars, int acs, float[] bp, int bo, float[] c, int co,
      int ldc, boolean zero) {
    int c1 = co + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
    int r1 = ars, r2 = 2 * ars, r3 = 3 * ars;
    FloatVector a00 = start(zero, c, co), a01 = start(zero, c, co + L);
    FloatVector a02 = start(zero, c, co + 2 * L), a03 = start(zero, c, co + 3 * L);
    FloatVector a10 = start(zero, c, c1), a11 = start(zero, c, c1 + L);
    FloatVector a12 = start(zero, c, c1 + 2 * L), a13 = start(zero, c, c1 + 3 * L);
    FloatVector a20 = start(zero, c, c2), a21 = start(zero, c, c2 + L);
    FloatVector a22 = start(zero, c, c2 + 2 * L), a23 = start(zero, c, c2 + 3 * L);
    FloatVector a30 = start(zero, c, c3), a31 = start(zero, c, c3 + L);
    FloatVector a32 = start(zero, c, c3 + 2 * L), a33 = start(zero, c, c3 + 3 * L);
    for (int p = 0; p < kb; p++) {
      int b = bo + p * W;
      int q = ao + p * acs;
      FloatVector b0 = FloatVector.fromArray(S, bp, b), b1 = FloatVector.fromArray(S, bp, b + L);
      FloatVector b2 = FloatVector.fromArray(S, bp, b + 2 * L), b3 = FloatVector.fromArray(S, bp, b + 3 * L);
      FloatVector x = FloatVector.broadcast(S, ap[q]);
      a00 = b0.fma(x, a00);
      a01 = b1.fma(x, a01);
      a02 = b2.fma(x, a02);
      a03 = b3.fma(x, a03);
      x = FloatVector.broadcast(S, ap[q + r1]);
      a10 = b0.fma(x, a10);
      a11 = b1.fma(x, a11);
      a12 = b2.fma(x, a12);
      a13 = b3.fma(x, a13);
      x = FloatVector.broadcast(S, ap[q + r2]);
      a20 = b0.fma(x, a20);
      a21 = b1.fma(x, a21);
      a22 = b2.fma(x, a22);
      a23 = b3.fma(x, a23);
      x = FloatVector.broadcast(S, ap[q + r3]);
      a30 = b0.fma(x, a30);
      a31 = b1.fma(x, a31);
      a32 = b2.fma(x, a32);
      a33 = b3.fma(x, a33);
    }
    a00.intoArray(c, co);
    a01.intoArray(c, co + L);
    a02.intoArray(c, co + 2 * L);
    a03.intoArray(c, co + 3 * L);
    a10.intoArray(c, c1);
    a11.intoArray(c, c1 + L);
    a12.intoArray(c, c1 + 2 * L);
    a13.intoArray(c, c1 + 3 * L);
    a20.intoArray(c, c2);
    a21.intoArray(c, c2 + L);
    a22.intoArray(c, c2 + 2 * L);
    a23.intoArray(c, c2 + 3 * L);
    a30.intoArray(c, c3);
    a31.intoArray(c, c3 + L);
    a32.intoArray(c, c3 + 2 * L);
    a33.intoArray(c, c3 + 3 * L);
  }

  /** 1 row x NR vectors of C += A (row 0 of the tile, see {@link #tile}) x packed B, then + 0 when addZero. */
  private static void kernelRow(int kb, float[] ap, int ao, int acs, float[] bp, int bo, float[] c, int co,
      boolean addZero, boolean zero) {
    FloatVector a0 = start(zero, c, co), a1 = start(zero, c, co + L);
    FloatVector a2 = start(zero, c, co + 2 * L), a3 = start(zero, c, co + 3 * L);
    for (int p = 0; p < kb; p++) {
      int b = bo + p * W;
      FloatVector x = FloatVector.broadcast(S, ap[ao + p * acs]);
      a0 = FloatVector.fromArray(S, bp, b).fma(x, a0);
      a1 = FloatVector.fromArray(S, bp, b + L).fma(x, a1);
      a2 = FloatVector.fromArray(S, bp, b + 2 * L).fma(x, a2);
      a3 = FloatVector.fromArray(S, bp, b + 3 * L).fma(x, a3);
    }
    if (addZero) {
      a0 = a0.add(0f);
      a1 = a1.add(0f);
      a2 = a2.add(0f);
      a3 = a3.add(0f);
    }
    a0.intoArray(c, co);
    a1.intoArray(c, co + L);
    a2.intoArray(c, co + 2 * L);
    a3.intoArray(c, co + 3 * L);
  }

  /** MR rows x 1 vector of C += A (see {@link #tile}) x one vector-wide column of a packed B panel (row stride W). */
  private static void kernel1(int kb, float[] ap, int ao, int ars, int acs, float[] bp, int bo, float[] c, int co,
      int ldc, boolean zero) {
    int c1 = co + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
    int r1 = ars, r2 = 2 * ars, r3 = 3 * ars;
    FloatVector a0 = start(zero, c, co), a1 = start(zero, c, c1);
    FloatVector a2 = start(zero, c, c2), a3 = start(zero, c, c3);
    for (int p = 0; p < kb; p++) {
      FloatVector y = FloatVector.fromArray(S, bp, bo + p * W);
      int q = ao + p * acs;
      a0 = y.fma(FloatVector.broadcast(S, ap[q]), a0);
      a1 = y.fma(FloatVector.broadcast(S, ap[q + r1]), a1);
      a2 = y.fma(FloatVector.broadcast(S, ap[q + r2]), a2);
      a3 = y.fma(FloatVector.broadcast(S, ap[q + r3]), a3);
    }
    a0.intoArray(c, co);
    a1.intoArray(c, c1);
    a2.intoArray(c, c2);
    a3.intoArray(c, c3);
  }
}
