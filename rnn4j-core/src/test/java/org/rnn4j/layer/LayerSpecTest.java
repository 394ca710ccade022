package org.rnn4j.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LayerSpecTest {
  @Test
  void defaultsAreOneForwardLayerWithBiasesAndDenseInput() {
    LayerSpec s = LayerSpec.of(3, 4);
    assertThat(s).isEqualTo(new LayerSpec(3, 4, 1, false, Fusion.CONCAT, 0, true, false, false));
    assertThat(s.outputSize()).isEqualTo(4);
    assertThat(s.withBidirectional(true).outputSize()).isEqualTo(8);
    assertThat(s.withBidirectional(true).withFusion(Fusion.SUM).outputSize()).isEqualTo(4);
    assertThat(s.withFusion(Fusion.SUM).effectiveFusion()).isEqualTo(Fusion.CONCAT);
  }

  @Test
  void unitsOfUpperLayersReadThePreviousOutputNeverTokens() {
    LayerSpec s = LayerSpec.of(7, 4).withLayers(3).withBidirectional(true).withTokenInput(true).withDropout(0.5)
        .withLearnedInit(true).withBias(false);
    assertThat(s.unit(0)).isEqualTo(new LayerSpec(7, 4, 1, false, Fusion.CONCAT, 0, false, true, true));
    assertThat(s.unit(2)).isEqualTo(new LayerSpec(8, 4, 1, false, Fusion.CONCAT, 0, false, false, true));
    assertThatThrownBy(() -> s.unit(3)).hasMessage("layer: expected an index in [0, 3), found 3");
  }

  @Test
  void invalidValuesAreNamed() {
    assertThatThrownBy(() -> LayerSpec.of(0, 4)).hasMessage("input_size: expected a positive integer, found 0");
    assertThatThrownBy(() -> LayerSpec.of(3, 4).withLayers(0)).hasMessage("num_layers: expected a positive integer, found 0");
    assertThatThrownBy(() -> LayerSpec.of(3, 4).withDropout(1)).hasMessage("dropout: expected a probability in [0, 1), found 1.0");
    assertThatThrownBy(() -> new Recurrent(new org.rnn4j.cell.ElmanCell(org.rnn4j.cell.Activation.TANH),
        LayerSpec.of(3, 4).withLayers(2), Direction.FORWARD, "_l0")).hasMessageContaining("one layer and one direction");
  }
}
