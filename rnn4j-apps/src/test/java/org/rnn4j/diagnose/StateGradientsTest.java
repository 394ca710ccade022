package org.rnn4j.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnn4j.model.Batch;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.tensor.Tensor;

/**
 * ‖∂L_last/∂h_t‖ as recorded equals the norm of a central-difference gradient: h_t is computed
 * by running steps 0 … t, then the loss of the remaining steps t+1 … T-1 (last output only) is
 * differentiated numerically with respect to their initial state h_t. For the top layer of a
 * stack that is the whole of ∂L/∂h_t (the layer above is the head, which reads only step T-1).
 */
class StateGradientsTest {
  static final int T = 7, B = 2, I = 3;

  @ParameterizedTest
  @CsvSource({"elman, 1", "lstm, 1", "gru, 2"})
  void recordedNormsEqualFiniteDifferencesWithRespectToTheState(String cell, int layers) {
    RnnModel model = new RnnModel(ModelConfig.builder().cell(cell).inputSize(I).hiddenSize(4).numLayers(layers)
        .outputSize(2).build(), 3);
    Tensor x = random(new Random(5), T, B, I);
    Tensor y = random(new Random(6), T, B, 2);
    StateGradients.Result r = StateGradients.measure(model, new Batch(x, y));
    assertThat(r.firstLayer()).hasSize(T);
    assertThat(r.ratioFirstLast()).isEqualTo(r.firstLayer()[0] / r.firstLayer()[T - 1]);
    int top = layers - 1;
    for (int t = 0; t < T - 1; t++) {
      double numeric = numericNorm(model, x, y, t, top);
      assertThat(r.topLayer()[t]).as("t=%d", t).isCloseTo(numeric, org.assertj.core.api.Assertions.withinPercentage(0.3));
      if (layers == 1) {
        assertThat(r.firstLayer()[t]).isEqualTo(r.topLayer()[t]);
      }
    }
    assertThat(model.parameters().grads()).containsOnly(0f); // the probe leaves the gradients as they were
  }

  /** ‖dL_suffix/dh_t‖ of one layer's rows by central differences, ε = 1e-2. */
  private static double numericNorm(RnnModel model, Tensor x, Tensor y, int t, int layer) {
    Tensor[] states = model.forward(steps(x, 0, t + 1), t + 1, null).finalStates();
    Tensor xs = steps(x, t + 1, T), ys = steps(y, t + 1, T);
    Tensor mask = Tensor.zeros(T - t - 1, B);
    Arrays.fill(mask.data(), (T - t - 2) * B, mask.size(), 1f);
    Batch suffix = new Batch(xs, ys, mask, states);
    float[] h = states[0].data();
    double sq = 0;
    for (int i = layer * B * 4; i < (layer + 1) * B * 4; i++) {
      float saved = h[i];
      h[i] = saved + 1e-2f;
      double plus = model.lossAndGradient(suffix, null);
      h[i] = saved - 1e-2f;
      double minus = model.lossAndGradient(suffix, null);
      h[i] = saved;
      double g = (plus - minus) / 2e-2;
      sq += g * g;
    }
    model.parameters().zeroGrads();
    return Math.sqrt(sq);
  }

  static Tensor steps(Tensor x, int from, int to) {
    int per = x.size() / x.dim(0);
    int[] shape = x.shape();
    shape[0] = to - from;
    return Tensor.of(Arrays.copyOfRange(x.data(), from * per, to * per), shape);
  }

  static Tensor random(Random rng, int... shape) {
    Tensor t = Tensor.zeros(shape);
    for (int i = 0; i < t.size(); i++) {
      t.data()[i] = (float) rng.nextGaussian();
    }
    return t;
  }
}
