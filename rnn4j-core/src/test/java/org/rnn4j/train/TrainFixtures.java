package org.rnn4j.train;

import java.util.ArrayList;
import java.util.List;
import org.rnn4j.data.Example;
import org.rnn4j.math.Rng;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.tensor.Tensor;

/** A small stacked model with dropout and a random sequence-labelling data set, for loop tests. */
final class TrainFixtures {
  private TrainFixtures() {}

  static ModelConfig config() {
    return ModelConfig.builder().inputSize(2).hiddenSize(6).numLayers(2).dropout(0.25).outputSize(1).loss("bce")
        .build();
  }

  static RnnModel model() {
    return new RnnModel(config(), 7);
  }

  /** {@code n} sequences of length 4 or 5 (so batches group by shape); the target is x₀ > x₁. */
  static List<Example> data(int n) {
    Rng rng = new Rng(11);
    List<Example> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      int t = 4 + k % 2;
      float[] x = new float[t * 2];
      float[] y = new float[t];
      for (int s = 0; s < t; s++) {
        x[2 * s] = rng.nextFloat();
        x[2 * s + 1] = rng.nextFloat();
        y[s] = x[2 * s] > x[2 * s + 1] ? 1f : 0f;
      }
      out.add(new Example(Tensor.of(x, t, 2), Tensor.of(y, t, 1)));
    }
    return out;
  }
}
