package org.rnn4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.rnn4j.model.Batch;
import org.rnn4j.model.Mapping;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.optim.Adam;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.train.Batches;
import org.rnn4j.train.TrainConfig;
import org.rnn4j.train.Trainer;

/** Whole-array data sets: shape checks, batch-first to time-major, and learning with and without lengths. */
class ArrayDatasetTest {

  @Test
  void batchFirstArraysBecomeTimeMajorBatches() {
    Tensor x = Tensor.of(new float[] {1, 2, 3, 10, 20, 30}, 2, 3, 1); // (N=2, T=3, I=1)
    Tensor y = Tensor.of(new float[] {0, 1}, 2);
    ArrayDataset d = ArrayDataset.of(x, y, null, Mapping.MANY_TO_ONE, "ce", false);
    Batch b = d.batch();
    assertThat(b.x().shape()).containsExactly(3, 2, 1);
    assertThat(b.x().data()).containsExactly(1, 10, 2, 20, 3, 30);
    assertThat(b.y().shape()).containsExactly(1, 2);
    assertThat(d.outputWidth()).isEqualTo(2);
    ArrayDataset tm = ArrayDataset.of(Tensor.of(new float[] {1, 10, 2, 20, 3, 30}, 3, 2, 1), y, null, Mapping.MANY_TO_ONE, "ce", true);
    assertThat(tm.batch().x().data()).containsExactly(b.x().data());
  }

  @Test
  void wrongShapesAreOneClearMessage() {
    Tensor x = Tensor.zeros(4, 5, 2);
    assertThatThrownBy(() -> ArrayDataset.of(x, Tensor.zeros(4, 5), null, Mapping.MANY_TO_MANY, "mse", false))
        .hasMessage("targets (N, T_out, O) for many-to-many with loss mse: expected shape [4, 5, *], found [4, 5]");
    assertThatThrownBy(() -> ArrayDataset.of(x, Tensor.zeros(3), null, Mapping.MANY_TO_ONE, "ce", false))
        .hasMessage("targets (N) class indices for many-to-one with loss ce: expected shape [4], found [3]");
    assertThatThrownBy(() -> ArrayDataset.of(Tensor.zeros(4, 5), Tensor.zeros(4), null, Mapping.MANY_TO_ONE, "ce", false))
        .hasMessage("inputs (N, T, I): expected shape [*, *, *], found [4, 5]");
    assertThatThrownBy(() -> ArrayDataset.of(x, Tensor.zeros(4), Tensor.of(new float[] {1, 2, 6, 1}, 4), Mapping.MANY_TO_ONE, "ce", false))
        .hasMessage("lengths: expected integers in [1, 5], found 6.0 for sequence 2");
    assertThatThrownBy(() -> ArrayDataset.of(x, Tensor.of(new float[] {0, 1.5f, 0, 0}, 4), null, Mapping.MANY_TO_ONE, "ce", false))
        .hasMessageContaining("expected class indices");
  }

  @Test
  void manyToOneClassificationLearns() {
    assertThat(trainWaves(false)).isGreaterThan(0.9);
  }

  @Test
  void variableLengthClassificationLearnsWithLengths() {
    assertThat(trainWaves(true)).isGreaterThan(0.9);
  }

  @Test
  void paddingChangesNothingWhenLengthsAreGiven() {
    ExampleData.Arrays a = ExampleData.waves(8, 6, 12, 5);
    RnnModel model = new RnnModel(ModelConfig.builder().inputSize(1).hiddenSize(6).outputSize(3).loss("ce")
        .mapping(Mapping.MANY_TO_ONE).build(), 1);
    float[] noisy = a.inputs().data().clone();
    for (int i = 0; i < 8; i++) { // garbage in the padded steps
      for (int t = (int) a.lengths().data()[i]; t < 12; t++) {
        noisy[i * 12 + t] = 99f;
      }
    }
    ArrayDataset clean = ArrayDataset.of(a.inputs(), a.targets(), a.lengths(), Mapping.MANY_TO_ONE, "ce", false);
    ArrayDataset dirty = ArrayDataset.of(Tensor.of(noisy, 8, 12, 1), a.targets(), a.lengths(), Mapping.MANY_TO_ONE, "ce", false);
    Batch c = clean.batch(), d = dirty.batch();
    float[] oc = model.forward(c.x(), 1, null, c.lengths()).output().data().clone();
    float[] od = model.forward(d.x(), 1, null, d.lengths()).output().data();
    assertThat(od).containsExactly(oc);
  }

  @Test
  void theBaselineIgnoresTheInputAndFitsTheTrainingTargets() {
    Tensor x = Tensor.zeros(6, 2, 1);
    // ce: classes 2, 2, 0 train; 2, 1, 2 validate -> always 2 gets 2 of 3
    ArrayDataset[] ce = ArrayDataset.of(x, Tensor.of(new float[] {2, 2, 0, 2, 1, 2}, 6), null, Mapping.MANY_TO_ONE, "ce", false)
        .split(0.5);
    assertThat(ce[1].baselineMetric(ce[0], "ce")).isEqualTo(2 / 3.0);
    // mse, many-to-many with lengths: the padded step (value 100) counts neither in the mean nor in the score
    Tensor y = Tensor.of(new float[] {1, 100, 3, 5, 2, 4}, 3, 2, 1);
    ArrayDataset mse = ArrayDataset.of(Tensor.zeros(3, 2, 1), y, Tensor.of(new float[] {1, 2, 2}, 3), Mapping.MANY_TO_MANY, "mse",
        false);
    ArrayDataset[] parts = mse.split(1 / 3.0);
    float mean = (1 + 3 + 5) / 3f; // the training part's real targets
    assertThat(parts[1].baselineMetric(parts[0], "mse")).isEqualTo(Metrics.nrmse(new float[] {mean, mean}, new float[] {2, 4}));
    // bce: per output, the more frequent value
    Tensor yb = Tensor.of(new float[] {1, 0, 1, 0, 0, 1, 1, 1}, 4, 2);
    ArrayDataset[] bce = ArrayDataset.of(Tensor.zeros(4, 3, 1), yb, null, Mapping.MANY_TO_ONE, "bce", false).split(0.25);
    assertThat(bce[1].baselineMetric(bce[0], "bce")).isEqualTo(0.5); // predicts (1, 0) for the target (1, 1)
  }

  /** Validation accuracy on frequency classification: padded variable-length sequences with lengths, or all full length. */
  private static double trainWaves(boolean withLengths) {
    ExampleData.Arrays a = withLengths ? ExampleData.waves(600, 12, 24, 2) : ExampleData.waves(600, 24, 24, 2);
    ArrayDataset all = ArrayDataset.of(a.inputs(), a.targets(), withLengths ? a.lengths() : null, Mapping.MANY_TO_ONE, "ce", false);
    ArrayDataset[] parts = all.split(0.1);
    RnnModel model = new RnnModel(ModelConfig.builder().inputSize(1).hiddenSize(24).outputSize(all.outputWidth()).loss("ce")
        .mapping(Mapping.MANY_TO_ONE).build(), 1);
    // seed 1 is a slow starter: 0.6-1.0 at epoch 25, 1.0 from 30
    TrainConfig config = TrainConfig.builder().epochs(40).batchSize(32).clipNorm(5.0).seed(3).build();
    new Trainer<>(model, new Adam(0.01), config).fit(Batches.of(parts[0]), null);
    return parts[1].metric(model, "ce");
  }
}
