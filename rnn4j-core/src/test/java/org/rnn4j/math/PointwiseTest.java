package org.rnn4j.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The vectorised σ, tanh and e^x against the scalar ones (tests run with the Vector API module). */
class PointwiseTest {
  private static final float[] SPECIAL = {0f, -0f, 1e-30f, -1e-7f, 1e-4f, 0.5f, -3f, 9f, 20f, -20f, 88f, -88f,
      100f, -100f, Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN};

  @Test
  void vectorMatchesScalarWithinTwoUlpsAboveTheSubnormalsOnEveryLengthAndOffset() {
    Pointwise vector = Kernels.createPointwise("vector");
    Pointwise scalar = new ScalarPointwise();
    Random rng = new Random(5);
    float[] x = new float[4096];
    for (int i = 0; i < x.length; i++) {
      x[i] = i < SPECIAL.length ? SPECIAL[i] : (float) (rng.nextGaussian() * (i % 3 == 0 ? 1e-3 : 4));
    }
    for (int n : new int[] {0, 1, 7, 16, 17, 33, 4000}) {
      for (int off : new int[] {0, 3}) {
        float[] want = new float[x.length], got = new float[x.length];
        float[] gotInPlace = x.clone();
        scalar.sigmoid(x, off, want, off, n);
        vector.sigmoid(x, off, got, off, n);
        assertClose(want, got, off, n);
        scalar.tanh(x, off, want, off, n);
        vector.tanh(x, off, got, off, n);
        assertClose(want, got, off, n);
        vector.tanh(gotInPlace, off, gotInPlace, off, n); // x and y the same array
        assertClose(want, gotInPlace, off, n);
        assertThat(got[off + n]).as("nothing written past n").isZero();
        float m = Float.NEGATIVE_INFINITY; // the largest input, as softmax passes it: every x − m ≤ 0
        for (int i = off; i < off + n; i++) {
          m = x[i] > m ? x[i] : m;
        }
        scalar.expMinus(x, off, m, want, off, n);
        vector.expMinus(x, off, m, got, off, n);
        assertClose(want, got, off, n, 1.2e-38f); // underflow may end at 1.2e-38 (see expMinus)
        float[] b = want.clone(), c = got.clone(); // no overlap with the outputs: separate arrays
        float[] sumWant = x.clone(), sumGot = x.clone();
        scalar.addTo(b, off, sumWant, 1, n);
        vector.addTo(b, off, sumGot, 1, n);
        assertThat(sumGot).containsExactly(sumWant);
        float[] mulWant = new float[x.length], mulGot = new float[x.length];
        scalar.mul(x, off, b, 2, mulWant, off, n);
        vector.mul(x, off, b, 2, mulGot, off, n);
        assertThat(mulGot).containsExactly(mulWant);
        scalar.mulAdd(x, off, b, 1, x, 2, c, 3, mulWant, off, n);
        vector.mulAdd(x, off, b, 1, x, 2, c, 3, mulGot, off, n);
        assertThat(mulGot).containsExactly(mulWant);
        scalar.addMul(x, off, b, 1, c, 2, mulWant, off, n);
        vector.addMul(x, off, b, 1, c, 2, mulGot, off, n);
        assertThat(mulGot).containsExactly(mulWant);
        scalar.mix(b, off, x, 1, c, 2, mulWant, off, n);
        vector.mix(b, off, x, 1, c, 2, mulGot, off, n);
        assertThat(mulGot).containsExactly(mulWant);
        scalar.tanhBackward(x, off, b, 1, mulWant, off, n);
        vector.tanhBackward(x, off, b, 1, mulGot, off, n);
        assertThat(mulGot).containsExactly(mulWant);
        for (Pointwise p : new Pointwise[] {scalar, vector}) { // f(a + b) = addTo, then f: the same floats
          float[] sum = b.clone();
          p.addTo(x, off, sum, 1, n);
          p.sigmoid(sum, 1, mulWant, off, n);
          p.sigmoidOfSum(x, off, b, 1, mulGot, off, n);
          assertThat(mulGot).containsExactly(mulWant);
          p.tanh(sum, 1, mulWant, off, n);
          p.tanhOfSum(x, off, b, 1, mulGot, off, n);
          assertThat(mulGot).containsExactly(mulWant);
        }
      }
    }
  }

  private static void assertClose(float[] want, float[] got, int off, int n) {
    assertClose(want, got, off, n, Float.MIN_NORMAL);
  }

  /** Within 2 ulp, plus {@code floor} for results near the bottom of the float range. */
  private static void assertClose(float[] want, float[] got, int off, int n, float floor) {
    for (int i = off; i < off + n; i++) {
      if (Float.isNaN(want[i])) {
        assertThat(got[i]).isNaN();
      } else {
        assertThat(Math.abs(got[i] - want[i])).as("element %d", i).isLessThanOrEqualTo(2 * Math.ulp(want[i]) + floor);
      }
    }
  }

  /** σ, tanh and e^{x − 30} of fixed inputs, as a hash of their bits (after warm-up when compiled). */
  static int hashOfResults(int calls) {
    Pointwise p = Kernels.createPointwise("vector");
    float[] x = new float[1000], y = new float[1000], t = new float[1000], u = new float[1000];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (Math.sin(i * 0.37) * 30 / (1 + i % 7));
    }
    for (int c = 0; c < calls; c++) {
      p.sigmoid(x, 0, y, 0, 997);
      p.tanh(x, 0, t, 0, 995);
      p.expMinus(x, 0, 30f, u, 0, 993);
    }
    int h = 1;
    for (int i = 0; i < x.length; i++) {
      h = 31 * (31 * (31 * h + Float.floatToRawIntBits(y[i])) + Float.floatToRawIntBits(t[i]))
          + Float.floatToRawIntBits(u[i]);
    }
    return h;
  }

  /** Prints {@link #hashOfResults} of one call; run in an interpreter-only child JVM below. */
  public static final class PrintInterpretedHash {
    public static void main(String[] args) {
      System.out.print(hashOfResults(1));
    }
  }

  @Test
  void interpretedAndJitCompiledCodeGiveTheSameFloats() throws Exception {
    // (The Vector API's own EXP/TANH would not: compiled, they run a different library.)
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Xint", "--add-modules", "jdk.incubator.vector",
        "-cp", System.getProperty("java.class.path"), PrintInterpretedHash.class.getName())
        .redirectErrorStream(false).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    assertThat(out).isEqualTo(String.valueOf(hashOfResults(20_000)));
  }

  @Test
  void unknownImplementationIsOneClearMessage() {
    assertThatThrownBy(() -> Kernels.createPointwise("fast"))
        .hasMessage("rnn4j.pointwise: expected vector or scalar, found 'fast'");
  }
}
