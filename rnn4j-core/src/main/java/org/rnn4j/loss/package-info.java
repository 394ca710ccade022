/**
 * Losses and output activations: {@link org.rnn4j.loss.SquaredError}, {@link org.rnn4j.loss.SoftmaxCrossEntropy}
 * and {@link org.rnn4j.loss.SigmoidBinaryCrossEntropy} (the cross-entropies fused with their activation),
 * behind {@link org.rnn4j.loss.Loss}; {@link org.rnn4j.loss.OutputActivation} is the head's nonlinearity.
 */
package org.rnn4j.loss;
