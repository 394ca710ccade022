package org.rnn4j.model;

import org.rnn4j.tensor.Tensor;

/**
 * One minibatch. {@code x} is (T, B, I) (or (B, I) for one-to-many); {@code y} is (T_out, B, O)
 * values or (T_out, B) class indices; {@code mask} (T_out, B) weights each output position (0
 * leaves it out of the loss), or null. {@code initial[k]} is the k-th initial state
 * (L·D, B, H) or null for the model's default (zero or learned).
 */
public record Batch(Tensor x, Tensor y, Tensor mask, Tensor[] initial) {
  public Batch(Tensor x, Tensor y) {
    this(x, y, null, null);
  }

  public int size() {
    return x.rank() == 3 ? x.dim(1) : x.dim(0);
  }
}
