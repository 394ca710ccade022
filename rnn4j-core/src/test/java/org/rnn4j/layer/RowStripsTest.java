package org.rnn4j.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnn4j.math.Kernels;
import org.rnn4j.model.Batch;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.optim.Adam;
import org.rnn4j.optim.Clipping;
import org.rnn4j.tensor.Tensor;

/**
 * On 2 threads the time loops run the batch as row strips concurrently (13 rows: strips of 4
 * and 9). Loss, every gradient and the input gradients must equal the 1-thread run bit for bit,
 * with variable lengths (padding inside a strip). (Bidirectional layers run their directions
 * concurrently instead.)
 * A second case is large enough for the work split by columns or ranges ({@link
 * Kernels#parallelFor}: bias sums, the token lookup's backward, softmax cross-entropy, the
 * gradient norm and clipping, the Adam update).
 */
class RowStripsTest {
  private static final int T = 6, B = 13, I = 3;

  @ParameterizedTest
  @ValueSource(strings = {"elman", "lstm", "gru", "forget"})
  void twoThreadsGiveTheOneThreadResultsBitForBit(String cell) {
    ModelConfig cfg = ModelConfig.builder().cell(cell).inputSize(I).hiddenSize(8).numLayers(2)
        .outputSize(2).build();
    Random rng = new Random(9);
    Tensor x = Tensor.zeros(T, B, I);
    Tensor y = Tensor.zeros(T, B, 2);
    for (int i = 0; i < x.size(); i++) {
      x.data()[i] = (float) rng.nextGaussian();
    }
    for (int i = 0; i < y.size(); i++) {
      y.data()[i] = (float) rng.nextGaussian();
    }
    int[] lengths = new int[B];
    for (int r = 0; r < B; r++) {
      lengths[r] = 1 + rng.nextInt(T);
    }
    Batch batch = new Batch(x, y, null, null, lengths);
    double[] loss = new double[2];
    float[][] grads = new float[2][];
    float[][] inputGrads = new float[2][];
    for (int threads = 1; threads <= 2; threads++) {
      Kernels.setThreads(threads);
      try {
        RnnModel m = new RnnModel(cfg, 3);
        RnnModel.InputGradients[] ig = new RnnModel.InputGradients[1];
        loss[threads - 1] = m.lossAndGradient(batch, ig);
        grads[threads - 1] = m.parameters().grads().clone();
        inputGrads[threads - 1] = ig[0].x().data().clone();
      } finally {
        Kernels.setThreads(1);
      }
    }
    assertThat(loss[1]).isEqualTo(loss[0]);
    assertThat(grads[1]).containsExactly(grads[0]);
    assertThat(inputGrads[1]).containsExactly(inputGrads[0]);
  }

  @ParameterizedTest
  @ValueSource(strings = {"lstm", "gru"})
  void splitJobsGiveTheOneThreadResultsBitForBit(String cell) {
    int t = 50, b = 40, vocab = 30, classes = 40; // every split job above Kernels.PARALLEL_MIN_FLOATS
    ModelConfig cfg = ModelConfig.builder().cell(cell).inputSize(vocab).tokenInput(true).hiddenSize(128)
        .outputSize(classes).loss("ce").build();
    Random rng = new Random(4);
    Tensor x = Tensor.zeros(t, b); // token indices
    Tensor y = Tensor.zeros(t, b, classes); // one-hot targets
    for (int i = 0; i < x.size(); i++) {
      x.data()[i] = rng.nextInt(vocab);
      y.data()[i * classes + rng.nextInt(classes)] = 1f;
    }
    float[][] weights = new float[2][];
    float[][] grads = new float[2][];
    double[] losses = new double[2];
    for (int threads = 1; threads <= 2; threads++) {
      Kernels.setThreads(threads);
      try {
        RnnModel m = new RnnModel(cfg, 5);
        Adam adam = new Adam(0.01);
        for (int step = 0; step < 3; step++) {
          m.parameters().zeroGrads();
          losses[threads - 1] += m.lossAndGradient(new Batch(x, y), null);
          losses[threads - 1] += Clipping.byNorm(m.parameters().grads(), 0.5);
          adam.step(m.parameters());
        }
        weights[threads - 1] = m.parameters().values().clone();
        grads[threads - 1] = m.parameters().grads().clone();
      } finally {
        Kernels.setThreads(1);
      }
    }
    assertThat(losses[1]).isEqualTo(losses[0]); // losses and gradient norms
    assertThat(grads[1]).containsExactly(grads[0]);
    assertThat(weights[1]).containsExactly(weights[0]);
  }
}
