package org.rnn4j.diagnose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rnn4j.cell.Activation;
import org.rnn4j.model.Batch;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.tensor.Tensor;

class StepJacobiansTest {
  @Test
  void linearElmanProductsArePowersOfTheRecurrentMatrix() {
    // h_t = W_ih x_t + W_hh h_{t-1} with W_hh = diag(0.9, 0.5, -0.3): ∂h_{T-1}/∂h_{T-1-k} = W_hh^k.
    RnnModel m = new RnnModel(ModelConfig.builder().nonlinearity(Activation.IDENTITY).inputSize(2).hiddenSize(3).build(), 1);
    m.parameters().set("weight_hh_l0", Tensor.of(new float[] {0.9f, 0, 0, 0, 0.5f, 0, 0, 0, -0.3f}, 3, 3));
    int t = 6;
    Tensor x = StateGradientsTest.random(new Random(2), t, 2, 2);
    StepJacobians.Result r = StepJacobians.along(m, new Batch(x, Tensor.zeros(t, 2, 1)));
    assertThat(r.productNorm()).hasSize(t + 1);
    for (int k = 0; k <= t; k++) {
      assertThat(r.productNorm()[k]).as("k=%d", k).isCloseTo(Math.pow(0.9, k), within(1e-6));
    }
    assertThat(r.growthPerStep()).isCloseTo(0.9, within(1e-6));
    assertThat(r.stepNorm()).containsOnly((double) 0.9f);
  }

  @Test
  void lstmStepJacobianMatchesFiniteDifferencesOfOneStep() {
    int h = 3;
    RnnModel m = new RnnModel(ModelConfig.builder().cell("lstm").inputSize(2).hiddenSize(h).build(), 4);
    Tensor x = StateGradientsTest.random(new Random(3), 1, 1, 2);
    StepJacobians.Result r = StepJacobians.along(m, new Batch(x, Tensor.zeros(1, 1, 1)));
    // Numerical J_0 = ∂[h_0; c_0]/∂[h_{-1}; c_{-1}] around the zero initial state.
    double[] j = new double[4 * h * h];
    for (int col = 0; col < 2 * h; col++) {
      float[][] plus = step(m, x, col, 1e-2f), minus = step(m, x, col, -1e-2f);
      for (int row = 0; row < 2 * h; row++) {
        j[row * 2 * h + col] = (plus[row / h][row % h] - minus[row / h][row % h]) / 2e-2;
      }
    }
    assertThat(r.stepNorm()[0]).isCloseTo(Spectral.norm(j, 2 * h, 2 * h), within(1e-3 * r.stepNorm()[0]));
    assertThat(r.productNorm()[1]).isCloseTo(r.stepNorm()[0], within(1e-12));
  }

  /** [h_0; c_0] after one step from an initial state that is zero but for component col += d. */
  private static float[][] step(RnnModel m, Tensor x, int col, float d) {
    int h = 3;
    Tensor[] init = {Tensor.zeros(1, 1, h), Tensor.zeros(1, 1, h)};
    init[col / h].data()[col % h] = d;
    Tensor[] s = m.forward(x, 1, init).finalStates();
    return new float[][] {s[0].data(), s[1].data()};
  }
}
