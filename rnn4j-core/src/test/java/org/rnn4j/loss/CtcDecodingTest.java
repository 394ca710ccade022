package org.rnn4j.loss;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rnn4j.tensor.Tensor;

/** Greedy and prefix-beam decoding on distributions whose answers are known. */
class CtcDecodingTest {

  /** (T, 1, C) from per-frame probabilities. */
  private static Tensor probs(float[][] p) {
    float[] d = new float[p.length * p[0].length];
    for (int t = 0; t < p.length; t++) {
      System.arraycopy(p[t], 0, d, t * p[0].length, p[0].length);
    }
    return Tensor.of(d, p.length, 1, p[0].length);
  }

  @Test
  void greedyCollapsesRepeatsThenDropsBlanks() {
    // Best path 1 1 0 1 2 2 0 → "1 1 2".
    int[] path = {1, 1, 0, 1, 2, 2, 0};
    float[][] p = new float[path.length][3];
    for (int t = 0; t < path.length; t++) {
      java.util.Arrays.fill(p[t], 0.1f);
      p[t][path[t]] = 0.8f;
    }
    assertThat(CtcDecoding.greedy(probs(p), 0, path.length)).containsExactly(1, 1, 2);
    assertThat(CtcDecoding.beam(probs(p), 0, path.length, 4)).containsExactly(1, 1, 2);
    assertThat(CtcDecoding.greedy(probs(p), 0, 2)).containsExactly(1); // only the first 2 frames
  }

  @Test
  void beamSumsThePathsOfALabellingWhereGreedyTakesTheBestPath() {
    // Blank is each frame's likeliest class, so the best path is "" (0.36); but "1" has three
    // paths, 1 1, 1 _, _ 1: 0.16 + 0.24 + 0.24 = 0.64.
    Tensor p = probs(new float[][] {{0.6f, 0.4f}, {0.6f, 0.4f}});
    assertThat(CtcDecoding.greedy(p, 0, 2)).isEmpty();
    assertThat(CtcDecoding.beam(p, 0, 2, 2)).containsExactly(1);
  }

  @Test
  void aWideBeamFindsTheMostProbableLabellingByEnumeration() {
    Random rng = new Random(3);
    for (int trial = 0; trial < 20; trial++) {
      int t = 5, c = 3;
      float[][] p = new float[t][c];
      for (float[] row : p) {
        double sum = 0;
        for (int k = 0; k < c; k++) {
          row[k] = (float) Math.exp(2 * rng.nextGaussian());
          sum += row[k];
        }
        for (int k = 0; k < c; k++) {
          row[k] /= (float) sum;
        }
      }
      // Every one of the c^t paths, collapsed, with its probability summed per labelling.
      Map<List<Integer>, Double> labellings = new HashMap<>();
      for (int code = 0; code < Math.pow(c, t); code++) {
        int[] path = new int[t];
        double prob = 1;
        for (int s = 0, v = code; s < t; s++, v /= c) {
          path[s] = v % c;
          prob *= p[s][path[s]];
        }
        labellings.merge(collapse(path), prob, Double::sum);
      }
      List<Integer> best = labellings.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
      int[] beam = CtcDecoding.beam(probs(p), 0, t, 100); // wider than the number of prefixes
      assertThat(beam).as("trial %d", trial).containsExactly(best.stream().mapToInt(Integer::intValue).toArray());
    }
  }

  private static List<Integer> collapse(int[] path) {
    List<Integer> out = new ArrayList<>();
    int previous = CtcLoss.BLANK;
    for (int k : path) {
      if (k != CtcLoss.BLANK && k != previous) {
        out.add(k);
      }
      previous = k;
    }
    return out;
  }

  @Test
  void readsItsOwnSequenceOfABatch() {
    // (T = 2, B = 2, C = 3): sequence 1 says "2".
    Tensor p = Tensor.of(new float[] {0.9f, 0.05f, 0.05f, 0.1f, 0.1f, 0.8f, 0.9f, 0.05f, 0.05f, 0.8f, 0.1f, 0.1f}, 2, 2, 3);
    assertThat(CtcDecoding.greedy(p, 1, 2)).containsExactly(2);
    assertThat(CtcDecoding.beam(p, 1, 2, 3)).containsExactly(2);
    assertThat(CtcDecoding.greedy(p, 0, 2)).isEmpty();
  }
}
