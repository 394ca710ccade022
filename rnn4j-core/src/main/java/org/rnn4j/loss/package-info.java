/**
 * Losses and output activations: {@link org.rnn4j.loss.SquaredError}, {@link org.rnn4j.loss.SoftmaxCrossEntropy}
 * and {@link org.rnn4j.loss.SigmoidBinaryCrossEntropy} (the cross-entropies fused with their activation),
 * behind {@link org.rnn4j.loss.Loss}; {@link org.rnn4j.loss.OutputActivation} is the head's nonlinearity.
 * Losses on a whole output sequence implement {@link org.rnn4j.loss.SequenceLoss}: {@link
 * org.rnn4j.loss.CtcLoss} (connectionist temporal classification, decoded by {@link
 * org.rnn4j.loss.CtcDecoding}) and {@link org.rnn4j.loss.CosineDistance}.
 */
package org.rnn4j.loss;
