/**
 * The numeric kernels behind every layer: {@link org.rnn4j.math.Gemm} (row-major SGEMM) with the reference
 * {@link org.rnn4j.math.ScalarGemm}, {@link org.rnn4j.math.BlockedGemm}, {@link org.rnn4j.math.VectorGemm} and
 * {@link org.rnn4j.math.ParallelGemm}; {@link org.rnn4j.math.Pointwise} (σ, tanh, e^x, running sums);
 * {@link org.rnn4j.math.Kernels}, which chooses kernels and threads and runs {@code parallelFor};
 * and {@link org.rnn4j.math.Rng}, the seeded generator of every random draw. All paths give bit-identical results.
 */
package org.rnn4j.math;
