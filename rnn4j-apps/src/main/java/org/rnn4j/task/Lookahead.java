package org.rnn4j.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.rnn4j.data.Example;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.tensor.Tensor;

/**
 * Future context: read a stream of symbols (one-hot, 4 kinds) and tag each step with the symbol
 * {@code k} steps <em>later</em>, or with "end" on the last k steps, where there is none. The tag
 * of step t depends only on inputs after t, which a unidirectional network has not read when it
 * must answer: it can only guess (a quarter of the steps right). A bidirectional network's
 * reverse direction has read them, so it is an echo of delay k in reverse time. Many-to-many,
 * five classes; trained on streams of 12 steps, tested on 30. Metric: per-step accuracy;
 * baseline: always the most frequent tag.
 */
public final class Lookahead implements Task {
  static final int SYMBOLS = 4;
  static final int END = SYMBOLS; // the tag of the last k steps
  private final int k;

  public Lookahead(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("lookahead: expected a distance k >= 1 (--delay), found " + k);
    }
    this.k = k;
  }

  @Override public String name() { return "lookahead"; }
  @Override public String description() { return "tag each symbol with the one k steps later (needs future context)"; }
  @Override public String metric() { return "accuracy"; }
  @Override public boolean higherIsBetter() { return true; }
  @Override public boolean solved(double value) { return value >= 0.999; }

  @Override
  public ModelConfig.Builder model() {
    return ModelConfig.builder().inputSize(SYMBOLS).outputSize(SYMBOLS + 1).loss("ce");
  }

  @Override
  public TaskSettings settings() {
    return new TaskSettings(30, 16, 0.01, 5.0, 32);
  }

  @Override
  public List<Example> trainingSet(Random rng) {
    return streams(1500, 12, rng);
  }

  @Override
  public List<Example> testSet(Random rng) {
    return streams(300, 30, rng);
  }

  private List<Example> streams(int n, int len, Random rng) {
    if (len <= k) {
      throw new IllegalArgumentException("lookahead: expected k < " + len + " (the stream length), found " + k);
    }
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int[] s = new int[len];
      float[] x = new float[len * SYMBOLS];
      for (int t = 0; t < len; t++) {
        s[t] = rng.nextInt(SYMBOLS);
        x[t * SYMBOLS + s[t]] = 1f;
      }
      float[] y = new float[len];
      for (int t = 0; t < len; t++) {
        y[t] = t + k < len ? s[t + k] : END;
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
    int[] counts = new int[SYMBOLS + 1];
    int n = 0;
    for (Example e : test) {
      for (float tag : e.y().data()) {
        counts[(int) tag]++;
        n++;
      }
    }
    return java.util.Arrays.stream(counts).max().orElse(0) / (double) n;
  }
}
