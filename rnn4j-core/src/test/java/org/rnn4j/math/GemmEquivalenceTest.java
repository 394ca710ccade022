package org.rnn4j.math;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** BlockedGemm and ParallelGemm against the ScalarGemm reference. */
class GemmEquivalenceTest {
  private static final int[] SIZES = {1, 3, 17, 33, 65, 127};
  private static final float[] ALPHAS = {1f, 0.5f, -1f, 0f};
  private static final float[] BETAS = {0f, 1f, 0.5f, -1f};

  private static final ParallelGemm PARALLEL = new ParallelGemm(new BlockedGemm(), 2, 0L);

  @AfterAll
  static void shutdown() {
    PARALLEL.close();
  }

  /** Runs gemm on a copy of c, with A, B, C embedded at offsets 3, 5, 7 in padded arrays. */
  private static float[] run(Gemm g, boolean ta, boolean tb, int m, int n, int k, float alpha,
      float beta, long seed, int pad) {
    return GemmCase.of(ta, tb, m, n, k, alpha, beta, seed, pad, pad, 3, 5, 7).run(g, false);
  }

  private static void assertClose(float[] expected, float[] actual, String what) {
    double diff = 0;
    double norm = 0;
    for (int i = 0; i < expected.length; i++) {
      assertThat(Float.isNaN(actual[i])).as(what + " NaN at " + i).isEqualTo(Float.isNaN(expected[i]));
      if (!Float.isNaN(expected[i])) {
        double d = (double) expected[i] - actual[i];
        diff += d * d;
        norm += (double) expected[i] * expected[i];
      }
    }
    assertThat(Math.sqrt(diff)).as(what).isLessThanOrEqualTo(1e-5 * Math.max(Math.sqrt(norm), 1e-30));
  }

  @Test
  void blockedAndParallelMatchScalarOnOddShapes() {
    Gemm scalar = new ScalarGemm();
    Gemm blocked = new BlockedGemm();
    long seed = 1;
    for (int t = 0; t < 4; t++) {
      boolean ta = (t & 1) != 0;
      boolean tb = (t & 2) != 0;
      for (int m : SIZES) {
        for (int n : SIZES) {
          for (int k : SIZES) {
            seed++;
            float alpha = ALPHAS[(int) (seed % ALPHAS.length)];
            float beta = BETAS[(int) ((seed / 4) % BETAS.length)];
            int pad = (int) (seed % 3) * 2;
            String what = String.format("ta=%b tb=%b m=%d n=%d k=%d alpha=%s beta=%s pad=%d",
                ta, tb, m, n, k, alpha, beta, pad);
            float[] expected = run(scalar, ta, tb, m, n, k, alpha, beta, seed, pad);
            float[] single = run(blocked, ta, tb, m, n, k, alpha, beta, seed, pad);
            assertClose(expected, single, "blocked " + what);
            float[] par = run(PARALLEL, ta, tb, m, n, k, alpha, beta, seed, pad);
            assertThat(par).as("parallel bit-identical to single thread, " + what).isEqualTo(single);
          }
        }
      }
    }
  }

  @Test
  void largeShapesCrossingBlockBoundaries() {
    Gemm scalar = new ScalarGemm();
    Gemm blocked = new BlockedGemm();
    // Larger than KC and NC, odd sizes, every transpose, plus the few-row dot-product path.
    int[][] shapes = {{33, 1100, 300}, {1, 700, 257}, {2, 515, 300}, {130, 64, 600}, {5, 9, 1000}};
    long seed = 100;
    for (int[] s : shapes) {
      for (int t = 0; t < 4; t++) {
        boolean ta = (t & 1) != 0;
        boolean tb = (t & 2) != 0;
        seed++;
        String what = String.format("ta=%b tb=%b m=%d n=%d k=%d", ta, tb, s[0], s[1], s[2]);
        float[] expected = run(scalar, ta, tb, s[0], s[1], s[2], 0.5f, 0.5f, seed, 3);
        float[] single = run(blocked, ta, tb, s[0], s[1], s[2], 0.5f, 0.5f, seed, 3);
        assertClose(expected, single, "blocked " + what);
        float[] par = run(PARALLEL, ta, tb, s[0], s[1], s[2], 0.5f, 0.5f, seed, 3);
        assertThat(par).as("parallel bit-identical, " + what).isEqualTo(single);
      }
    }
  }

  /** The same product through a pack of B, for every kernel: bit-identical to the unpacked call. */
  private static float[] runPacked(Gemm g, boolean ta, boolean tb, int m, int n, int k, float alpha, float beta,
      long seed, int pad) {
    return GemmCase.of(ta, tb, m, n, k, alpha, beta, seed, pad, pad, 3, 5, 7).run(g, true);
  }

  @Test
  void packedRightHandSidesGiveTheUnpackedResultsExactly() {
    Gemm[] kernels = {new ScalarGemm(), new BlockedGemm(), PARALLEL};
    int[][] shapes = {{1, 256, 64}, {2, 33, 17}, {3, 65, 127}, {32, 600, 300}, {17, 1030, 520}};
    long seed = 0;
    for (Gemm g : kernels) {
      for (int[] sh : shapes) {
        for (boolean ta : new boolean[] {false, true}) {
          for (boolean tb : new boolean[] {false, true}) {
            for (float beta : new float[] {0f, 1f}) {
              seed++;
              float[] want = run(g, ta, tb, sh[0], sh[1], sh[2], 0.5f, beta, seed, 2);
              float[] got = runPacked(g, ta, tb, sh[0], sh[1], sh[2], 0.5f, beta, seed, 2);
              assertThat(got).as("%s %s", g.getClass().getSimpleName(), Arrays.toString(sh)).containsExactly(want);
            }
          }
        }
      }
    }
  }

  @Test
  void emptyDimensionsLeaveCScaledOnly() {
    float[] c = {1f, 2f, 3f, 4f};
    new BlockedGemm().gemm(false, false, 2, 2, 0, 1f, new float[0], 0, 1, new float[0], 0, 2,
        0.5f, c, 0, 2);
    assertThat(c).containsExactly(0.5f, 1f, 1.5f, 2f);
  }

  @Test
  void kernelsDefaultsAndThreads() {
    Gemm before = Kernels.gemm();
    Class<?> single = Kernels.create(null).getClass();
    try {
      assertThat(Kernels.gemm()).isInstanceOf(single);
      Kernels.setThreads(2);
      assertThat(Kernels.gemm()).isInstanceOf(ParallelGemm.class);
      assertThat(((ParallelGemm) Kernels.gemm()).kernel()).isInstanceOf(single);
      Kernels.setThreads(1);
      assertThat(Kernels.gemm()).isInstanceOf(single);
    } finally {
      Kernels.setGemm(before);
    }
  }
}
