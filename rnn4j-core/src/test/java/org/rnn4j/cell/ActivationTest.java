package org.rnn4j.cell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ActivationTest {
  @Test
  void fastTanhGivesTheFloatOfMathTanh() {
    Random rng = new Random(1);
    int differ = 0;
    for (int i = 0; i < 200_000; i++) {
      float a = (float) (rng.nextGaussian() * (i % 2 == 0 ? 3 : 1e-3));
      float want = (float) Math.tanh(a), got = Activation.tanh(a);
      assertThat(Math.abs(got - want)).as("tanh(%s)", a).isLessThanOrEqualTo(Math.ulp(want));
      differ += got != want ? 1 : 0;
    }
    assertThat(differ).isLessThan(20); // at most a rare 1-ulp difference
    assertThat(Activation.tanh(1e-30f)).isEqualTo(1e-30f);
    assertThat(Activation.tanh(-0f)).isEqualTo(-0f);
    assertThat(Activation.tanh(50f)).isEqualTo(1f);
    assertThat(Activation.tanh(-50f)).isEqualTo(-1f);
    assertThat(Activation.tanh(Float.NaN)).isNaN();
  }
}
