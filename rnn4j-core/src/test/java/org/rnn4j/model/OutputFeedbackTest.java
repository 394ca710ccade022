package org.rnn4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.rnn4j.math.Rng;
import org.rnn4j.tensor.Tensor;

class OutputFeedbackTest {
  static final int O = 3, C = 2;

  static RnnModel model() {
    return new RnnModel(ModelConfig.builder().inputSize(O + C).hiddenSize(5).outputSize(O).loss("ce").build(), 1);
  }

  @Test
  void teacherForcingFeedsThePreviousTrueClassAndTheConditionAtEveryStep() {
    Tensor y = Tensor.of(new float[] {2, 0, 1, 1}, 2, 2); // (T=2, B=2)
    Tensor cond = Tensor.of(new float[] {0.5f, -1, 7, 8}, 2, 2);
    Tensor x = new OutputFeedback(model(), C).teacherForced(y, cond).x();
    assertThat(x.shape()).containsExactly(2, 2, O + C);
    assertThat(x.data()).containsExactly(
        0, 0, 0, 0.5f, -1, /* row 1 */ 0, 0, 0, 7, 8,
        0, 0, 1, 0.5f, -1, /* row 1 */ 1, 0, 0, 7, 8);
  }

  @Test
  void scheduledSamplingWithProbabilityOneFeedsWhatGenerationFeeds() {
    RnnModel m = model();
    OutputFeedback fb = new OutputFeedback(m, C);
    Tensor cond = Tensor.of(new float[] {1, 0}, 1, 2);
    Tensor generated = fb.generate(cond, 1, 5, 0, new Rng(0));
    Tensor y = Tensor.zeros(5, 1); // targets never fed when p = 1
    Tensor x = fb.scheduled(y, cond, 1.0, new Rng(3)).x();
    for (int t = 1; t < 5; t++) {
      int fed = -1;
      for (int k = 0; k < O; k++) {
        fed = x.get(t, 0, k) == 1f ? k : fed;
      }
      assertThat(fed).as("step %d", t).isEqualTo((int) generated.get(t - 1, 0));
    }
    assertThat(fb.scheduled(y, cond, 0.0, new Rng(3)).x().data()).containsExactly(fb.teacherForced(y, cond).x().data());
  }

  @Test
  void aModelOfTheWrongInputSizeIsRejected() {
    assertThatThrownBy(() -> new OutputFeedback(model(), 4))
        .hasMessageContaining("dense input of size 7 (outputs + condition), found mapping many-to-many, input size 5");
  }
}
