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
 * Delayed many-to-many: read a stream of symbols (one-hot, 4 kinds) and output each symbol
 * {@code k} steps later (mapping {@code delayed:k}). Metric: per-symbol accuracy on longer
 * held-out streams; baseline: chance, 1/4.
 */
public final class Echo implements Task {
  static final int SYMBOLS = 4;
  private final int delay;

  public Echo(int delay) {
    if (delay < 0) {
      throw new IllegalArgumentException("echo delay: expected >= 0, found " + delay);
    }
    this.delay = delay;
  }

  @Override public String name() { return "echo"; }
  @Override public String description() { return "delayed many-to-many: output the input from k steps earlier"; }
  @Override public String metric() { return "accuracy"; }
  @Override public boolean higherIsBetter() { return true; }
  @Override public boolean solved(double value) { return value >= 0.999; }

  @Override
  public ModelConfig.Builder model() {
    return ModelConfig.builder().inputSize(SYMBOLS).outputSize(SYMBOLS).loss("ce").mapping(Mapping.delayed(delay));
  }

  @Override
  public TaskSettings settings() {
    return new TaskSettings(40, 16, 0.01, 5.0, 32);
  }

  @Override
  public List<Example> trainingSet(Random rng) {
    return streams(1500, 12, rng);
  }

  @Override
  public List<Example> testSet(Random rng) {
    return streams(300, 30, rng);
  }

  private static List<Example> streams(int n, int len, Random rng) {
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float[] x = new float[len * SYMBOLS];
      float[] y = new float[len];
      for (int t = 0; t < len; t++) {
        int s = rng.nextInt(SYMBOLS);
        x[t * SYMBOLS + s] = 1f;
        y[t] = s;
      }
      out.add(new Example(Tensor.of(x, len, SYMBOLS), Tensor.of(y, len)));
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
    return 1.0 / SYMBOLS;
  }
}
