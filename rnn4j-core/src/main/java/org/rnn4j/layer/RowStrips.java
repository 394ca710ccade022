package org.rnn4j.layer;

import org.rnn4j.cell.Cell;
import org.rnn4j.cell.Step;
import org.rnn4j.math.Kernels;

/**
 * The batch rows of {@link Recurrent}'s time loops split into strips that run concurrently, one
 * per thread, when the cell's rows are independent and each strip gets at least
 * {@link #MIN_ROWS} rows. Each row's arithmetic is the same either way (the GEMM's per-element
 * order does not depend on the row count), so results do not depend on the thread count.
 */
final class RowStrips {
  /** Fewest batch rows worth a thread of their own in the time loop. */
  private static final int MIN_ROWS = 4;

  private RowStrips() {}

  /** One time loop over batch rows [r0, r1) with its own step buffers. */
  interface Loop {
    void run(Step s, int r0, int r1);
  }

  /** How many row strips the time loops of a B-row batch run concurrently (1: on the caller's thread). */
  static int count(Cell cell, int b) {
    if (!cell.rowsIndependent()) {
      return 1;
    }
    return Math.max(1, Math.min(Kernels.concurrency(), b / MIN_ROWS));
  }

  /** Runs the loop on each of {@code parts} row strips of the batch, concurrently, with ctx's step buffers. */
  static void run(RecurrentContext ctx, int parts, int b, float[] params, float[] grads, Loop loop) {
    Runnable[] strips = new Runnable[parts];
    for (int k = 0; k < parts; k++) {
      Step s = ctx.step(k, b, params, grads);
      int r0 = start(k, parts, b), r1 = start(k + 1, parts, b);
      strips[k] = () -> loop.run(s, r0, r1);
    }
    Kernels.runConcurrently(strips);
  }

  /** First row of strip k of parts (k = parts gives b): equal shares in multiples of 4 rows. */
  private static int start(int k, int parts, int b) {
    return k == parts ? b : (b * k / parts) / 4 * 4;
  }
}
