package org.rnn4j.spark;

import java.util.List;
import org.rnn4j.model.Batch;
import org.rnn4j.tensor.Tensor;

/**
 * A partition's rows of a sequence data set: rows {@code [start, start + count)} of the global
 * order. {@link #batch} picks the rows of a step's global minibatch it holds and stacks them
 * time-major, as {@code ArrayDataset.batches} does in one process.
 */
final class RowShard implements Shard<RowBatch> {
  private final int start;
  private final List<SequenceRow> rows;
  private final int[] xShape; // one row's: (S, ...)
  private final int[] yShape;
  private final boolean lengths;

  RowShard(int start, List<SequenceRow> rows, int[] xShape, int[] yShape, boolean lengths) {
    this.start = start;
    this.rows = rows;
    this.xShape = xShape;
    this.yShape = yShape;
    this.lengths = lengths;
  }

  int start() { return start; }
  int count() { return rows.size(); }

  @Override
  public Batch batch(RowBatch work) {
    int[] global = work.rows();
    int b = 0;
    for (int g : global) {
      b += g >= start && g - start < rows.size() ? 1 : 0;
    }
    if (b == 0) {
      return null;
    }
    SequenceRow[] pick = new SequenceRow[b];
    int j = 0;
    for (int g : global) {
      if (g >= start && g - start < rows.size()) {
        pick[j++] = rows.get(g - start);
      }
    }
    return batchOf(pick, xShape, yShape, lengths);
  }

  /** Rows stacked time-major: x (S, b, ...), y (S_out, b, ...), with their lengths when the data has them. */
  static Batch batchOf(SequenceRow[] pick, int[] xShape, int[] yShape, boolean lengths) {
    int[] len = null;
    if (lengths) {
      len = new int[pick.length];
      for (int r = 0; r < pick.length; r++) {
        len[r] = pick[r].length();
      }
    }
    return new Batch(stack(pick, xShape, true), stack(pick, yShape, false), null, null, len);
  }

  /**
   * (S, ...) per row → (S, b, ...). Rows with lengths may be shorter than S (sequences of their own
   * lengths): the batch is then as long as its longest row, the others zero-padded, as {@code
   * LabeledSequences} pads a minibatch in one process.
   */
  private static Tensor stack(SequenceRow[] pick, int[] rowShape, boolean inputs) {
    int b = pick.length, inner = Tensor.sizeOf(rowShape) / Math.max(1, rowShape[0]), s = 0;
    for (SequenceRow r : pick) {
      s = Math.max(s, (inputs ? r.x() : r.y()).length / Math.max(1, inner));
    }
    float[] out = new float[s * b * inner];
    for (int r = 0; r < b; r++) {
      float[] row = inputs ? pick[r].x() : pick[r].y();
      for (int t = 0; t < row.length / Math.max(1, inner); t++) {
        System.arraycopy(row, t * inner, out, (t * b + r) * inner, inner);
      }
    }
    int[] shape = new int[rowShape.length + 1];
    shape[0] = s;
    shape[1] = b;
    System.arraycopy(rowShape, 1, shape, 2, rowShape.length - 1);
    return Tensor.of(out, shape);
  }
}
