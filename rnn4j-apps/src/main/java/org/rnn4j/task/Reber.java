package org.rnn4j.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.rnn4j.data.Example;
import org.rnn4j.model.Batch;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.tensor.Tensor;

/**
 * Next-symbol prediction on the embedded Reber grammar (Reber 1967; Fahlman 1991; Hochreiter &amp;
 * Schmidhuber 1997). The Reber automaton, every branch taken with probability 1/2:
 *
 * <pre>
 *   0 -B-> 1
 *   1 -T-> 2    1 -P-> 3
 *   2 -S-> 2    2 -X-> 4
 *   3 -T-> 3    3 -V-> 5
 *   4 -X-> 3    4 -S-> 6
 *   5 -P-> 4    5 -V-> 6
 *   6 -E-> end
 * </pre>
 *
 * The embedded grammar wraps a Reber string as {@code B T reber T E} or {@code B P reber P E}:
 * the second-to-last symbol repeats the second, across the whole inner string, which a network
 * can only predict if it remembers that symbol.
 *
 * <p>Symbols B T P S X V E are one-hot inputs; at every step but the final E the target is the
 * set of legal next symbols, seven sigmoid outputs with binary cross-entropy (many-to-many).
 * Metric: the fraction of test strings on which, at every step, the outputs above 0.5 are
 * exactly the legal set. Baseline: a predictor that knows the inner grammar perfectly but has
 * forgotten the second symbol, so at the end always predicts the more frequent wrapping symbol
 * of the test set (right on about half the strings).
 */
public final class Reber implements Task {
  public static final String SYMBOLS = "BTPSXVE";
  static final int N = SYMBOLS.length();
  private static final int END = -1;

  /** TRANSITIONS[state] = {symbol, next state, symbol, next state} (one pair for 0 and 6). */
  private static final int[][] TRANSITIONS = {
      {0, 1},
      {1, 2, 2, 3},
      {3, 2, 4, 4},
      {1, 3, 5, 5},
      {4, 3, 3, 6},
      {2, 4, 5, 6},
      {6, END},
  };

  @Override public String name() { return "reber"; }
  @Override public String description() { return "embedded Reber grammar: predict the set of legal next symbols"; }
  @Override public String metric() { return "strings"; }
  @Override public boolean higherIsBetter() { return true; }
  @Override public boolean solved(double value) { return value >= 1.0; }

  @Override
  public ModelConfig.Builder model() {
    return ModelConfig.builder().cell("lstm").inputSize(N).outputSize(N).loss("bce");
  }

  @Override
  public TaskSettings settings() {
    return new TaskSettings(40, 16, 0.01, 5.0, 32);
  }

  @Override
  public List<Example> trainingSet(Random rng) {
    return examples(2000, rng);
  }

  @Override
  public List<Example> testSet(Random rng) {
    return examples(1000, rng);
  }

  /** One embedded Reber string, e.g. "BTBTSXSETE". */
  public static String embeddedString(Random rng) {
    char wrap = rng.nextBoolean() ? 'T' : 'P';
    return "B" + wrap + reberString(rng) + wrap + "E";
  }

  /** One string of the plain Reber automaton, from B to E. */
  static String reberString(Random rng) {
    StringBuilder s = new StringBuilder();
    int state = 0;
    while (state != END) {
      int[] edges = TRANSITIONS[state];
      int pick = edges.length == 2 ? 0 : 2 * rng.nextInt(2);
      s.append(SYMBOLS.charAt(edges[pick]));
      state = edges[pick + 1];
    }
    return s.toString();
  }

  /**
   * The legal successors of every prefix of an embedded string, as bit masks over SYMBOLS;
   * entry t is for the prefix that ends with symbol t (the final E has none and is left out).
   */
  public static int[] legalNext(String embedded) {
    int n = embedded.length();
    int[] legal = new int[n - 1];
    legal[0] = bit('T') | bit('P');
    legal[1] = bit('B');
    int state = 0;
    for (int t = 2; t < n - 3; t++) {
      state = next(state, embedded.charAt(t), embedded);
      int[] edges = TRANSITIONS[state];
      for (int k = 0; k < edges.length; k += 2) {
        legal[t] |= 1 << edges[k];
      }
    }
    legal[n - 3] = bit(embedded.charAt(1)); // after the inner E: the wrapping symbol again
    legal[n - 2] = bit('E');
    return legal;
  }

  private static int next(int state, char symbol, String s) {
    int[] edges = TRANSITIONS[state];
    for (int k = 0; k < edges.length; k += 2) {
      if (SYMBOLS.charAt(edges[k]) == symbol) {
        return edges[k + 1];
      }
    }
    throw new IllegalArgumentException("Reber string: expected a symbol legal in state " + state + ", found '"
        + symbol + "' in " + s);
  }

  private static int bit(char symbol) {
    return 1 << SYMBOLS.indexOf(symbol);
  }

  private static List<Example> examples(int n, Random rng) {
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(example(embeddedString(rng)));
    }
    return out;
  }

  /** x (T, 7): the string without its final E, one-hot; y (T, 7): the legal-next sets. */
  static Example example(String s) {
    int steps = s.length() - 1;
    int[] legal = legalNext(s);
    float[] x = new float[steps * N];
    float[] y = new float[steps * N];
    for (int t = 0; t < steps; t++) {
      x[t * N + SYMBOLS.indexOf(s.charAt(t))] = 1f;
      for (int k = 0; k < N; k++) {
        y[t * N + k] = (legal[t] >> k) & 1;
      }
    }
    return new Example(Tensor.of(x, steps, N), Tensor.of(y, steps, N));
  }

  @Override
  public Score evaluate(RnnModel model, List<Example> test) {
    double exact = 0;
    for (Batch batch : Evaluation.byLength(test).values()) {
      exact += Evaluation.binaryExactAndBitAccuracy(Evaluation.predict(model, batch), batch.y())[0] * batch.y().dim(1);
    }
    return new Score(exact / test.size(), "");
  }

  @Override
  public double baseline(List<Example> test) {
    int wrappedInT = 0;
    for (Example e : test) {
      wrappedInT += e.x().data()[N + SYMBOLS.indexOf('T')] == 1f ? 1 : 0; // second symbol one-hot
    }
    return Math.max(wrappedInT, test.size() - wrappedInT) / (double) test.size();
  }
}
