package org.rnn4j.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.rnn4j.data.Example;
import org.rnn4j.data.Metrics;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.tensor.Tensor;

/**
 * Next-value prediction (many-to-many) of a noisy sum of sines
 * {@code s_t = sin(0.5 t + φ1) + 0.5 sin(1.3 t + φ2) + 0.05 ε_t} with random phases.
 * Metric: NRMSE = RMSE / std(target) on held-out windows; baseline: repeat the last value.
 */
public final class Sine implements Task {
  static final int WINDOW = 40;

  @Override public String name() { return "sine"; }
  @Override public String description() { return "next-value prediction of a noisy sum of sines; NRMSE vs repeat-last"; }
  @Override public String metric() { return "nrmse"; }
  @Override public boolean higherIsBetter() { return false; }

  @Override
  public ModelConfig.Builder model() {
    return ModelConfig.builder().inputSize(1).outputSize(1).loss("mse");
  }

  @Override
  public TaskSettings settings() {
    return new TaskSettings(30, 16, 0.01, 5.0, 32);
  }

  @Override
  public List<Example> trainingSet(Random rng) {
    return windows(800, rng);
  }

  @Override
  public List<Example> testSet(Random rng) {
    return windows(200, rng);
  }

  private static List<Example> windows(int n, Random rng) {
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double p1 = rng.nextDouble() * 2 * Math.PI, p2 = rng.nextDouble() * 2 * Math.PI;
      float[] s = new float[WINDOW + 1];
      for (int t = 0; t <= WINDOW; t++) {
        s[t] = (float) (Math.sin(0.5 * t + p1) + 0.5 * Math.sin(1.3 * t + p2) + 0.05 * rng.nextGaussian());
      }
      float[] x = new float[WINDOW];
      float[] y = new float[WINDOW];
      System.arraycopy(s, 0, x, 0, WINDOW);
      System.arraycopy(s, 1, y, 0, WINDOW);
      out.add(new Example(Tensor.of(x, WINDOW, 1), Tensor.of(y, WINDOW, 1)));
    }
    return out;
  }

  @Override
  public Score evaluate(RnnModel model, List<Example> test) {
    var batch = Evaluation.byLength(test).values().iterator().next();
    Tensor pred = Evaluation.predict(model, batch);
    return new Score(Metrics.nrmse(pred.data(), batch.y().data()), "");
  }

  @Override
  public double baseline(List<Example> test) {
    var batch = Evaluation.byLength(test).values().iterator().next();
    return Metrics.nrmse(batch.x().data(), batch.y().data()); // x_t is the previous value of y_t
  }
}
