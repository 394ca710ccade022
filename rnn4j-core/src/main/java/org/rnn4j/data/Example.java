package org.rnn4j.data;

import org.rnn4j.tensor.Tensor;

/**
 * One training sequence before batching: {@code x} (T, I), or (I) for one-to-many;
 * {@code y} (T_out, O) values or (T_out) class indices, time first also for many-to-one
 * (T_out = 1).
 */
public record Example(Tensor x, Tensor y) {}
