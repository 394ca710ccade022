package org.rnn4j.math;

/** Chooses the kernel implementations used by layers. */
public final class Kernels {
  private static volatile Gemm gemm = new ScalarGemm();

  private Kernels() {}

  public static Gemm gemm() {
    return gemm;
  }

  /** Swaps the GEMM backend, e.g. for benchmarks or equality tests against the reference. */
  public static void setGemm(Gemm g) {
    gemm = g;
  }
}
