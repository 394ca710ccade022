package org.rnn4j.model;

import org.rnn4j.tensor.Tensor;

/**
 * One minibatch. {@code x} is (T, B, I), or (T, B) token indices for a token-input model, or
 * (B, I) for one-to-many; {@code y} is (T_out, B, O) values or (T_out, B) class indices, or
 * what the model's {@link RnnModel#setSequenceLoss sequence loss} takes (CTC: (S, B) labels);
 * {@code mask} (T_out, B) weights each output position (0 leaves it out of the loss), or null.
 * {@code initial[k]} is the k-th initial state (L·D, B, H) or null for the model's default
 * (zero or learned). {@code lengths} (B), or null, gives each sequence's own length ≤ T: padded
 * steps change neither the loss nor the carried state (many-to-many and many-to-one only).
 */
public record Batch(Tensor x, Tensor y, Tensor mask, Tensor[] initial, int[] lengths) {
  public Batch(Tensor x, Tensor y) {
    this(x, y, null, null, null);
  }

  public Batch(Tensor x, Tensor y, Tensor mask, Tensor[] initial) {
    this(x, y, mask, initial, null);
  }

}
