package org.rnn4j.spark;

/** Seeds derived from a step's seed, so every partition of every step draws its own fixed random numbers. */
final class Seeds {
  private Seeds() {}

  /** SplitMix64's finaliser over both values: different inputs give unrelated seeds. */
  static long mix(long seed, long partition) {
    long z = seed * 0x9E3779B97F4A7C15L + partition;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
