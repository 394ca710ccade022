package org.rnn4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.check.GradCheck;
import org.rnn4j.io.ConvModelFile;
import org.rnn4j.layer.ConvFrontEnd;
import org.rnn4j.tensor.Parameters;
import org.rnn4j.tensor.Tensor;

class ConvRecurrentModelTest {
  static final String SPEC = "4k3-s2-same-tanh-avg2,3k2-valid-identity-max2/1";

  @TempDir Path dir;

  static ConvRecurrentModel model(String cell) {
    return ConvRecurrentModel.create(SPEC, 2, ModelConfig.builder().cell(cell).hiddenSize(3).outputSize(3).loss("ce")
        .mapping(Mapping.MANY_TO_ONE), 7);
  }

  static Batch batch() {
    Random rng = new Random(3);
    Tensor x = Tensor.zeros(21, 2, 2);
    for (int i = 0; i < x.size(); i++) {
      x.data()[i] = (float) rng.nextGaussian();
    }
    return new Batch(x, Tensor.of(new float[] {2, 0}, 2));
  }

  @Test
  void specIsParsedIntoItsCanonicalFormAndShortensTime() {
    ConvFrontEnd c = model("elman").conv();
    assertThat(c.spec()).isEqualTo("4k3-s2-same-tanh-avg2/2,3k2-s1-valid-identity-max2/1");
    assertThat(c.outputSteps(21)).isEqualTo(3); // same s2: 11, avg2: 5, valid k2: 4, max2/1: 3
    assertThat(new ConvFrontEnd("none", 5, 1).outputSteps(13)).isEqualTo(13);
    assertThatThrownBy(() -> ConvFrontEnd.parse("16k5-big")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'big' is none of them");
  }

  @Test
  void parameterAndInputGradientsOfTheComposedModelMatchFiniteDifferences() {
    for (String cell : new String[] {"elman", "lstm"}) {
      ConvRecurrentModel m = model(cell);
      Batch b = batch();
      Parameters p = m.parameters();
      assertThat(p.params()).containsKeys("conv.0.weight", "weight_hh_l0", "head.weight");
      p.zeroGrads();
      Tensor[] dx = new Tensor[1];
      m.lossAndGradient(b, dx);
      float[] analytic = p.grads().clone(); // later loss calls accumulate more
      for (Parameters.Param prm : p.params().values()) {
        assertThat(error(analytic, prm.offset(), p.values(), prm.offset(), prm.size(), m, b))
            .as(cell + " " + prm.name()).isLessThan(GradCheck.TOLERANCE);
      }
      assertThat(error(dx[0].data(), 0, b.x().data(), 0, b.x().size(), m, b)).as(cell + " input")
          .isLessThan(GradCheck.TOLERANCE);
    }
  }

  @Test
  void saveAndLoadRoundTripInOneFile() throws Exception {
    ConvRecurrentModel m = model("gru");
    Path f = dir.resolve("m.safetensors");
    ConvModelFile.save(f, m);
    ConvRecurrentModel back = ConvModelFile.load(f);
    assertThat(back.fileTensors().keySet()).containsExactlyElementsOf(m.fileTensors().keySet())
        .contains("conv.0.weight", "conv.0.bias", "conv.1.weight", "conv.1.bias", "weight_hh_l0", "head.weight");
    assertThat(back.parameters().values()).containsExactly(m.parameters().values());
    Tensor x = batch().x();
    assertThat(back.forward(x).output().data()).containsExactly(m.forward(x).output().data());
    assertThatThrownBy(() -> new ConvRecurrentModel(new ConvFrontEnd("5k2", 2, 1), m.rnn()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("conv output channels 5, found 3");
  }

  /** Central differences, ε = 1e-2, of the composed loss; Frobenius relative error. */
  private static double error(float[] analytic, int aOff, float[] values, int vOff, int n, ConvRecurrentModel m, Batch b) {
    return GradCheck.error(analytic, aOff, values, vOff, n, GradCheck.EPSILON, () -> m.lossAndGradient(b));
  }
}
