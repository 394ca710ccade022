/**
 * Echo state networks: {@link org.rnn4j.esn.EchoStateNetwork} (a sparse random reservoir rescaled to a
 * spectral radius, a ridge or recursive-least-squares readout, optional output feedback), configured by
 * {@link org.rnn4j.esn.EsnConfig}; the Mackey–Glass, NARMA10 and CSV benchmarks in {@link org.rnn4j.esn.EsnBenchmark}.
 */
package org.rnn4j.esn;
