/**
 * Optimizers on the flat parameter buffer, each matching its {@code torch.optim} update: {@link org.rnn4j.optim.Sgd},
 * {@link org.rnn4j.optim.Adagrad}, {@link org.rnn4j.optim.RmsProp}, {@link org.rnn4j.optim.Adam} (and AdamW);
 * {@link org.rnn4j.optim.Optimizers} builds one by name; {@link org.rnn4j.optim.Schedule} (learning-rate
 * schedules), {@link org.rnn4j.optim.Clipping} and {@link org.rnn4j.optim.OptimizerState} (for checkpoints).
 */
package org.rnn4j.optim;
