package org.rnn4j.classify;

/**
 * A confusion matrix, {@code counts[true class][predicted class]}, and the scores read from it:
 * accuracy, per-class precision, recall and F1, and their unweighted mean over the classes
 * (macro-F1). A score whose denominator is 0 (a class never predicted, or never present) is 0, as
 * scikit-learn's {@code zero_division=0}.
 */
public final class Confusion {
  private final int[][] counts;

  private Confusion(int[][] counts) {
    this.counts = counts;
  }

  public static Confusion of(int[] truth, int[] predicted, int classes) {
    if (truth.length != predicted.length) {
      throw new IllegalArgumentException("confusion: expected as many predictions as labels (" + truth.length + "), found "
          + predicted.length);
    }
    int[][] counts = new int[classes][classes];
    for (int i = 0; i < truth.length; i++) {
      counts[truth[i]][predicted[i]]++;
    }
    return new Confusion(counts);
  }

  public int classes() {
    return counts.length;
  }

  /** Sequences of class {@code truth} predicted as {@code predicted}. */
  public int count(int truth, int predicted) {
    return counts[truth][predicted];
  }

  /** A copy of the matrix: {@code [true class][predicted class]}. */
  public int[][] counts() {
    int[][] copy = new int[counts.length][];
    for (int t = 0; t < counts.length; t++) {
      copy[t] = counts[t].clone();
    }
    return copy;
  }

  public int total() {
    int n = 0;
    for (int[] row : counts) {
      for (int v : row) {
        n += v;
      }
    }
    return n;
  }

  public double accuracy() {
    int right = 0;
    for (int k = 0; k < classes(); k++) {
      right += counts[k][k];
    }
    return ratio(right, total());
  }

  /** Sequences whose true class is k. */
  public int support(int k) {
    int n = 0;
    for (int v : counts[k]) {
      n += v;
    }
    return n;
  }

  /** Of the sequences predicted as k, the fraction that are k. */
  public double precision(int k) {
    int predicted = 0;
    for (int[] row : counts) {
      predicted += row[k];
    }
    return ratio(counts[k][k], predicted);
  }

  /** Of the sequences of class k, the fraction predicted as k. */
  public double recall(int k) {
    return ratio(counts[k][k], support(k));
  }

  public double f1(int k) {
    double p = precision(k), r = recall(k);
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  public double macroF1() {
    double sum = 0;
    for (int k = 0; k < classes(); k++) {
      sum += f1(k);
    }
    return sum / classes();
  }

  private static double ratio(int a, int b) {
    return b == 0 ? 0 : a / (double) b;
  }
}
