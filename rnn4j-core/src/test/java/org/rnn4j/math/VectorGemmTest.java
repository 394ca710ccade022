package org.rnn4j.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * VectorGemm must give BlockedGemm's results bit for bit (same per-element fma order), packed or
 * not, on any thread count. Surefire runs with --add-modules jdk.incubator.vector.
 */
class VectorGemmTest {
  private static final Gemm BLOCKED = new BlockedGemm();
  private static final Gemm VECTOR = Kernels.create("vector");
  private static final int[] NS = {1, 5, 15, 16, 17, 31, 48, 63, 64, 65, 100, 130, 257};
  private static final int[] KS = {1, 2, 3, 4, 5, 8, 17, 64, 127, 255, 256, 257, 300};
  private static final float[] ALPHAS = {1f, 0.5f, -1.25f, 0f};
  private static final float[] BETAS = {0f, 1f, 0.5f, -1f};

  /** One product on fresh copies of seeded operands, embedded at offsets with padded strides. */
  private static float[] run(Gemm g, boolean packed, boolean ta, boolean tb, int m, int n, int k, float alpha,
      float beta, long seed) {
    int pad = (int) (seed % 4);
    return GemmCase.of(ta, tb, m, n, k, alpha, beta, seed, pad, 2 * pad, 1 + pad, 3, 2 * pad).run(g, packed);
  }

  private static float[] random(Random r, int len) {
    return GemmCase.random(r, len);
  }

  private static void assertSame(boolean packed, boolean ta, boolean tb, int m, int n, int k, float alpha,
      float beta, long seed, Gemm vector) {
    float[] want = run(BLOCKED, packed, ta, tb, m, n, k, alpha, beta, seed);
    float[] got = run(vector, packed, ta, tb, m, n, k, alpha, beta, seed);
    assertThat(got).as("packed=%b ta=%b tb=%b m=%d n=%d k=%d alpha=%s beta=%s", packed, ta, tb, m, n, k, alpha,
        beta).containsExactly(want);
  }

  @Test
  void bitIdenticalToBlockedForEveryRowCountAndOddShapes() {
    long seed = 0;
    for (int m = 1; m <= 64; m++) {
      for (int t = 0; t < 4; t++) {
        seed++;
        int n = NS[(m * 7 + t) % NS.length];
        int k = KS[(m * 5 + 3 * t) % KS.length];
        float alpha = ALPHAS[(int) (seed % ALPHAS.length)];
        float beta = BETAS[(int) ((seed / 3) % BETAS.length)];
        assertSame(false, (t & 1) != 0, (t & 2) != 0, m, n, k, alpha, beta, seed, VECTOR);
        assertSame(true, (t & 1) != 0, (t & 2) != 0, m, n, k, alpha, beta, seed, VECTOR);
      }
    }
  }

  @Test
  void bitIdenticalOnLargeShapesAcrossBlockBoundaries() {
    // Wider than NC (1024 columns), deeper than KC (256), more rows than MC (128), odd tails.
    // (Kept small: until C2 compiles the kernel, each Vector API operation allocates.)
    int[][] shapes = {{32, 1100, 300}, {130, 70, 520}, {3, 1030, 260}, {1, 2000, 65}};
    long seed = 1000;
    for (int[] s : shapes) {
      for (int t = 0; t < 4; t++) {
        seed++;
        for (boolean packed : new boolean[] {false, true}) {
          float alpha = seed % 2 == 0 ? 1f : 0.5f; // 1: plain A read in place; 0.5: packed
          assertSame(packed, (t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], alpha, 1f, seed, VECTOR);
        }
      }
    }
  }

  @Test
  void parallelVectorGemmIsBitIdenticalToo() {
    try (ParallelGemm par = new ParallelGemm(VECTOR, 2, 0L)) {
      long seed = 2000;
      int[][] shapes = {{64, 300, 129}, {17, 1030, 64}, {40, 33, 257}};
      for (int[] s : shapes) {
        for (int t = 0; t < 4; t++) {
          seed++;
          for (boolean packed : new boolean[] {false, true}) {
            assertSame(packed, (t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], -0.5f, 0.5f, seed, par);
          }
        }
      }
    }
  }

  @Test
  void negativeZeroEndsAsBlockedGemmLeavesIt() {
    // A = +0 and B < 0: every product is -0, and -0 + -0 stays -0 until BlockedGemm's zero
    // padding of k to a multiple of 4 adds +0.
    for (int k : new int[] {4, 5, 7}) {
      float[] a = new float[8 * k];
      float[] b = new float[k * 20];
      Arrays.fill(b, -1f);
      float[] want = new float[8 * 20];
      Arrays.fill(want, -0f);
      float[] got = want.clone();
      BLOCKED.gemm(false, false, 8, 20, k, 1f, a, 0, k, b, 0, 20, 1f, want, 0, 20);
      VECTOR.gemm(false, false, 8, 20, k, 1f, a, 0, k, b, 0, 20, 1f, got, 0, 20);
      assertThat(got).as("k=%d", k).containsExactly(want);
      assertThat(Float.floatToRawIntBits(got[0])).isEqualTo(Float.floatToRawIntBits(k % 4 == 0 ? -0f : 0f));
      // beta = 0: sums start from +0 and never reach -0, so VectorGemm skips the + 0.
      BLOCKED.gemm(false, false, 8, 20, k, 1f, a, 0, k, b, 0, 20, 0f, want, 0, 20);
      VECTOR.gemm(false, false, 8, 20, k, 1f, a, 0, k, b, 0, 20, 0f, got, 0, 20);
      assertThat(got).as("k=%d, beta=0", k).containsExactly(want);
      assertThat(Float.floatToRawIntBits(got[0])).isEqualTo(Float.floatToRawIntBits(0f));
    }
  }

  @Test
  void packsFromTheOtherKernelAreUsableOrRejected() {
    Random r = new Random(5);
    float[] a = random(r, 8 * 40);
    float[] b = random(r, 40 * 50);
    float[] want = new float[8 * 50];
    BLOCKED.gemm(false, false, 8, 50, 40, 1f, a, 0, 40, b, 0, 50, 0f, want, 0, 50);
    float[] got = new float[8 * 50];
    VECTOR.gemm(false, 8, 1f, a, 0, 40, BLOCKED.pack(false, 50, 40, b, 0, 50), 0f, got, 0, 50);
    assertThat(got).containsExactly(want);
    PackedB vectorPack = VECTOR.pack(false, 50, 40, b, 0, 50);
    assertThatThrownBy(() -> BLOCKED.gemm(false, 8, 1f, a, 0, 40, vectorPack, 0f, got, 0, 50))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void packingIntoAPreviousPackReusesItsBufferOnlyForTheSameShape() {
    Random r = new Random(6);
    float[] a = random(r, 8 * 70);
    float[] b1 = random(r, 40 * 70);
    float[] b2 = random(r, 40 * 70);
    PackedB first = VECTOR.pack(true, 40, 70, b1, 0, 70); // B stored (40, 70): op(B) = B^T, (70, 40)
    PackedB again = VECTOR.pack(true, 40, 70, b2, 0, 70, first);
    assertThat(again).isSameAs(first);
    float[] want = new float[8 * 40];
    float[] got = new float[8 * 40];
    BLOCKED.gemm(false, true, 8, 40, 70, 1f, a, 0, 70, b2, 0, 70, 0f, want, 0, 40);
    VECTOR.gemm(false, 8, 1f, a, 0, 70, again, 0f, got, 0, 40);
    assertThat(got).containsExactly(want);
    assertThat(VECTOR.pack(true, 30, 70, b2, 0, 70, first)).isNotSameAs(first);
    assertThat(BLOCKED.pack(true, 40, 70, b2, 0, 70, first)).isNotSameAs(first);
  }

  @Test
  void kernelsPicksTheVectorKernelWhenTheModuleIsThereAndHonoursTheProperty() {
    assertThat(Kernels.vectorApiAvailable()).as("surefire runs with --add-modules jdk.incubator.vector").isTrue();
    assertThat(Kernels.create(null)).isInstanceOf(VECTOR.getClass());
    assertThat(Kernels.create("blocked")).isInstanceOf(BlockedGemm.class);
    assertThat(Kernels.create("scalar")).isInstanceOf(ScalarGemm.class);
    assertThatThrownBy(() -> Kernels.create("fast")).isInstanceOf(IllegalArgumentException.class);
  }

  /** Prints the default kernel's class; run in a child JVM by the test below. */
  public static final class PrintDefaultKernel {
    public static void main(String[] args) {
      System.out.print(Kernels.gemm().getClass().getSimpleName());
    }
  }

  @Test
  void aPlainJvmWithoutTheModuleFallsBackToBlockedGemm() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        PrintDefaultKernel.class.getName()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    assertThat(out).isEqualTo("BlockedGemm");
  }
}
