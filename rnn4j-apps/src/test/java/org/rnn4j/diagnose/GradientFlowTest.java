package org.rnn4j.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rnn4j.data.Example;
import org.rnn4j.model.Mapping;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.optim.Adam;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.train.TrainConfig;
import org.rnn4j.train.Batches;
import org.rnn4j.train.Trainer;

class GradientFlowTest {
  static final ModelConfig CONFIG = ModelConfig.builder().inputSize(1).hiddenSize(5).outputSize(1)
      .mapping(Mapping.MANY_TO_ONE).build();

  /** Sequences of length 4 and 9 whose target is the first input. */
  static List<Example> examples() {
    Random rng = new Random(7);
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      int len = i % 2 == 0 ? 4 : 9;
      Tensor x = StateGradientsTest.random(rng, len, 1);
      out.add(new Example(x, Tensor.of(new float[] {x.data()[0]}, 1, 1)));
    }
    return out;
  }

  @Test
  void trainsAsWithoutDiagnosticsAndRecordsEveryUpdate() {
    TrainConfig to = TrainConfig.builder().epochs(4).batchSize(8).clipNorm(0.5).seed(11).build();
    RnnModel reference = new RnnModel(CONFIG, 1);
    new Trainer<>(reference, new Adam(0.01), to).fit(Batches.of(examples()), null);

    RnnModel model = new RnnModel(CONFIG, 1);
    List<Integer> epochs = new ArrayList<>();
    GradientFlow.Report r = GradientFlow.train(model, new Trainer<>(model, new Adam(0.01), to), examples(), 4, 8,
        0.5, 3, GradientFlow.probeBatch(examples(), 16), (e, loss) -> epochs.add(e));

    assertThat(model.parameters().values()).containsExactly(reference.parameters().values());
    assertThat(epochs).containsExactly(1, 2, 3, 4);
    assertThat(r.normBefore()).hasSize(4 * 6).hasSameSizeAs(r.normAfter());
    for (int i = 0; i < r.normBefore().length; i++) {
      assertThat(r.normAfter()[i]).isCloseTo(Math.min(r.normBefore()[i], 0.5), org.assertj.core.api.Assertions.within(1e-5));
    }
    assertThat(r.snapshots()).extracting(GradientFlow.Snapshot::label).containsExactly("before training", "epoch 2", "epoch 4");
    assertThat(r.snapshots().get(0).gradients().firstLayer()).hasSize(9); // the probe holds the longest sequences
    assertThat(r.spectra()).hasSize(1 + 24);
    assertThat(r.jacobiansEnd().productNorm()).hasSize(10);
    assertThat(r.verdict().label()).isIn("healthy", "vanishing", "exploding");
  }

  @Test
  void verdictRule() {
    assertThat(GradientFlow.judge(1e-4, 0, true).label()).isEqualTo("vanishing");
    assertThat(GradientFlow.judge(0.1, 0.2, true).label()).isEqualTo("healthy");
    assertThat(GradientFlow.judge(0.1, 0.8, true).label()).isEqualTo("exploding");
    assertThat(GradientFlow.judge(1e4, 0, true).label()).isEqualTo("exploding");
    assertThat(GradientFlow.judge(0.1, 0, false).label()).isEqualTo("exploding");
    assertThat(GradientFlow.judge(1e-4, 0, true).reason()).contains("< 0.001");
  }

  @Test
  void aSavedModelIsMeasuredOnce() {
    RnnModel model = new RnnModel(CONFIG, 2);
    GradientFlow.Report r = GradientFlow.ofModel(model, GradientFlow.probeBatch(examples(), 8), 0);
    assertThat(r.snapshots()).hasSize(1);
    assertThat(r.normBefore()).hasSize(1);
    assertThat(r.clippedFraction()).isZero();
    assertThat(model.parameters().grads()).containsOnly(0f);
  }
}
