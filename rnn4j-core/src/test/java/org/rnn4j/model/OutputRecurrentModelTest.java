package org.rnn4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.io.FormatException;
import org.rnn4j.io.ModelFile;
import org.rnn4j.math.Rng;
import org.rnn4j.tensor.Parameters;
import org.rnn4j.tensor.Tensor;

class OutputRecurrentModelTest {
  static final int O = 2, C = 3, H = 6, T = 7, B = 3;
  static final ModelConfig CONFIG = ModelConfig.builder().inputSize(O + C).hiddenSize(H).outputSize(O).build();

  static Tensor random(Random rng, int... shape) {
    Tensor t = Tensor.zeros(shape);
    for (int i = 0; i < t.size(); i++) {
      t.data()[i] = (float) rng.nextGaussian();
    }
    return t;
  }

  @Test
  void theTeacherForcedForwardEqualsSingleStepsAndALoopOfTheEquationsFedTheTruePreviousOutputs() {
    OutputRecurrentModel m = new OutputRecurrentModel(CONFIG, 3);
    Random rng = new Random(4);
    Tensor y = random(rng, T, B, O), cond = random(rng, T, B, C);
    Tensor x = OutputFeedback.teacherForcedInput(y, cond, false, O);
    Tensor all = m.forward(x); // every step in one product
    for (int t = 0; t < T; t++) { // one step at a time, as generation runs it, fed the true previous outputs
      float[] xt = java.util.Arrays.copyOfRange(x.data(), t * B * (O + C), (t + 1) * B * (O + C));
      float[] step = m.step(xt);
      for (int i = 0; i < B * O; i++) {
        assertThat(step[i]).as("step %d", t).isCloseTo(all.data()[t * B * O + i], within(1e-6f));
      }
    }
    Parameters p = m.parameters();
    float[] w = p.value("input.weight").data(), b = p.value("input.bias").data();
    float[] wo = p.value("head.weight").data(), bo = p.value("head.bias").data();
    for (int t = 0; t < T; t++) {
      for (int r = 0; r < B; r++) {
        double[] u = new double[O + C]; // [y*_{t-1}; c_t], zeros before the start
        for (int k = 0; k < O; k++) {
          u[k] = t == 0 ? 0 : y.get(t - 1, r, k);
        }
        for (int k = 0; k < C; k++) {
          u[O + k] = cond.get(t, r, k);
        }
        double[] h = new double[H];
        for (int j = 0; j < H; j++) {
          double a = b[j];
          for (int k = 0; k < O + C; k++) {
            a += w[j * (O + C) + k] * u[k];
          }
          h[j] = Math.tanh(a);
        }
        for (int k = 0; k < O; k++) {
          double o = bo[k];
          for (int j = 0; j < H; j++) {
            o += wo[k * H + j] * h[j];
          }
          assertThat(all.get(t, r, k)).as("step %d row %d output %d", t, r, k).isCloseTo((float) o, within(1e-5f));
        }
      }
    }
  }

  @Test
  void stepTDependsOnlyOnTheInputsOfStepT() {
    OutputRecurrentModel m = new OutputRecurrentModel(CONFIG, 3);
    Tensor x = random(new Random(5), T, B, O + C);
    float[] before = m.forward(x).data();
    x.data()[(2 * B + 1) * (O + C)] += 1f; // step 2, sequence 1
    float[] after = m.forward(x).data();
    for (int t = 0; t < T; t++) {
      for (int r = 0; r < B; r++) {
        int i = (t * B + r) * O;
        assertThat(after[i] != before[i]).as("step %d row %d", t, r).isEqualTo(t == 2 && r == 1);
      }
    }
  }

  @Test
  void generationFedItsOwnOutputsEqualsTheTeacherForcedForwardOnThoseOutputsWithAPerStepCondition() {
    Tensor cond = random(new Random(6), T, B, C); // c_t changes at every step
    OutputRecurrentModel outputOnly = new OutputRecurrentModel(CONFIG, 8);
    RnnModel hiddenState = new RnnModel(CONFIG.toBuilder().cell("gru").build(), 8);
    for (OutputFeedback fb : new OutputFeedback[] {new OutputFeedback(outputOnly, C), new OutputFeedback(hiddenState, C)}) {
      Tensor generated = fb.generate(cond, B, T, 0, new Rng(0)); // (T, B, O)
      Tensor x = OutputFeedback.teacherForcedInput(generated, cond, false, O);
      Tensor forward = fb.model() == outputOnly ? outputOnly.forward(x) : hiddenState.forward(x).output();
      for (int i = 0; i < generated.size(); i++) {
        assertThat(forward.data()[i]).isCloseTo(generated.data()[i], within(1e-5f));
      }
    }
  }

  @Test
  void aSavedModelLoadsAsOutputRecurrenceAndNotAsAHiddenStateModel(@TempDir Path dir) throws Exception {
    OutputRecurrentModel m = new OutputRecurrentModel(CONFIG, 9);
    Path file = dir.resolve("jordan.safetensors");
    ModelFile.write(file, m, Map.of());
    OutputRecurrentModel back = ModelFile.loadOutputRecurrent(file);
    assertThat(back.config()).isEqualTo(m.config());
    Tensor x = random(new Random(1), T, B, O + C);
    assertThat(back.forward(x).data()).containsExactly(m.forward(x).data());
    assertThatThrownBy(() -> ModelFile.load(file)).isInstanceOf(FormatException.class)
        .hasMessageContaining("expected a hidden-state recurrent model, found an output-recurrence model (rnn4j.recurrence = output)");
    Path rnn = dir.resolve("rnn.safetensors");
    ModelFile.save(rnn, new RnnModel(CONFIG, 1));
    assertThatThrownBy(() -> ModelFile.loadOutputRecurrent(rnn))
        .hasMessageContaining("expected an output-recurrence model (rnn4j.recurrence = output), found a model without that key");
  }

  @Test
  void configsItCannotRunAreRefusedByName() {
    assertThatThrownBy(() -> new OutputRecurrentModel(CONFIG.toBuilder().numLayers(2).build(), 1))
        .hasMessage("output recurrence: expected one unidirectional many-to-many layer with dense inputs, a head and no"
            + " dropout, found mapping many-to-many, token input false, output size 2, layers 2, dropout 0.0");
    assertThatThrownBy(() -> new OutputFeedback(new OutputRecurrentModel(CONFIG, 1), 1))
        .hasMessageContaining("dense input of size 3 (outputs + condition), found mapping many-to-many, input size 5");
  }
}
