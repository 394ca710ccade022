/**
 * Benchmarks, never run by the tests: JMH {@link org.rnn4j.bench.GemmBenchmark} and
 * {@link org.rnn4j.bench.PointwiseBenchmark}, {@link org.rnn4j.bench.FeedbackTrainingBenchmark} (a teacher-forced
 * training step, output-only against hidden-state recurrence), {@link org.rnn4j.bench.GemmCpuTime} (single-thread GFLOP/s
 * per CPU-second) and {@link org.rnn4j.bench.GemmReport} (JMH CSV to a Markdown table). See docs/benchmarks.md.
 */
package org.rnn4j.bench;
