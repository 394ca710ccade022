package org.rnn4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rnn4j.model.Batch;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.optim.Optimizer;
import org.rnn4j.optim.OptimizerState;
import org.rnn4j.optim.Sgd;
import org.rnn4j.tensor.Parameters;
import org.rnn4j.tensor.Tensor;

class TruncatedBpttTest {
  static final ModelConfig CFG = ModelConfig.builder().cell("lstm").inputSize(2).hiddenSize(3).outputSize(1).build();

  static Tensor random(Random rng, int... shape) {
    Tensor t = Tensor.zeros(shape);
    for (int i = 0; i < t.size(); i++) {
      t.data()[i] = (float) rng.nextGaussian();
    }
    return t;
  }

  /** Records gradients instead of updating, so the state path can be compared with one long run. */
  static final class Recorder implements Optimizer {
    float[] gradSum;

    @Override
    public void step(Parameters p) {
      if (gradSum == null) {
        gradSum = new float[p.size()];
      }
      for (int i = 0; i < gradSum.length; i++) {
        gradSum[i] += p.grads()[i];
      }
    }

    @Override public void setLearningRate(double lr) {}
    @Override public double learningRate() { return 1; }
    @Override public String name() { return "recorder"; }
    @Override public java.util.Map<String, Object> hyperParameters() { return java.util.Map.of(); }
    @Override public OptimizerState exportState() { return new OptimizerState(0, java.util.Map.of()); }
    @Override public void importState(OptimizerState state) {}
  }

  @Test
  void chunksCarryTheStateOfOneLongRun() {
    Random rng = new Random(2);
    Tensor x = random(rng, 10, 2, 2), y = random(rng, 10, 2, 1);
    RnnModel model = new RnnModel(CFG, 1);
    Tensor[] longRun = model.forward(x).finalStates();
    for (int[] k : new int[][] {{3, 3}, {2, 4}, {1, 3}}) {
      Recorder rec = new Recorder();
      TruncatedBptt tb = new TruncatedBptt(new Trainer<>(model, rec, TrainConfig.builder().epochs(1).batchSize(1).seed(1).build()), model, k[0], k[1]);
      TruncatedBptt.Result r = tb.run(x, y, null);
      assertThat(r.updates()).isEqualTo((10 + k[0] - 1) / k[0]);
      for (int s = 0; s < longRun.length; s++) {
        for (int i = 0; i < longRun[s].size(); i++) {
          assertThat(r.finalState()[s].data()[i]).isCloseTo(longRun[s].data()[i], within(1e-6f));
        }
      }
    }
  }

  @Test
  void overlappingWindowsCountEachStepsLossOnce() {
    Random rng = new Random(3);
    Tensor x = random(rng, 8, 1, 2), y = random(rng, 8, 1, 1);
    RnnModel model = new RnnModel(CFG.toBuilder().reduction(ModelConfig.Reduction.SUM).build(), 1);
    Recorder rec = new Recorder();
    double loss = new TruncatedBptt(new Trainer<>(model, rec, TrainConfig.builder().epochs(1).batchSize(1).seed(1).build()), model, 2, 8).run(x, y, null)
        .meanLoss();
    // With k2 covering the whole stream, every window starts at step 0 and the losses of the
    // four chunks add up to the full-sequence loss.
    RnnModel same = new RnnModel(CFG.toBuilder().reduction(ModelConfig.Reduction.SUM).build(), 1);
    double full = same.lossAndGradient(new Batch(x, y), null);
    assertThat(loss * 4).isCloseTo(full, within(1e-4 * Math.abs(full)));
  }

  @Test
  void aChunkLongerThanTheStreamIsOneUpdate() {
    Random rng = new Random(4);
    Tensor x = random(rng, 5, 2, 2), y = random(rng, 5, 2, 1);
    RnnModel model = new RnnModel(CFG, 1);
    float[] before = model.parameters().values().clone();
    TruncatedBptt.Result r = new TruncatedBptt(new Trainer<>(model, new Sgd(0.1), TrainConfig.builder().epochs(1).batchSize(1).seed(1).build()), model, 50, 50)
        .run(x, y, null);
    assertThat(r.updates()).isEqualTo(1);
    assertThat(model.parameters().values()).isNotEqualTo(before);
  }
}
