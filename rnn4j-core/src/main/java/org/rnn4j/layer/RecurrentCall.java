package org.rnn4j.layer;

import org.rnn4j.tensor.ShapeException;

/**
 * One forward call: x (T, B, I), or (T, B) token indices for a token-input layer; the outputs
 * h_t go to the rows of {@code out} of stride {@code outStride} from column {@code outCol} (so
 * two directions can share one (T, B, 2H) array). {@code initial[k]} is the k-th initial state
 * (B, H), or null (as is {@code initial} itself) for zero, or the learned state when the layer
 * learns it. {@code lengths[r]} (or null for all T) is row r's own length: at steps
 * t ≥ lengths[r] the row's state is carried unchanged and its output is 0, so padding changes
 * nothing, the final state is the one at the row's last step, and a reverse layer starts at
 * that step. {@code packed} holds weights packed by {@link Recurrent#packWeights} (null: W_hh^T is
 * packed now). Arrays are referenced, not copied: x must stay unchanged until {@link Recurrent#backward}.
 *
 * <p>Start from {@link #of} and add what differs with the {@code with…}/{@code from} methods.
 */
public record RecurrentCall(float[] x, int steps, int batch, float[] out, int outStride, int outCol, float[][] initial,
    int[] lengths, Recurrent.PackedWeights packed) {
  public RecurrentCall {
    if (x == null || out == null) {
      throw new IllegalArgumentException("recurrent call: expected input and output arrays, found null");
    }
    if (steps < 0 || batch < 0 || outStride <= 0 || outCol < 0) {
      throw new IllegalArgumentException("recurrent call: expected T >= 0, B >= 0, an output stride > 0 and column"
          + " >= 0, found " + steps + ", " + batch + ", " + outStride + ", " + outCol);
    }
    if (lengths != null) {
      if (lengths.length != batch) {
        throw new ShapeException("lengths: expected " + batch + " entries (one per sequence), found " + lengths.length);
      }
      for (int r = 0; r < batch; r++) {
        if (lengths[r] < 1 || lengths[r] > steps) {
          throw new IllegalArgumentException("lengths: expected values in [1, " + steps + "], found " + lengths[r]
              + " for sequence " + r);
        }
      }
    }
  }

  /** x (T, B, I) into out (T, B, outStride) from column 0, from zero (or learned) states, all rows T long. */
  public static RecurrentCall of(float[] x, int steps, int batch, float[] out, int outStride) {
    return new RecurrentCall(x, steps, batch, out, outStride, 0, null, null, null);
  }

  /** The outputs from column {@code col} of out's rows. */
  public RecurrentCall atColumn(int col) {
    return new RecurrentCall(x, steps, batch, out, outStride, col, initial, lengths, packed);
  }

  /** From the initial states [k] (B, H) (null entries: zero or learned). */
  public RecurrentCall from(float[][] initialStates) {
    return new RecurrentCall(x, steps, batch, out, outStride, outCol, initialStates, lengths, packed);
  }

  /** With each row's own length (null: all T). */
  public RecurrentCall withLengths(int[] rowLengths) {
    return new RecurrentCall(x, steps, batch, out, outStride, outCol, initial, rowLengths, packed);
  }

  /** With the weights packed by {@link Recurrent#packWeights}. */
  public RecurrentCall withPacked(Recurrent.PackedWeights weights) {
    return new RecurrentCall(x, steps, batch, out, outStride, outCol, initial, lengths, weights);
  }

  /**
   * Checks that the arrays hold what the shape needs for a layer of the given input width (1 for
   * tokens), H and carried states (once per call, never in the time loop); the message names the
   * layer by its parameter suffix (built only on failure: streaming calls allocate nothing).
   */
  void requireSizes(String layerSuffix, int inputWidth, int hidden, int states) {
    String layer = "recurrent layer";
    long n = (long) steps * batch;
    long needIn = n * inputWidth;
    long needOut = n == 0 ? 0 : (n - 1) * outStride + outCol + hidden;
    if (x.length < needIn || out.length < needOut) {
      throw new ShapeException(layer + layerSuffix + ": expected an input of at least " + needIn + " and an output"
          + " of at least " + needOut + " floats for T = " + steps + ", B = " + batch + ", found " + x.length
          + " and " + out.length);
    }
    for (int k = 0; initial != null && k < Math.min(initial.length, states); k++) {
      if (initial[k] != null && initial[k].length < batch * hidden) {
        throw new ShapeException(layer + layerSuffix + ": expected initial state " + k + " (B, H) of "
            + batch * hidden + " floats, found " + initial[k].length);
      }
    }
  }
}
