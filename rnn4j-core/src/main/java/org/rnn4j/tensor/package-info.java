/**
 * Tensors and parameters: {@link org.rnn4j.tensor.Tensor} is a dense, contiguous, row-major float32
 * array with a shape (sequences time-major (T, B, F), states (L·D, B, H)); {@link org.rnn4j.tensor.Parameters}
 * holds all of a model's parameters in one flat buffer with a twin gradient buffer and named views
 * that follow PyTorch's {@code state_dict} names; {@link org.rnn4j.tensor.ShapeException} reports a wrong shape.
 */
package org.rnn4j.tensor;
