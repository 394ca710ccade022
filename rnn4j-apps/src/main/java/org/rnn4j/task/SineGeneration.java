package org.rnn4j.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.rnn4j.data.Example;
import org.rnn4j.data.Metrics;
import org.rnn4j.math.Rng;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.OutputFeedback;
import org.rnn4j.tensor.Tensor;

/**
 * Output recurrence on real values: generate y_t = sin(ω (t + 1)) for 40 steps, the previous
 * output fed back as the next input (teacher forcing in training) and the frequency ω ∈ [0.2,
 * 0.6] given as a condition at every step. Metric: NRMSE of free-running generation on unseen
 * frequencies; baseline: predicting 0 (NRMSE 1).
 */
public final class SineGeneration implements FeedbackTask {
  static final int LENGTH = 40;

  @Override public String name() { return "sine-gen"; }
  @Override public String description() { return "output recurrence: generate a sine of a given frequency from its own outputs"; }
  @Override public String metric() { return "nrmse"; }
  @Override public boolean higherIsBetter() { return false; }
  @Override public int conditionSize() { return 1; }

  @Override
  public ModelConfig.Builder model() {
    return ModelConfig.builder().cell("gru").inputSize(OutputFeedback.inputSize(1, 1)).outputSize(1).loss("mse");
  }

  @Override
  public TaskSettings settings() {
    return new TaskSettings(40, 16, 0.01, 5.0, 32);
  }

  @Override
  public List<Example> trainingSet(Random rng) {
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      double w = 0.2 + 0.4 * rng.nextDouble();
      Tensor y = wave(w);
      Tensor x = OutputFeedback.teacherForcedInput(y.reshape(LENGTH, 1, 1), condition(w), false, 1);
      out.add(new Example(x.reshape(LENGTH, 2), y));
    }
    return out;
  }

  @Override
  public List<Example> testSet(Random rng) {
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      double w = 0.2 + 0.4 * rng.nextDouble();
      out.add(new Example(condition(w).reshape(1), wave(w)));
    }
    return out;
  }

  static Tensor wave(double w) {
    float[] y = new float[LENGTH];
    for (int t = 0; t < LENGTH; t++) {
      y[t] = (float) Math.sin(w * (t + 1));
    }
    return Tensor.of(y, LENGTH, 1);
  }

  /** The condition: ω rescaled to about [−1, 1]. */
  static Tensor condition(double w) {
    return Tensor.of(new float[] {(float) ((w - 0.4) / 0.2)}, 1, 1);
  }

  @Override
  public Score evaluate(OutputFeedback model, List<Example> test) {
    return new Score(Metrics.nrmse(generate(model, test).data(), truth(test)), "");
  }

  /** The root-mean-square error of free-running generation at each step. */
  @Override
  public double[] errorByStep(OutputFeedback model, List<Example> test) {
    float[] gen = generate(model, test).data(), truth = truth(test);
    int n = test.size();
    double[] err = new double[LENGTH];
    for (int t = 0; t < LENGTH; t++) {
      for (int r = 0; r < n; r++) {
        double e = gen[t * n + r] - truth[t * n + r];
        err[t] += e * e / n;
      }
      err[t] = Math.sqrt(err[t]);
    }
    return err;
  }

  /** Free-running generation (T, N, 1) from the test conditions. */
  private static Tensor generate(OutputFeedback model, List<Example> test) {
    int n = test.size();
    Tensor cond = Tensor.zeros(n, 1);
    for (int r = 0; r < n; r++) {
      cond.data()[r] = test.get(r).x().data()[0];
    }
    return model.generate(cond, n, LENGTH, 0, new Rng(0));
  }

  /** The test waves, time-major (T, N). */
  private static float[] truth(List<Example> test) {
    int n = test.size();
    float[] truth = new float[LENGTH * n];
    for (int r = 0; r < n; r++) {
      for (int t = 0; t < LENGTH; t++) {
        truth[t * n + r] = test.get(r).y().data()[t];
      }
    }
    return truth;
  }

  @Override
  public double baseline(List<Example> test) {
    return 1.0;
  }
}
