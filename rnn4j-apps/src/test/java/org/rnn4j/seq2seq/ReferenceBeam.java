package org.rnn4j.seq2seq;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Beam search as it ran before the stepper: on the training decoder (a context per step), every
 * candidate in a list sorted whole, prefixes copied at every step. The reference that
 * {@link Decoding#beam(Seq2SeqStepper, int[], int, int, int)} must equal.
 */
final class ReferenceBeam {
  private ReferenceBeam() {}

  static Decoding.Hypothesis beam(Seq2Seq model, int[] source, int s, int width, int maxSteps) {
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
    List<Decoding.Hypothesis> finished = new ArrayList<>();
    for (int t = 0; t < maxSteps && finished.size() < k; t++) {
      decoder.step(t, input, 0);
      decoder.stepLogits(t, z, 0);
      List<double[]> candidates = new ArrayList<>(); // {score, row, token}
      for (int r = 0; r < k; r++) {
        if (scores[r] == Double.NEGATIVE_INFINITY) {
          continue;
        }
        double logSum = ReferenceBeam.logSumExp(z, r * v, v);
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
          finished.add(new Decoding.Hypothesis(prefixes[r], c[0], c[0] / (prefixes[r].length + 1)));
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
    List<Decoding.Hypothesis> pool = finished;
    if (pool.isEmpty()) {
      pool = new ArrayList<>();
      for (int r = 0; r < k; r++) {
        if (scores[r] > Double.NEGATIVE_INFINITY) {
          pool.add(new Decoding.Hypothesis(prefixes[r], scores[r], scores[r] / prefixes[r].length));
        }
      }
    }
    return pool.stream().max(Comparator.comparingDouble(Decoding.Hypothesis::score)).orElseThrow();
  }

  static double logSumExp(float[] z, int off, int n) {
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
}
