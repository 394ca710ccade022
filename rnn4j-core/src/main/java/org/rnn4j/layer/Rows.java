package org.rnn4j.layer;

import org.rnn4j.math.Kernels;
import org.rnn4j.math.Pointwise;

/**
 * The two row-wise passes of the layers: a bias vector added to every row (forward) and the
 * column sums of a gradient (the bias gradients, backward). The sums split the columns among
 * threads ({@link Kernels#parallelFor}); each column is summed in row order whatever the split.
 */
final class Rows {
  private Rows() {}

  /**
   * rows[off + r·w + j] += vec[vecOff + j] for each of n rows of width w, on the caller's thread
   * (it runs inside time loops, which allocate nothing).
   */
  static void addVector(float[] rows, int off, int n, int w, float[] vec, int vecOff) {
    Pointwise add = Kernels.pointwise();
    for (int r = 0; r < n; r++) {
      add.addTo(vec, vecOff, rows, off + r * w, w);
    }
  }

  /** dst[dstOff + j] += Σ_r rows[r·w + j] over n rows of width w, in row order. */
  static void sumColumns(float[] rows, int n, int w, float[] dst, int dstOff) {
    sumColumns(rows, 0, n, w, dst, dstOff);
  }

  /** The same for the n rows starting at rows[off]. */
  static void sumColumns(float[] rows, int off, int n, int w, float[] dst, int dstOff) {
    Kernels.parallelFor(w, (long) n * w, (c0, c1) -> {
      Pointwise add = Kernels.pointwise();
      for (int r = 0; r < n; r++) {
        add.addTo(rows, off + r * w + c0, dst, dstOff + c0, c1 - c0);
      }
    });
  }
}
