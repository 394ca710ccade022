package org.rnn4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rnn4j.tensor.Tensor;

class ScheduledSamplingTest {
  static final int O = 4, C = 2, T = 6, B = 5;
  static final ModelConfig CONFIG = ModelConfig.builder().inputSize(O + C).hiddenSize(5).outputSize(O).loss("ce").build();

  static Batch teacherForced(Random rng) {
    Tensor y = Tensor.zeros(T, B), cond = OutputRecurrentModelTest.random(rng, T, B, C);
    for (int i = 0; i < y.size(); i++) {
      y.data()[i] = rng.nextInt(O);
    }
    return new Batch(OutputFeedback.teacherForcedInput(y, cond, true, O), y);
  }

  static float[] gradients(Trainable<Batch> t, Batch batch) {
    t.parameters().zeroGrads();
    t.lossAndGradient(batch);
    return t.parameters().grads().clone();
  }

  @Test
  void aRatioOfOneIsPlainTeacherForcing() {
    RnnModel m = new RnnModel(CONFIG, 2);
    Batch batch = teacherForced(new Random(3));
    ScheduledSampling always = new ScheduledSampling(new OutputFeedback(m, C), TeacherForcing.ALWAYS, 10, 1);
    assertThat(gradients(always, batch)).containsExactly(gradients(m, batch));
  }

  @Test
  void theRatioDecaysLinearlyOverTheUpdatesAndTheDrawsFollowTheSeed() {
    Batch batch = teacherForced(new Random(3));
    float[][] first = new float[3][];
    for (int run = 0; run < 2; run++) {
      OutputRecurrentModel m = new OutputRecurrentModel(CONFIG, 2);
      ScheduledSampling s = new ScheduledSampling(new OutputFeedback(m, C), TeacherForcing.parse("1:0"), 3, 7);
      double[] ratios = new double[3];
      for (int u = 0; u < 3; u++) {
        float[] g = gradients(s, batch);
        ratios[u] = s.ratio();
        if (run == 0) {
          first[u] = g;
        } else {
          assertThat(g).as("update %d", u).containsExactly(first[u]);
        }
      }
      assertThat(ratios).containsExactly(1.0, 0.5, 0.0);
    }
    // With ratio 0 every step after the first is fed the model's prediction, not the truth.
    OutputRecurrentModel m = new OutputRecurrentModel(CONFIG, 2);
    assertThat(gradients(m, batch)).isNotEqualTo(first[2]);
  }

  @Test
  void teacherForcingSpecsParseOrSayWhatIsExpected() {
    assertThat(TeacherForcing.parse("0.5")).isEqualTo(new TeacherForcing(0.5, 0.5));
    assertThat(TeacherForcing.parse("1.0:0.25").at(0.5)).isEqualTo(0.625);
    assertThat(TeacherForcing.parse("1:0.25")).hasToString("1:0.25");
    assertThat(TeacherForcing.ALWAYS.always()).isTrue();
    assertThatThrownBy(() -> TeacherForcing.parse("1:x"))
        .hasMessage("teacher forcing: expected P or P:P_END with probabilities in [0, 1] (e.g. 1.0:0.0), found '1:x'");
    assertThatThrownBy(() -> TeacherForcing.parse("1.5"))
        .hasMessage("teacher forcing: expected probabilities in [0, 1], found 1.5:1.5");
  }
}
