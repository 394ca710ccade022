package org.rnn4j.loss;

import org.rnn4j.tensor.Tensor;

/**
 * A loss on a batch's whole output sequence rather than on each output row alone: the custom
 * loss of {@link org.rnn4j.model.RnnModel#setSequenceLoss}. It sees every output step of every
 * sequence at once, so it may be non-decomposable (a correlation, a cosine, a loss that sums over
 * alignments as {@link CtcLoss} does).
 */
public interface SequenceLoss {

  /**
   * The loss of one batch and its gradient.
   *
   * @param z the head's pre-activations at every output step, (T, B, O); a loss that needs an
   *     output activation applies it itself (fused, as the cross-entropies of {@link Loss} do)
   * @param target the batch's targets, in the shape this loss documents
   * @param lengths each sequence's own length ≤ T, or null when all are T; steps past a length
   *     must get a zero gradient
   * @param dz written whole: (T, B, O) = dL/dz of the returned L
   * @return the loss as reported and differentiated, reduced over the batch as the loss documents
   */
  double lossAndGradient(Tensor z, Tensor target, int[] lengths, float[] dz);

  /** A short name for reports, e.g. "ctc". */
  String id();
}
