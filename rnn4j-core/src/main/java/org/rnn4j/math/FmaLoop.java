package org.rnn4j.math;

/**
 * A loop of {@value #CHAINS} independent chains of fused multiply-adds on the widest vectors the
 * JVM offers, touching no memory: its speed is the core's single-precision FMA peak, the ceiling
 * every kernel is measured against. Sixteen chains keep two FMA pipes busy even at a latency of
 * eight cycles (two pipes × four cycles need eight). Beside it, {@link #readSum}: the rate at
 * which the core reads an array from the cache level that holds it, the ceiling of products that
 * read each weight once (one stream's matrix–vector product).
 */
public interface FmaLoop {
  int CHAINS = 16;

  /** Runs {@code iterations} rounds of one FMA per chain; returns a value that depends on every chain. */
  float run(long iterations);

  /** Floating-point operations of {@code iterations} rounds: 2 per lane per FMA. */
  default double flops(long iterations) {
    return 2.0 * lanes() * CHAINS * iterations;
  }

  /**
   * Reads every float of {@code a} once, in order, with vector loads into eight independent sums;
   * returns their total (a.length a multiple of 8 vectors).
   */
  float readSum(float[] a);

  /** Floats per vector. */
  int lanes();
}
