/**
 * Training: {@link org.rnn4j.train.Trainer}, the one training loop for every {@link org.rnn4j.model.Trainable}
 * model (epochs of {@link org.rnn4j.train.Batches}, budgets, clipping, schedules, non-finite policy, checkpoints
 * and bit-identical resume), configured by {@link org.rnn4j.train.TrainConfig} (built in code or read from JSON);
 * {@link org.rnn4j.train.Checkpoint}, {@link org.rnn4j.train.TruncatedBptt} and
 * {@link org.rnn4j.train.StreamTraining} (char-rnn streams) build on it.
 */
package org.rnn4j.train;
