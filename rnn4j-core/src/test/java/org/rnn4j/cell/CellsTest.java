package org.rnn4j.cell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rnn4j.layer.Direction;
import org.rnn4j.layer.LayerSpec;
import org.rnn4j.layer.Recurrent;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.tensor.Parameters;
import org.rnn4j.tensor.Tensor;

class CellsTest {
  private static Parameters paramsOf(String cell, int hidden) {
    Recurrent r = new Recurrent(Cells.factory(cell, Activation.TANH).get(), LayerSpec.of(3, hidden), Direction.FORWARD, "_l0");
    Parameters.Builder b = new Parameters.Builder();
    r.declare(b);
    Parameters p = b.build();
    r.bind(p);
    r.initParams(new Random(1));
    return p;
  }

  @Test
  void everyKindBuildsAndNamesItsModule() {
    for (String kind : Cells.KINDS) {
      Cell cell = Cells.factory(kind, Activation.TANH).get();
      assertThat(Cells.kindOfModule(cell.module())).as(kind).isEqualTo(kind.equals("leaky-learned") ? "leaky" : kind);
    }
  }

  @Test
  void optionsAreParsedAndCheckedWhenTheFactoryIsMade() {
    assertThat(((SkipCell) Cells.factory("skip:3", Activation.TANH).get()).delay()).isEqualTo(3);
    assertThat(((SkipCell) Cells.factory("skip", Activation.TANH).get()).delay()).isEqualTo(Cells.DEFAULT_SKIP_DELAY);
    assertThat(((LstmCell) Cells.factory("lstm:forget-bias", Activation.TANH).get()).forgetBiasOne()).isTrue();
    assertThatThrownBy(() -> Cells.factory("skip:0", Activation.TANH)).hasMessageContaining("delay >= 1");
    assertThatThrownBy(() -> Cells.factory("skip:x", Activation.TANH)).hasMessageContaining("whole number");
    assertThatThrownBy(() -> Cells.factory("leaky:0.5", Activation.TANH)).hasMessageContaining(">= 1");
    assertThatThrownBy(() -> Cells.factory("gru:2", Activation.TANH)).hasMessageContaining("no option");
    assertThatThrownBy(() -> Cells.factory("lstm:peep", Activation.TANH)).hasMessageContaining("forget-bias");
    assertThatThrownBy(() -> Cells.factory("mgu", Activation.TANH)).hasMessageContaining("expected one of elman, lstm");
  }

  @Test
  void aNonlinearityIsAcceptedOnlyByCellsThatHaveOne() {
    for (String cell : new String[] {"elman", "rnn", "leaky:10", "leaky-learned", "skip:3"}) {
      Cells.requireNonlinearity(cell);
    }
    for (String cell : new String[] {"lstm", "lstm:forget-bias", "peephole", "gru", "forget"}) {
      assertThatThrownBy(() -> Cells.requireNonlinearity(cell))
          .hasMessage("nonlinearity: expected a cell that has one to choose (elman, leaky, leaky-learned, skip), found cell '"
              + cell + "'");
    }
  }

  @Test
  void cellNameWithOptionRoundTripsThroughFileMetadata() {
    ModelConfig config = ModelConfig.builder().cell("skip:3").build();
    RnnModel model = new RnnModel(config, 1);
    ModelConfig back = ModelConfig.fromMetadata(config.toMetadata(model.stack().units().get(0).cell().module()));
    assertThat(back).isEqualTo(config);
  }

  @Test
  void forgetBiasOptionStartsTheForgetGateAtSigmoidOfOne() {
    int h = 3;
    Parameters p = paramsOf("lstm:forget-bias", h);
    Tensor bih = p.value("bias_ih_l0"), bhh = p.value("bias_hh_l0");
    for (int j = 0; j < h; j++) {
      assertThat(bih.data()[h + j]).isEqualTo(1f);
      assertThat(bhh.data()[h + j]).isEqualTo(0f);
    }
    Tensor plain = paramsOf("lstm", h).value("bias_ih_l0");
    assertThat(plain.data()[h]).isNotEqualTo(1f);
  }

  @Test
  void peepholeAndSkipAndLearnedLeakDeclareTheirParameters() {
    assertThat(paramsOf("peephole", 4).params()).containsKeys("weight_peep_i_l0", "weight_peep_f_l0", "weight_peep_o_l0");
    assertThat(paramsOf("peephole", 4).get("weight_peep_o_l0").shape()).containsExactly(4);
    assertThat(paramsOf("skip", 4).get("weight_skip_l0").shape()).containsExactly(4, 4);
    assertThat(paramsOf("leaky-learned", 4).get("leak_l0").shape()).containsExactly(4);
    assertThat(paramsOf("leaky", 4).params()).doesNotContainKey("leak_l0");
  }

  @Test
  void leakRatesSpreadOverTimeConstants() {
    double[] tau = LeakyCell.timeConstants(5, 1.0, 16.0);
    assertThat(tau).containsExactly(new double[] {1, 2, 4, 8, 16}, within(1e-12));
    // Learned: logits of 1/τ with τ from 2 to τ_max = H.
    Tensor leak = paramsOf("leaky-learned", 4).value("leak_l0");
    assertThat(Activation.sigmoid(leak.data()[0])).isCloseTo(0.5f, within(1e-6f));
    assertThat(Activation.sigmoid(leak.data()[3])).isCloseTo(0.25f, within(1e-6f));
  }
}
