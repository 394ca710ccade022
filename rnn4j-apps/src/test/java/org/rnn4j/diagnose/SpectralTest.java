package org.rnn4j.diagnose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.tensor.Tensor;

class SpectralTest {
  @Test
  void radiusOfKnownMatrices() {
    // A scaled rotation has eigenvalues ±2i; a triangular matrix (here read at an offset) its diagonal.
    assertThat(Spectral.radius(new float[] {0, -2, 2, 0}, 0, 2)).isCloseTo(2, within(1e-9));
    assertThat(Spectral.radius(new float[] {9, -5, 1, 0, 2}, 1, 2)).isCloseTo(5, within(1e-9));
    float[] triangular = {1, 100, 0, 0.5f};
    assertThat(Spectral.radius(triangular, 0, 2)).isCloseTo(1, within(1e-9));
    assertThat(Spectral.norm(triangular, 0, 2, 2)).isGreaterThan(100); // the norm sees the coupling, the radius not
  }

  @Test
  void lstmGateBlocksAreNamedAndTheCandidateIsG() {
    RnnModel m = new RnnModel(ModelConfig.builder().cell("lstm").hiddenSize(2).build(), 1);
    float[] w = new float[8 * 2];
    float[] scale = {1, 2, 3, 4}; // block k = (k+1)·I
    for (int k = 0; k < 4; k++) {
      w[(2 * k) * 2] = scale[k];
      w[(2 * k + 1) * 2 + 1] = scale[k];
    }
    m.parameters().set("weight_hh_l0", Tensor.of(w, 8, 2));
    Spectral.LayerSpectrum s = Spectral.of(m).get(0);
    assertThat(s.unit()).isEqualTo("l0");
    assertThat(s.gateRadius()).containsOnlyKeys("i", "f", "g", "o");
    assertThat(s.gateRadius().get("f")).isCloseTo(2, within(1e-9));
    assertThat(s.candidateRadius()).isCloseTo(3, within(1e-9));
    assertThat(s.norm()).isCloseTo(Math.sqrt(1 + 4 + 9 + 16), within(1e-6)); // stacked multiples of I
  }

  @Test
  void initRadiusAgreesWithEjmlsEigenvalues() {
    // rnn4j-core computes the radius without EJML (SpectralScale); EJML's eigenvalues check it.
    for (String cell : new String[] {"elman", "lstm", "gru"}) {
      for (double rho : new double[] {0.5, 1.0, 3.0}) {
        RnnModel m = new RnnModel(ModelConfig.builder().cell(cell).hiddenSize(48).initRadius(rho).build(), 2);
        for (double r : Spectral.of(m).get(0).gateRadius().values()) {
          assertThat(r).as(cell + " at " + rho).isCloseTo(rho, within(1e-6 * rho));
        }
      }
    }
  }

  @Test
  void badShapeIsDescriptive() {
    assertThatThrownBy(() -> Spectral.radius(new float[3], 0, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n×n");
  }
}
