package org.rnn4j.data;

import org.rnn4j.tensor.Tensor;

/**
 * One training sequence before batching: {@code x} (T, I), or (I) for one-to-many;
 * {@code y} (T_out, O) values or (T_out) class indices, or for many-to-one (O) / () .
 */
public record Example(Tensor x, Tensor y) {}
