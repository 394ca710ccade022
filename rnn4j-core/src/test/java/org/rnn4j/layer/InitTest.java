package org.rnn4j.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;

class InitTest {
  static ModelConfig.Builder lstm() {
    return ModelConfig.builder().cell("lstm").inputSize(7).hiddenSize(6).outputSize(0);
  }

  @Test
  void orthogonalGivesOrthonormalGateBlocksAndZeroBiases() {
    RnnModel m = new RnnModel(lstm().init(Init.ORTHOGONAL).build(), 3);
    float[] w = m.parameters().value("weight_hh_l0").data(); // (4·6, 6)
    for (int block = 0; block < 4; block++) {
      for (int r = 0; r < 6; r++) {
        for (int s = 0; s < 6; s++) {
          double dot = 0;
          for (int c = 0; c < 6; c++) {
            dot += w[(block * 6 + r) * 6 + c] * (double) w[(block * 6 + s) * 6 + c];
          }
          assertThat(dot).isCloseTo(r == s ? 1.0 : 0.0, within(1e-5));
        }
      }
    }
    assertThat(m.parameters().value("bias_ih_l0").data()).containsOnly(0f);
  }

  @Test
  void xavierStaysWithinTheGlorotLimit() {
    RnnModel m = new RnnModel(lstm().init(Init.XAVIER).build(), 3);
    double limit = Math.sqrt(6.0 / (24 + 7));
    float max = 0;
    for (float v : m.parameters().value("weight_ih_l0").data()) {
      max = Math.max(max, Math.abs(v));
    }
    assertThat((double) max).isLessThanOrEqualTo(limit).isGreaterThan(0.8 * limit);
  }

  @Test
  void theSchemeIsStoredInTheConfig() {
    ModelConfig c = lstm().init(Init.ORTHOGONAL).build();
    assertThat(ModelConfig.fromMetadata(c.toMetadata("LSTM")).init()).isEqualTo(Init.ORTHOGONAL);
  }
}
