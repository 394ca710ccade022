package org.rnn4j.seq2seq;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rnn4j.loss.OutputActivation;

/**
 * Generation from a trained {@link Seq2Seq}: greedy decoding (the most probable token at every
 * step, fed back as the next input) and beam search. Neither output contains BOS or EOS.
 */
public final class Decoding {
  private Decoding() {}

  /** One generated sequence, its total log-probability (EOS included when it ended) and its score. */
  public record Hypothesis(int[] tokens, double logProb, double score) {}

  /** Greedy decoding of sources (S, B) for at most maxSteps steps (EOS included); one row per sequence. */
  public static int[][] greedy(Seq2Seq model, int[] source, int s, int b, int maxSteps) {
    requirePositive(maxSteps, "max steps");
    model.encode(source, s, b, maxSteps);
    Decoder decoder = model.decoder();
    int v = model.config().targetVocabulary();
    float[] z = new float[b * v];
    int[] input = new int[b];
    Arrays.fill(input, Seq2Seq.BOS);
    List<List<Integer>> out = new ArrayList<>();
    boolean[] ended = new boolean[b];
    for (int r = 0; r < b; r++) {
      out.add(new ArrayList<>());
    }
    int open = b;
    for (int t = 0; t < maxSteps && open > 0; t++) {
      decoder.step(t, input, 0);
      decoder.stepLogits(t, z, 0);
      for (int r = 0; r < b; r++) {
        int best = OutputActivation.argmax(z, r * v, v);
        input[r] = best;
        if (!ended[r]) {
          if (best == Seq2Seq.EOS) {
            ended[r] = true;
            open--;
          } else {
            out.get(r).add(best);
          }
        }
      }
    }
    return out.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
  }

  /**
   * Greedy decoding as {@link #greedy(Seq2Seq, int[], int, int, int)}, on a stepper (packed
   * weights, its own workspaces): the same tokens, and no allocation per step.
   */
  public static int[][] greedy(Seq2SeqStepper stepper, int[] source, int s, int b, int maxSteps) {
    requirePositive(maxSteps, "max steps");
    stepper.begin(source, s, b);
    int v = stepper.vocabulary();
    int[] input = new int[b];
    Arrays.fill(input, Seq2Seq.BOS);
    int[][] tokens = new int[b][maxSteps];
    int[] lengths = new int[b];
    boolean[] ended = new boolean[b];
    int open = b;
    for (int t = 0; t < maxSteps && open > 0; t++) {
      float[] z = stepper.step(input);
      for (int r = 0; r < b; r++) {
        int best = OutputActivation.argmax(z, r * v, v);
        input[r] = best;
        if (!ended[r]) {
          if (best == Seq2Seq.EOS) {
            ended[r] = true;
            open--;
          } else {
            tokens[r][lengths[r]++] = best;
          }
        }
      }
    }
    int[][] out = new int[b][];
    for (int r = 0; r < b; r++) {
      out[r] = Arrays.copyOf(tokens[r], lengths[r]);
    }
    return out;
  }

  /** {@link #beam(Seq2SeqStepper, int[], int, int, int)} on the model's current weights. */
  public static Hypothesis beam(Seq2Seq model, int[] source, int s, int width, int maxSteps) {
    return beam(model.packed().stepper(), source, s, width, maxSteps);
  }

  /**
   * Beam search for one source (S): keeps the {@code width} best unfinished prefixes by total
   * log-probability; a prefix extended by EOS among the candidates ranked before the beam is
   * full is finished. Stops when {@code width} sequences are finished or after maxSteps, and
   * returns the finished one (or, if none finished, the unfinished one) with the best
   * length-normalised score {@code log p / length}, the length counting EOS; ties go to the one
   * found first. With width 1 this is greedy decoding. Candidates rank by log-probability, then
   * row, then token; since each step keeps k prefixes and finishes at most one per row, only its
   * 2k best candidates can matter, kept in a small sorted buffer. Prefixes are kept as
   * back-pointers per step, so a step allocates nothing.
   */
  public static Hypothesis beam(Seq2SeqStepper stepper, int[] source, int s, int width, int maxSteps) {
    requirePositive(maxSteps, "max steps");
    requirePositive(width, "beam width");
    if (source.length != s) {
      throw new IllegalArgumentException("beam search source: expected " + s + " token ids, found " + source.length);
    }
    int k = width;
    int[] rows = new int[s * k]; // the same source in all k rows
    for (int t = 0; t < s; t++) {
      Arrays.fill(rows, t * k, (t + 1) * k, source[t]);
    }
    stepper.begin(rows, s, k);
    int v = stepper.vocabulary();
    double[] scores = new double[k], nextScores = new double[k];
    Arrays.fill(scores, Double.NEGATIVE_INFINITY);
    scores[0] = 0; // all rows start equal: keep one, or the beam would fill with copies
    int[] input = new int[k], parents = new int[k];
    Arrays.fill(input, Seq2Seq.BOS);
    int[][] tokenAt = new int[maxSteps][k], parentAt = new int[maxSteps][k]; // row r after step t: parentAt's prefix + tokenAt
    Candidates best = new Candidates(2 * k);
    int[] finishedStep = new int[2 * k], finishedRow = new int[2 * k]; // the prefix: row's at that step
    double[] finishedLogProb = new double[2 * k];
    int finished = 0, t = 0;
    for (; t < maxSteps && finished < k; t++) {
      float[] z = stepper.step(input);
      best.clear();
      for (int r = 0; r < k; r++) {
        if (scores[r] == Double.NEGATIVE_INFINITY) {
          continue;
        }
        double logSum = logSumExp(z, r * v, v);
        for (int j = 0; j < v; j++) {
          best.offer(scores[r] + z[r * v + j] - logSum, r, j);
        }
      }
      Arrays.fill(parents, 0);
      Arrays.fill(nextScores, Double.NEGATIVE_INFINITY);
      int kept = 0;
      for (int c = 0; c < best.size && kept < k; c++) {
        int r = best.row[c], token = best.token[c];
        if (token == Seq2Seq.EOS) {
          finishedStep[finished] = t;
          finishedRow[finished] = r;
          finishedLogProb[finished++] = best.score[c];
        } else {
          parents[kept] = r;
          nextScores[kept] = best.score[c];
          parentAt[t][kept] = r;
          tokenAt[t][kept] = token;
          input[kept] = token;
          kept++;
        }
      }
      stepper.selectRows(parents);
      double[] swap = scores;
      scores = nextScores;
      nextScores = swap;
    }
    Hypothesis chosen = null;
    for (int f = 0; f < finished; f++) { // the prefix of finishedStep steps, then EOS
      double score = finishedLogProb[f] / (finishedStep[f] + 1);
      if (chosen == null || Double.compare(score, chosen.score()) > 0) {
        chosen = new Hypothesis(prefix(tokenAt, parentAt, finishedStep[f], finishedRow[f]), finishedLogProb[f], score);
      }
    }
    if (chosen == null) { // none finished: the best unfinished one, t steps long
      int top = -1;
      for (int r = 0; r < k; r++) {
        if (scores[r] > Double.NEGATIVE_INFINITY && (top < 0 || Double.compare(scores[r] / t, scores[top] / t) > 0)) {
          top = r;
        }
      }
      chosen = new Hypothesis(prefix(tokenAt, parentAt, t, top), scores[top], scores[top] / t);
    }
    return chosen;
  }

  /** The first {@code length} tokens of the prefix held by {@code row} after step length − 1. */
  private static int[] prefix(int[][] tokenAt, int[][] parentAt, int length, int row) {
    int[] p = new int[length];
    for (int t = length - 1; t >= 0; t--) {
      p[t] = tokenAt[t][row];
      row = parentAt[t][row];
    }
    return p;
  }

  /** The best candidates of a step, best first: by score (higher first), then row, then token, offered in row-then-token order. */
  private static final class Candidates {
    final double[] score;
    final int[] row, token;
    int size;

    Candidates(int capacity) {
      score = new double[capacity];
      row = new int[capacity];
      token = new int[capacity];
    }

    void clear() {
      size = 0;
    }

    /** Keeps (s, r, j) if it is among the best: after every kept candidate of an equal score (offered earlier). */
    void offer(double s, int r, int j) {
      int at = size;
      while (at > 0 && Double.compare(-s, -score[at - 1]) < 0) {
        at--;
      }
      if (at == score.length) {
        return;
      }
      int last = Math.min(size, score.length - 1);
      System.arraycopy(score, at, score, at + 1, last - at);
      System.arraycopy(row, at, row, at + 1, last - at);
      System.arraycopy(token, at, token, at + 1, last - at);
      score[at] = s;
      row[at] = r;
      token[at] = j;
      size = Math.min(size + 1, score.length);
    }
  }

  private static double logSumExp(float[] z, int off, int n) {
    float max = Float.NEGATIVE_INFINITY;
    for (int j = 0; j < n; j++) {
      max = Math.max(max, z[off + j]);
    }
    double sum = 0;
    for (int j = 0; j < n; j++) {
      sum += Math.exp(z[off + j] - max);
    }
    return max + Math.log(sum);
  }

  private static void requirePositive(int n, String what) {
    if (n <= 0) {
      throw new IllegalArgumentException(what + ": expected a positive number, found " + n);
    }
  }
}
