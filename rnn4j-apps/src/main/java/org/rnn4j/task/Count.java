package org.rnn4j.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.rnn4j.data.Example;
import org.rnn4j.model.Mapping;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.tensor.Tensor;

/**
 * One-to-many generation: given a one-hot start digit d at the first step only, emit
 * d+1, d+2, … (mod 10) for 10 steps. Metric: per-digit accuracy; baseline: chance, 1/10.
 */
public final class Count implements Task {
  static final int DIGITS = 10;
  static final int LENGTH = 10;

  @Override public String name() { return "count"; }
  @Override public String description() { return "one-to-many: from a start digit, generate the following digits"; }
  @Override public String metric() { return "accuracy"; }
  @Override public boolean higherIsBetter() { return true; }
  @Override public boolean solved(double value) { return value >= 1.0; }

  @Override
  public ModelConfig.Builder model() {
    return ModelConfig.builder().inputSize(DIGITS).outputSize(DIGITS).loss("ce").mapping(Mapping.ONE_TO_MANY);
  }

  @Override
  public TaskSettings settings() {
    return new TaskSettings(200, 10, 0.01, 5.0, 32);
  }

  @Override
  public List<Example> trainingSet(Random rng) {
    return all();
  }

  @Override
  public List<Example> testSet(Random rng) {
    return all();
  }

  /** All ten start digits: the task is deterministic, so the test is whether it was learned. */
  private static List<Example> all() {
    List<Example> out = new ArrayList<>();
    for (int d = 0; d < DIGITS; d++) {
      float[] y = new float[LENGTH];
      for (int t = 0; t < LENGTH; t++) {
        y[t] = (d + t + 1) % DIGITS;
      }
      out.add(new Example(Evaluation.oneHot(d, DIGITS), Tensor.of(y, LENGTH)));
    }
    return out;
  }

  @Override
  public Score evaluate(RnnModel model, List<Example> test) {
    var batch = Evaluation.byLength(test).values().iterator().next();
    return new Score(Evaluation.argmaxAccuracy(Evaluation.predict(model, batch), batch.y()), "");
  }

  @Override
  public double baseline(List<Example> test) {
    return 1.0 / DIGITS;
  }
}
