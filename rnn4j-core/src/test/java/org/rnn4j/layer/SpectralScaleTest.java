package org.rnn4j.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.tensor.Parameters;

class SpectralScaleTest {
  @Test
  void radiusOfKnownMatrices() {
    // A scaled rotation: eigenvalues ±2i, a complex pair with nothing dominant for power iteration.
    assertThat(SpectralScale.radius(new float[] {0, -2, 2, 0}, 0, 2)).isCloseTo(2, within(1e-7));
    // Triangular (read at an offset): the diagonal, whatever the coupling above it.
    assertThat(SpectralScale.radius(new float[] {9, 1, 100, -7, 0, -2.5f, 40, 0, 0, 0.5f}, 1, 3))
        .isCloseTo(2.5, within(2.5e-7));
    // Nilpotent: every eigenvalue 0.
    assertThat(SpectralScale.radius(new float[] {0, 1, 0, 0}, 0, 2)).isZero();
    assertThat(SpectralScale.radius(new float[] {-0.3f}, 0, 1)).isCloseTo(0.3, within(1e-7));
  }

  @Test
  void anOrthogonalMatrixHasRadiusOneThoughAllItsEigenvaluesTie() {
    float[] q = new float[40 * 40];
    Init.orthogonal(q, 0, 40, new Random(5));
    assertThat(SpectralScale.radius(q, 0, 40)).isCloseTo(1, within(1e-6));
  }

  @Test
  void everyGateBlockOfEveryUnitGetsTheRadius() {
    for (String cell : new String[] {"elman", "lstm", "gru", "forget"}) {
      ModelConfig c = ModelConfig.builder().cell(cell).hiddenSize(12).numLayers(2).bidirectional(true)
          .init(Init.ORTHOGONAL).initRadius(1.7).build();
      RnnModel m = new RnnModel(c, 3);
      Parameters p = m.parameters();
      for (Recurrent u : m.stack().units()) {
        int off = p.get("weight_hh" + u.suffix()).offset();
        for (int block = 0; block < u.cell().gates(); block++) {
          assertThat(SpectralScale.radius(p.values(), off + block * 144, 12)).as(cell + u.suffix() + " block " + block)
              .isCloseTo(1.7, within(1e-5));
        }
      }
    }
  }

  @Test
  void theRadiusIsStoredInTheConfigAndOnlyScalesWhenSet() {
    ModelConfig c = ModelConfig.builder().hiddenSize(5).initRadius(2.5).build();
    assertThat(ModelConfig.fromMetadata(c.toMetadata("RNN")).initRadius()).isEqualTo(2.5);
    assertThat(ModelConfig.fromMetadata(ModelConfig.builder().build().toMetadata("RNN")).initRadius()).isZero();
    RnnModel plain = new RnnModel(ModelConfig.builder().hiddenSize(5).build(), 4);
    RnnModel scaled = new RnnModel(c, 4);
    float[] w = plain.parameters().value("weight_hh_l0").data(), ws = scaled.parameters().value("weight_hh_l0").data();
    double factor = 2.5 / SpectralScale.radius(w, 0, 5);
    for (int i = 0; i < w.length; i++) {
      assertThat((double) ws[i]).isCloseTo(w[i] * factor, within(1e-5));
    }
    assertThat(scaled.parameters().value("weight_ih_l0").data()).containsExactly(plain.parameters().value("weight_ih_l0").data());
  }

  @Test
  void badRadiiAreDescriptive() {
    assertThatThrownBy(() -> ModelConfig.builder().initRadius(-1).build())
        .hasMessage("init_radius: expected a finite number >= 0 (0 = as initialised), found -1.0");
    RnnModel m = new RnnModel(ModelConfig.builder().hiddenSize(2).build(), 1);
    int off = m.parameters().get("weight_hh_l0").offset();
    java.util.Arrays.fill(m.parameters().values(), off, off + 4, 0f);
    assertThatThrownBy(() -> SpectralScale.scaleRecurrent(m.parameters(), m.stack().units(), 2))
        .hasMessageContaining("weight_hh_l0 block 0 to have a nonzero spectral radius, found 0");
  }
}
