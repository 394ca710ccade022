package org.rnn4j.train;

import java.util.Arrays;
import org.rnn4j.model.Batch;
import org.rnn4j.model.Mapping;
import org.rnn4j.model.RnnModel;
import org.rnn4j.tensor.Tensor;

/**
 * Truncated backpropagation through time, TBPTT(k1, k2) (Williams & Peng): the streams are read
 * k1 steps at a time, and each update backpropagates over the last k2 steps (k2 a multiple of
 * k1), with the loss on the k1 new steps only. The state is carried across updates without
 * gradient, so streams far longer than memory allows train with bounded cost. With k1 = k2 the
 * windows are consecutive chunks (the usual "stateful" training). A stream shorter than k1 is
 * one update over the whole stream.
 */
public final class TruncatedBptt {
  private final Trainer<Batch> trainer;
  private final RnnModel model;
  private final int k1;
  private final int k2;

  public TruncatedBptt(Trainer<Batch> trainer, RnnModel model, int k1, int k2) {
    if (k1 <= 0 || k2 < k1 || k2 % k1 != 0) {
      throw new IllegalArgumentException("truncated BPTT: expected k1 > 0 and k2 a multiple of k1 with k2 >= k1, found k1="
          + k1 + ", k2=" + k2);
    }
    if (model.config().mapping().kind() != Mapping.Kind.MANY_TO_MANY) {
      throw new IllegalArgumentException("truncated BPTT: expected a many-to-many model, found " + model.config().mapping().id());
    }
    if (trainer.model() != model) {
      throw new IllegalArgumentException("truncated BPTT: expected the trainer's own model");
    }
    this.trainer = trainer;
    this.model = model;
    this.k1 = k1;
    this.k2 = k2;
  }

  /** What one pass over the streams did: mean update loss, number of updates, state after the last step. */
  public record Result(double meanLoss, int updates, Tensor[] finalState) {}

  /**
   * One pass over streams x (N, B, …) with targets y (N, B, …), starting from {@code state}
   * (null: the model's initial state).
   */
  public Result run(Tensor x, Tensor y, Tensor[] state) {
    int n = x.dim(0), b = x.dim(1);
    if (y.dim(0) != n) {
      throw new IllegalArgumentException("truncated BPTT: expected targets with " + n + " steps, found " + y.dim(0));
    }
    int m = k2 / k1;
    int chunks = (n + k1 - 1) / k1;
    Tensor[][] boundary = new Tensor[chunks + 1][]; // state at the start of each chunk
    boundary[0] = state;
    double sum = 0;
    for (int c = 0; c < chunks; c++) {
      int start = Math.max(0, c - m + 1) * k1, chunkStart = c * k1, end = Math.min(n, (c + 1) * k1);
      Tensor mask = null;
      if (chunkStart > start) { // earlier steps only carry gradient, their loss was already counted
        mask = Tensor.zeros(end - start, b);
        Arrays.fill(mask.data(), (chunkStart - start) * b, mask.size(), 1f);
      }
      Batch window = new Batch(steps(x, start, end), steps(y, start, end), mask, boundary[start / k1]);
      sum += trainer.update(window);
      boundary[c + 1] = copy(model.finalStates());
      if (c + 1 - m >= 0) {
        boundary[c + 1 - m] = null; // no longer needed
      }
    }
    return new Result(sum / chunks, chunks, boundary[chunks]);
  }

  /** Steps [from, to) of a time-major tensor, copied. */
  static Tensor steps(Tensor t, int from, int to) {
    int[] shape = t.shape();
    int per = t.size() / shape[0];
    shape[0] = to - from;
    return Tensor.of(Arrays.copyOfRange(t.data(), from * per, to * per), shape);
  }

  private static Tensor[] copy(Tensor[] states) {
    Tensor[] out = new Tensor[states.length];
    for (int k = 0; k < states.length; k++) {
      out[k] = states[k].copy();
    }
    return out;
  }
}
