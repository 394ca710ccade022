/**
 * Training: {@link org.rnn4j.train.Trainer} (epochs of minibatches, budgets, clipping, non-finite policy,
 * checkpoints and bit-identical resume) configured by {@link org.rnn4j.train.TrainOptions}, or a whole run from
 * JSON by {@link org.rnn4j.train.TrainConfig}; {@link org.rnn4j.train.Checkpoint}, {@link org.rnn4j.train.TruncatedBptt},
 * {@link org.rnn4j.train.StreamTraining} (char-rnn streams) and {@link org.rnn4j.train.ConvTrainer}.
 */
package org.rnn4j.train;
