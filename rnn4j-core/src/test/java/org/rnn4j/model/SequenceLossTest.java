package org.rnn4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rnn4j.check.GradCheck;
import org.rnn4j.data.Example;
import org.rnn4j.loss.CosineDistance;
import org.rnn4j.loss.CtcLoss;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.train.Batches;
import org.rnn4j.train.TrainConfig;
import org.rnn4j.train.Trainer;

/**
 * The custom-loss API: a {@link org.rnn4j.loss.SequenceLoss} trained through the model, and
 * backward from an externally computed dL/dy.
 */
class SequenceLossTest {

  private static Tensor gaussian(Random rng, int... shape) {
    Tensor t = Tensor.zeros(shape);
    for (int i = 0; i < t.size(); i++) {
      t.data()[i] = (float) rng.nextGaussian();
    }
    return t;
  }

  private static RnnModel model(String cell, int outputs, long seed) {
    return new RnnModel(ModelConfig.builder().cell(cell).inputSize(3).hiddenSize(5).outputSize(outputs).build(), seed);
  }

  @Test
  void cosineLossGradientsMatchFiniteDifferencesThroughTheModel() {
    Random rng = new Random(1);
    RnnModel m = model("lstm", 2, 2);
    m.setSequenceLoss(new CosineDistance());
    Batch batch = new Batch(gaussian(rng, 6, 3, 3), gaussian(rng, 6, 3, 2), null,
        new Tensor[] {gaussian(rng, 1, 3, 5), null}, new int[] {6, 4, 1});
    GradCheck.Result r = GradCheck.check(m, batch);
    assertThat(r.errors()).containsKeys("weight_ih_l0", "head.weight", "input", "h0");
    assertThat(r.maxError()).as("worst %s: %s", r.worst(), r.errors()).isLessThan(GradCheck.TOLERANCE);
  }

  @Test
  void ctcGradientsMatchFiniteDifferencesThroughTheModel() {
    Random rng = new Random(3);
    RnnModel m = model("gru", 4, 4);
    m.setSequenceLoss(new CtcLoss());
    Tensor y = Tensor.of(new float[] {1, 3, 2, 3, 2, 0}, 3, 2); // "1 2 2" and "3 3"
    Batch batch = new Batch(gaussian(rng, 7, 2, 3), y, null, null, new int[] {7, 5});
    GradCheck.Result r = GradCheck.check(m, batch);
    assertThat(r.maxError()).as("worst %s: %s", r.worst(), r.errors()).isLessThan(GradCheck.TOLERANCE);
  }

  @Test
  void backwardFromAnExternalGradientEqualsTheSequenceLossPath() {
    Random rng = new Random(5);
    Tensor x = gaussian(rng, 5, 2, 3), target = gaussian(rng, 5, 2, 2);
    RnnModel viaLoss = model("elman", 2, 6);
    viaLoss.setSequenceLoss(new CosineDistance());
    double loss = viaLoss.lossAndGradient(new Batch(x, target));

    RnnModel byHand = model("elman", 2, 6);
    Tensor y = byHand.forward(x, 5, null).output();
    float[] dy = new float[y.size()];
    assertThat(new CosineDistance().lossAndGradient(y, target, null, dy)).isEqualTo(loss);
    byHand.backward(Tensor.of(dy, 5, 2, 2));
    assertThat(byHand.parameters().grads()).containsExactly(viaLoss.parameters().grads());
  }

  @Test
  void backwardAppliesTheOutputActivationsDerivative() {
    Random rng = new Random(7);
    RnnModel m = new RnnModel(ModelConfig.builder().inputSize(3).hiddenSize(4).outputSize(3).loss("ce").build(), 8);
    Tensor x = gaussian(rng, 4, 1, 3), w = gaussian(rng, 4, 1, 3);
    // L = Σ w·y over the softmax outputs y: compare with finite differences of the parameters.
    m.forward(x, 4, null);
    m.backward(w);
    float[] analytic = m.parameters().grads().clone();
    double err = GradCheck.error(analytic, 0, m.parameters().values(), 0, analytic.length, 1e-2, () -> {
      float[] y = m.forward(x, 4, null).output().data();
      double l = 0;
      for (int i = 0; i < y.length; i++) {
        l += w.data()[i] * y[i];
      }
      return l;
    });
    assertThat(err).isLessThan(GradCheck.TOLERANCE);
    m.lossAndGradient(new Batch(x, Tensor.zeros(4, 1)));
    assertThatThrownBy(() -> m.backward(w)).hasMessageStartingWith("backward: expected a forward(..) call before it");
  }

  @Test
  void theTrainerLowersACosineLoss() {
    // Target: three times a sine the input carries; the cosine loss asks only for its shape.
    Random rng = new Random(9);
    List<Example> data = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      double phase = rng.nextDouble() * 6;
      float[] x = new float[10 * 3], y = new float[10];
      for (int t = 0; t < 10; t++) {
        x[t * 3] = (float) Math.cos(phase + 0.5 * t);
        x[t * 3 + 1] = (float) Math.sin(phase + 0.5 * t);
        y[t] = (float) (3 * Math.sin(phase + 0.5 * t));
      }
      data.add(new Example(Tensor.of(x, 10, 3), Tensor.of(y, 10, 1)));
    }
    RnnModel m = new RnnModel(ModelConfig.builder().inputSize(3).hiddenSize(8).outputSize(1).build(), 10);
    m.setSequenceLoss(new CosineDistance());
    double[] first = {Double.NaN}, last = {0};
    new Trainer<>(m, TrainConfig.builder().epochs(20).batchSize(8).lr(0.02).seed(1).build())
        .fit(Batches.of(data), (epoch, stats) -> {
          if (Double.isNaN(first[0])) {
            first[0] = stats.loss();
          }
          last[0] = stats.loss();
          return true;
        });
    assertThat(last[0]).isLessThan(0.05).isLessThan(first[0] / 4);
  }
}
