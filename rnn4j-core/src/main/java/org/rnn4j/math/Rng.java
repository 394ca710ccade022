package org.rnn4j.math;

/**
 * SplitMix64: a small, fast generator whose whole state is one long, so a checkpoint can save it
 * and a resumed run draws exactly the same numbers.
 */
public final class Rng {
  private long state;

  public Rng(long seed) {
    this.state = seed;
  }

  public long state() {
    return state;
  }

  public void setState(long s) {
    state = s;
  }

  public long nextLong() {
    long z = (state += 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Uniform in [0, 1) with 24 random bits. */
  public float nextFloat() {
    return (nextLong() >>> 40) * 0x1.0p-24f;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in [0, n). */
  public int nextInt(int n) {
    if (n <= 0) {
      throw new IllegalArgumentException("bound must be positive, found " + n);
    }
    return (int) ((nextLong() >>> 33) % n);
  }
}
