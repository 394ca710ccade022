package org.rnn4j.lm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rnn4j.loss.OutputActivation;
import org.rnn4j.math.Rng;

/** The draw without sorting equals the definition (the sorting reference) bit for bit. */
class TokenChooserTest {
  private static final double[] TEMPERATURES = {0.05, 0.3, 0.8, 1.0, 3.0, 40.0};

  @Test
  void randomLogitsOfEveryScaleDrawWhatTheSortingReferenceDraws() {
    Random gen = new Random(1);
    for (int v : new int[] {1, 2, 7, 62, 200}) {
      for (double scale : new double[] {0.1, 1, 5, 30, 200}) {
        float[][] rows = new float[40][v];
        for (float[] row : rows) {
          for (int j = 0; j < v; j++) {
            row[j] = (float) (scale * gen.nextGaussian());
          }
        }
        compare(rows, v);
      }
    }
  }

  @Test
  void tiedProbabilitiesKeepTheDefinitionsOrderAndTopKCut() {
    Random gen = new Random(2);
    float[][] rows = new float[200][12];
    for (float[] row : rows) {
      for (int j = 0; j < row.length; j++) {
        row[j] = gen.nextInt(4) * 0.5f; // few distinct values: many equal probabilities
      }
    }
    compare(rows, 12);
    compare(new float[][] {{3, 3, 3, 3}, {0, 0, 0, 0}, {1, 2, 2, 1}}, 4);
  }

  @Test
  void nonFiniteLogitsAreDecidedByTheDefinition() {
    float nan = Float.NaN, inf = Float.POSITIVE_INFINITY;
    compare(new float[][] {{1, nan, 2}, {inf, 0, 1}, {-inf, 0, 1}, {-inf, -inf, -inf}, {inf, inf, 0}}, 3);
  }

  @Test
  void theFallbackIsRareAtUsualTemperaturesAndEqualWhenForced() {
    Random gen = new Random(3);
    float[][] rows = new float[2000][62];
    for (float[] row : rows) {
      for (int j = 0; j < row.length; j++) {
        row[j] = (float) (3 * gen.nextGaussian());
      }
    }
    TokenChooser fast = new TokenChooser(1.0, 0, 62);
    TokenChooser forced = new TokenChooser(1.0, 0, 62, 1e300); // every draw near a boundary
    ReferenceSampler reference = new ReferenceSampler(1.0, 0, 0);
    Rng a = new Rng(4), b = new Rng(4), c = new Rng(4);
    for (int i = 0; i < 50 * rows.length; i++) {
      float[] row = rows[i % rows.length];
      int expected = reference.choose(softmax(row), c);
      assertThat(fast.choose(row, 0, a)).isEqualTo(expected);
      assertThat(forced.choose(row, 0, b)).isEqualTo(expected);
    }
    assertThat(fast.draws()).isEqualTo(100_000);
    assertThat(fast.fallbacks()).isLessThan(100); // measured: a few per 100,000
    assertThat(forced.fallbacks()).isEqualTo(forced.draws());
  }

  @Test
  void aRowIsReadFromItsOffset() {
    float[] two = {0, 0, 9, 9, 0, 0}; // rows of 3: row 1 is {9, 0, 0}
    assertThat(new TokenChooser(1.0, 1, 3).choose(two, 3, new Rng(1))).isEqualTo(0);
    assertThatThrownBy(() -> new TokenChooser(1.0, 0, 0)).hasMessageContaining("at least 1 symbol");
    assertThatThrownBy(() -> new TokenChooser(Double.NaN, 0, 3)).hasMessageContaining("temperature");
  }

  /** Every temperature and top-k: 30 draws per row from one generator on each side. */
  private static void compare(float[][] rows, int v) {
    for (double t : TEMPERATURES) {
      for (int k : new int[] {0, 1, 2, 5, v}) {
        TokenChooser chooser = new TokenChooser(t, k, v);
        ReferenceSampler reference = new ReferenceSampler(t, k, 0);
        Rng a = new Rng(17), b = new Rng(17);
        for (int rep = 0; rep < 30; rep++) {
          for (float[] row : rows) {
            int expected = reference.choose(softmax(row), b);
            assertThat(chooser.choose(row, 0, a)).as("T %s, k %d, row %s", t, k, java.util.Arrays.toString(row))
                .isEqualTo(expected);
          }
        }
      }
    }
  }

  /** The probabilities the model's output activation gives. */
  private static float[] softmax(float[] z) {
    float[] p = new float[z.length];
    OutputActivation.softmaxRow(z, 0, z.length, p);
    return p;
  }
}
