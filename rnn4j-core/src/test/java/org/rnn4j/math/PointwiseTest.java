package org.rnn4j.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The vectorised sigmoid and tanh against the scalar ones (tests run with the Vector API module). */
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
      }
    }
  }

  private static void assertClose(float[] want, float[] got, int off, int n) {
    for (int i = off; i < off + n; i++) {
      if (Float.isNaN(want[i])) {
        assertThat(got[i]).isNaN();
      } else {
        assertThat(Math.abs(got[i] - want[i])).as("element %d", i).isLessThanOrEqualTo(2 * Math.ulp(want[i]) + Float.MIN_NORMAL);
      }
    }
  }

  @Test
  void unknownImplementationIsOneClearMessage() {
    assertThatThrownBy(() -> Kernels.createPointwise("fast"))
        .hasMessage("rnn4j.pointwise: expected vector or scalar, found 'fast'");
  }
}
