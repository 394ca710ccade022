package org.rnn4j.seq2seq;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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
   * Beam search for one source (S): keeps the {@code width} best unfinished prefixes by total
   * log-probability; a prefix extended by EOS among the candidates ranked before the beam is
   * full is finished. Stops when {@code width} sequences are finished or after maxSteps, and
   * returns the finished one (or, if none finished, the unfinished one) with the best
   * length-normalised score {@code log p / length}, the length counting EOS. With width 1 this
   * is greedy decoding.
   */
  public static Hypothesis beam(Seq2Seq model, int[] source, int s, int width, int maxSteps) {
    requirePositive(maxSteps, "max steps");
    requirePositive(width, "beam width");
    if (source.length != s) {
      throw new IllegalArgumentException("beam search source: expected " + s + " token ids, found " + source.length);
    }
    int k = width, v = model.config().targetVocabulary();
    int[] rows = new int[s * k]; // the same source in all k rows
    for (int t = 0; t < s; t++) {
      Arrays.fill(rows, t * k, (t + 1) * k, source[t]);
    }
    model.encode(rows, s, k, maxSteps);
    Decoder decoder = model.decoder();
    double[] scores = new double[k];
    Arrays.fill(scores, Double.NEGATIVE_INFINITY);
    scores[0] = 0; // all rows start equal: keep one, or the beam would fill with copies
    int[][] prefixes = new int[k][0];
    int[] input = new int[k];
    Arrays.fill(input, Seq2Seq.BOS);
    float[] z = new float[k * v];
    List<Hypothesis> finished = new ArrayList<>();
    for (int t = 0; t < maxSteps && finished.size() < k; t++) {
      decoder.step(t, input, 0);
      decoder.stepLogits(t, z, 0);
      List<double[]> candidates = new ArrayList<>(); // {score, row, token}
      for (int r = 0; r < k; r++) {
        if (scores[r] == Double.NEGATIVE_INFINITY) {
          continue;
        }
        double logSum = logSumExp(z, r * v, v);
        for (int j = 0; j < v; j++) {
          candidates.add(new double[] {scores[r] + z[r * v + j] - logSum, r, j});
        }
      }
      // Best first; ties by row, then token, so width 1 picks what greedy's argmax picks.
      candidates.sort(Comparator.<double[]>comparingDouble(c -> -c[0]).thenComparingDouble(c -> c[1])
          .thenComparingDouble(c -> c[2]));
      int[] parents = new int[k];
      double[] nextScores = new double[k];
      Arrays.fill(nextScores, Double.NEGATIVE_INFINITY);
      int[][] nextPrefixes = new int[k][0];
      int kept = 0;
      for (double[] c : candidates) {
        if (kept == k) {
          break;
        }
        int r = (int) c[1], token = (int) c[2];
        if (token == Seq2Seq.EOS) {
          finished.add(new Hypothesis(prefixes[r], c[0], c[0] / (prefixes[r].length + 1)));
        } else {
          parents[kept] = r;
          nextScores[kept] = c[0];
          nextPrefixes[kept] = Arrays.copyOf(prefixes[r], prefixes[r].length + 1);
          nextPrefixes[kept][prefixes[r].length] = token;
          input[kept] = token;
          kept++;
        }
      }
      decoder.selectRows(t + 1, parents);
      scores = nextScores;
      prefixes = nextPrefixes;
    }
    List<Hypothesis> pool = finished;
    if (pool.isEmpty()) {
      pool = new ArrayList<>();
      for (int r = 0; r < k; r++) {
        if (scores[r] > Double.NEGATIVE_INFINITY) {
          pool.add(new Hypothesis(prefixes[r], scores[r], scores[r] / prefixes[r].length));
        }
      }
    }
    return pool.stream().max(Comparator.comparingDouble(Hypothesis::score)).orElseThrow();
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
