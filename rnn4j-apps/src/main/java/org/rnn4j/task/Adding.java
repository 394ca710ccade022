package org.rnn4j.task;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.rnn4j.data.Example;
import org.rnn4j.model.Mapping;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.tensor.Tensor;

/**
 * The adding problem (Hochreiter &amp; Schmidhuber 1997, in the form used by Le et al. 2015 and
 * Arjovsky et al. 2016): every step carries two inputs, a value drawn uniformly from [0, 1] and
 * a marker. Exactly two steps are marked with 1: one drawn uniformly from the first half of the
 * sequence, one from the second half. The target, read after the last step (many-to-one,
 * squared error, identity output), is the sum of the two marked values.
 *
 * <p>Metric: test MSE. Baseline: always predicting 1.0, the mean of the target, which scores
 * the target's variance 2 · 1/12 ≈ 0.167. The first marker lies at least T/2 steps before the
 * output, so an Elman network's vanishing gradient keeps it near the baseline at T = 100,
 * while gated cells carry the value in their state.
 */
public final class Adding implements Task {
  public static final int DEFAULT_LENGTH = 100;
  private final int length;

  public Adding(int length) {
    if (length < 2) {
      throw new IllegalArgumentException("adding length: expected >= 2 (one marker per half), found " + length);
    }
    this.length = length;
  }

  @Override public String name() { return "adding"; }
  @Override public String description() { return "many-to-one: sum of the two marked values in a sequence of " + length; }
  @Override public String metric() { return "mse"; }
  @Override public boolean higherIsBetter() { return false; }
  @Override public boolean solved(double value) { return value < 0.005; }

  @Override
  public ModelConfig.Builder model() {
    return ModelConfig.builder().cell("lstm").inputSize(2).outputSize(1).loss("mse")
        .mapping(Mapping.MANY_TO_ONE);
  }

  @Override
  public TaskSettings settings() {
    return new TaskSettings(30, 16, 0.01, 1.0, 16);
  }

  @Override
  public List<Example> trainingSet(Random rng) {
    return sequences(4000, rng);
  }

  @Override
  public List<Example> testSet(Random rng) {
    return sequences(1000, rng);
  }

  /** Sequences x (T, 2) = (value, marker) per step and targets y (1, 1). */
  List<Example> sequences(int n, Random rng) {
    int half = length / 2;
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float[] x = new float[length * 2];
      for (int t = 0; t < length; t++) {
        x[2 * t] = rng.nextFloat();
      }
      int first = rng.nextInt(half);
      int second = half + rng.nextInt(length - half);
      x[2 * first + 1] = 1f;
      x[2 * second + 1] = 1f;
      float sum = x[2 * first] + x[2 * second];
      out.add(new Example(Tensor.of(x, length, 2), Tensor.of(new float[] {sum}, 1, 1)));
    }
    return out;
  }

  @Override
  public Score evaluate(RnnModel model, List<Example> test) {
    var batch = Evaluation.byLength(test).values().iterator().next();
    Tensor pred = Evaluation.predict(model, batch);
    return new Score(meanSquaredError(pred.data(), batch.y().data()), "");
  }

  @Override
  public double baseline(List<Example> test) {
    float[] target = Evaluation.byLength(test).values().iterator().next().y().data();
    float[] ones = new float[target.length];
    Arrays.fill(ones, 1f); // the mean of a sum of two uniform [0, 1] values
    return meanSquaredError(ones, target);
  }

  static double meanSquaredError(float[] pred, float[] target) {
    double se = 0;
    for (int i = 0; i < target.length; i++) {
      double d = pred[i] - target[i];
      se += d * d;
    }
    return se / target.length;
  }
}
