package org.rnn4j.math;

/**
 * Chooses the kernel implementations used by layers. The default GEMM is {@link BlockedGemm},
 * the fastest single-threaded kernel (see docs/benchmarks.md, "GEMM kernels").
 */
public final class Kernels {
  private static volatile Gemm gemm = new BlockedGemm();

  private Kernels() {}

  public static Gemm gemm() {
    return gemm;
  }

  /** Swaps the GEMM backend, e.g. for benchmarks or equality tests against the reference. */
  public static void setGemm(Gemm g) {
    Gemm old = gemm;
    gemm = g;
    closeIfOwned(old, g);
  }

  /**
   * Uses {@link BlockedGemm} on {@code threads} threads ({@link ParallelGemm}); 1 restores the
   * single-threaded kernel. Results are bit-identical for every thread count.
   */
  public static void setThreads(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1: " + threads);
    }
    setGemm(threads == 1 ? new BlockedGemm() : new ParallelGemm(new BlockedGemm(), threads));
  }

  /** Shuts down the worker pool of a replaced ParallelGemm (its threads would otherwise idle). */
  private static void closeIfOwned(Gemm old, Gemm replacement) {
    if (old instanceof ParallelGemm && old != replacement) {
      ((ParallelGemm) old).close();
    }
  }
}
