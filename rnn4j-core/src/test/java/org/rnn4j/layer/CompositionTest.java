package org.rnn4j.layer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.tensor.Tensor;

class CompositionTest {
  static Tensor input() {
    Tensor x = Tensor.zeros(5, 2, 3);
    for (int i = 0; i < x.size(); i++) {
      x.data()[i] = (float) Math.sin(0.7 * i);
    }
    return x;
  }

  static ModelConfig.Builder bi() {
    return ModelConfig.builder().cell("gru").inputSize(3).hiddenSize(4).bidirectional(true).outputSize(0);
  }

  @Test
  void sumAndAverageFusionCombineTheConcatenatedDirections() {
    RnnModel concat = new RnnModel(bi().build(), 5);
    RnnModel sum = new RnnModel(bi().fusion(Fusion.SUM).build(), 5);
    RnnModel avg = new RnnModel(bi().fusion(Fusion.AVERAGE).build(), 5);
    float[] c = concat.forward(input()).output().data();
    float[] s = sum.forward(input()).output().data();
    float[] a = avg.forward(input()).output().data();
    assertThat(s).hasSize(c.length / 2);
    for (int r = 0; r < 10; r++) {
      for (int j = 0; j < 4; j++) {
        float fw = c[r * 8 + j], bw = c[r * 8 + 4 + j];
        assertThat(s[r * 4 + j]).isEqualTo(fw + bw);
        assertThat(a[r * 4 + j]).isEqualTo(0.5f * (fw + bw));
      }
    }
  }

  @Test
  void tanhFusionMixesTheConcatenatedDirectionsWithItsOwnWeights() {
    RnnModel concat = new RnnModel(bi().build(), 5);
    RnnModel tanh = new RnnModel(bi().fusion(Fusion.TANH).build(), 5);
    // The directions draw their weights first, so both models share them; the fusion comes after.
    assertThat(tanh.parameters().value("weight_hh_l0_reverse").data())
        .containsExactly(concat.parameters().value("weight_hh_l0_reverse").data());
    float[] w = tanh.parameters().value("fusion_l0.weight").data(); // (H, 2H) = [W_f W_b]
    float[] b = tanh.parameters().value("fusion_l0.bias").data();
    assertThat(w).hasSize(4 * 8).doesNotContain(0f);
    float[] c = concat.forward(input()).output().data();
    float[] y = tanh.forward(input()).output().data();
    assertThat(y).hasSize(c.length / 2);
    for (int r = 0; r < 10; r++) {
      for (int j = 0; j < 4; j++) {
        double a = b[j];
        for (int i = 0; i < 8; i++) {
          a += w[j * 8 + i] * (double) c[r * 8 + i];
        }
        assertThat((double) y[r * 4 + j]).isCloseTo(Math.tanh(a), org.assertj.core.api.Assertions.within(1e-6));
      }
    }
  }

  @Test
  void dropoutActsOnlyInTrainingAndIsSeeded() {
    ModelConfig cfg = ModelConfig.builder().inputSize(3).hiddenSize(64).numLayers(2).dropout(0.5).outputSize(0).build();
    ModelConfig noDrop = cfg.toBuilder().dropout(0).build();
    RnnModel m = new RnnModel(cfg, 3);
    RnnModel plain = new RnnModel(noDrop, 3);
    assertThat(m.forward(input()).output().data()).containsExactly(plain.forward(input()).output().data());

    m.setTraining(true);
    float[] first = m.forward(input()).output().data();
    assertThat(first).isNotEqualTo(plain.forward(input()).output().data());
    RnnModel again = new RnnModel(cfg, 3);
    again.setTraining(true);
    assertThat(again.forward(input()).output().data()).containsExactly(first);
    // p = 0.5: about half of layer 0's 5·2·64 outputs are dropped, the rest scaled by 2
    int zeros = 0, twos = 0;
    for (float v : m.stack().dropoutMask(0)) {
      zeros += v == 0f ? 1 : 0;
      twos += v == 2f ? 1 : 0;
    }
    assertThat(zeros + twos).isEqualTo(640);
    assertThat(zeros).isBetween(260, 380);
  }

  @Test
  void directionsRunConcurrentlyOnTwoThreadsWithIdenticalResults() {
    ModelConfig cfg = bi().cell("lstm").numLayers(2).outputSize(3).build();
    java.util.Random rng = new java.util.Random(4);
    Tensor y = Tensor.zeros(5, 2, 3);
    for (int i = 0; i < y.size(); i++) {
      y.data()[i] = (float) rng.nextGaussian();
    }
    float[][] grads = new float[2][];
    double[] loss = new double[2];
    for (int threads = 1; threads <= 2; threads++) {
      org.rnn4j.math.Kernels.setThreads(threads);
      try {
        RnnModel m = new RnnModel(cfg, 6);
        RnnModel.InputGradients[] ig = new RnnModel.InputGradients[1];
        loss[threads - 1] = m.lossAndGradient(new org.rnn4j.model.Batch(input(), y), ig);
        grads[threads - 1] = m.parameters().grads().clone();
      } finally {
        org.rnn4j.math.Kernels.setThreads(1);
      }
    }
    assertThat(loss[1]).isEqualTo(loss[0]);
    assertThat(grads[1]).containsExactly(grads[0]);
  }
}
