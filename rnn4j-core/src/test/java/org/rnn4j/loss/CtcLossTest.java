package org.rnn4j.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnn4j.check.GradCheck;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.io.SafeTensorsFile;
import org.rnn4j.tensor.Tensor;

/** CTC: finite differences, hand-computed cases, the PyTorch reference cases, and its errors. */
class CtcLossTest {

  private static Tensor randomLogits(int t, int b, int c, long seed) {
    Random rng = new Random(seed);
    float[] z = new float[t * b * c];
    for (int i = 0; i < z.length; i++) {
      z[i] = (float) (rng.nextGaussian() * 1.5);
    }
    return Tensor.of(z, t, b, c);
  }

  /** (S, B) targets from each sequence's labels, padded with blanks. */
  static Tensor targets(int[]... labels) {
    int s = 1;
    for (int[] l : labels) {
      s = Math.max(s, l.length);
    }
    float[] y = new float[s * labels.length];
    for (int r = 0; r < labels.length; r++) {
      for (int i = 0; i < labels[r].length; i++) {
        y[i * labels.length + r] = labels[r][i];
      }
    }
    return Tensor.of(y, s, labels.length);
  }

  private static double loss(CtcLoss ctc, Tensor z, Tensor y, int[] lengths) {
    return ctc.lossAndGradient(z, y, lengths, new float[z.size()]);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"mean", "sum"})
  void gradientMatchesFiniteDifferences(String reduction) {
    CtcLoss ctc = new CtcLoss(CtcLoss.Reduction.valueOf(reduction.toUpperCase()), false);
    Tensor z = randomLogits(7, 4, 4, 5);
    // Repeats, a run of one label, an empty target, a target of one frame per label; own lengths.
    Tensor y = targets(new int[] {1, 1, 2}, new int[] {3}, new int[] {}, new int[] {2, 3, 1});
    int[] lengths = {7, 5, 2, 3};
    float[] dz = new float[z.size()];
    ctc.lossAndGradient(z, y, lengths, dz);
    double err = GradCheck.error(dz, 0, z.data(), 0, z.size(), 1e-3, () -> loss(ctc, z, y, lengths));
    assertThat(err).isLessThan(GradCheck.TOLERANCE);
    for (int t = 5; t < 7; t++) { // past sequence 1's length
      for (int k = 0; k < 4; k++) {
        assertThat(dz[(t * 4 + 1) * 4 + k]).isZero();
      }
    }
  }

  @Test
  void oneFrameOneLabelIsMinusItsLogSoftmax() {
    Tensor z = Tensor.of(new float[] {0.5f, -1f, 2f}, 1, 1, 3);
    double logSum = Math.log(Math.exp(0.5) + Math.exp(-1) + Math.exp(2));
    assertThat(loss(new CtcLoss(CtcLoss.Reduction.SUM, false), z, targets(new int[] {2}), null))
        .isCloseTo(logSum - 2, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void twoFramesSumTheirThreeAlignments() {
    // Target "1" in two frames: paths (1,1), (0,1), (1,0); the probabilities p_t are given directly.
    float[][] p = {{0.2f, 0.5f, 0.3f}, {0.6f, 0.1f, 0.3f}};
    float[] z = new float[6];
    for (int t = 0; t < 2; t++) {
      for (int k = 0; k < 3; k++) {
        z[t * 3 + k] = (float) Math.log(p[t][k]);
      }
    }
    double want = -Math.log(p[0][1] * p[1][1] + p[0][0] * p[1][1] + p[0][1] * p[1][0]);
    assertThat(loss(new CtcLoss(CtcLoss.Reduction.SUM, false), Tensor.of(z, 2, 1, 3), targets(new int[] {1}), null))
        .isCloseTo(want, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void aTargetThatCannotFitIsInfiniteOrZero() {
    Tensor z = randomLogits(3, 1, 3, 1);
    Tensor y = targets(new int[] {1, 1}); // needs 3 frames: 1 _ 1
    assertThat(loss(new CtcLoss(CtcLoss.Reduction.SUM, false), z, y, new int[] {3})).isFinite();
    assertThat(loss(new CtcLoss(CtcLoss.Reduction.SUM, false), z, y, new int[] {2})).isInfinite();
    float[] dz = new float[z.size()];
    assertThat(new CtcLoss(CtcLoss.Reduction.SUM, true).lossAndGradient(z, y, new int[] {2}, dz)).isZero();
    assertThat(dz).containsOnly(0f);
  }

  /** The cases of reference/ctc, made by its generate.py with PyTorch 1.13: loss and gradient to 1e-4. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"single", "batch_lengths", "repeats_sum", "zero_infinity"})
  void matchesPyTorch(String name) throws Exception {
    Path file = Path.of(CtcLossTest.class.getResource("/reference/ctc/" + name + ".safetensors").toURI());
    SafeTensorsFile f = SafeTensors.read(file);
    Tensor z = f.tensor("logits");
    float[] lengthValues = f.tensor("input_lengths").data();
    int[] lengths = new int[lengthValues.length];
    for (int i = 0; i < lengths.length; i++) {
      lengths[i] = (int) lengthValues[i];
    }
    CtcLoss ctc = new CtcLoss(CtcLoss.Reduction.valueOf(f.metadata().get("reduction").toUpperCase()),
        Boolean.parseBoolean(f.metadata().get("zero_infinity")));
    float[] dz = new float[z.size()];
    double loss = ctc.lossAndGradient(z, f.tensor("targets"), lengths, dz);
    double want = f.tensor("loss").data()[0];
    assertThat(Math.abs(loss - want) / Math.abs(want)).isLessThan(1e-4);
    assertThat(relativeError(dz, f.tensor("grad").data())).isLessThan(1e-4);
  }

  /** ‖a − b‖ / ‖b‖. */
  private static double relativeError(float[] a, float[] b) {
    double d = 0, n = 0;
    for (int i = 0; i < a.length; i++) {
      d += (a[i] - b[i]) * (double) (a[i] - b[i]);
      n += b[i] * (double) b[i];
    }
    return Math.sqrt(d / n);
  }

  @Test
  void badTargetsAndLengthsNameWhatWasExpected() {
    CtcLoss ctc = new CtcLoss();
    Tensor z = randomLogits(4, 2, 3, 2);
    assertThatThrownBy(() -> loss(ctc, z, targets(new int[] {3}, new int[] {1}), null))
        .hasMessage("ctc target: expected labels in [1, 3) (0 is the blank), found 3.0 at step 0 of sequence 0");
    assertThatThrownBy(() -> loss(ctc, z, Tensor.of(new float[] {0, 1, 2, 0}, 2, 2), null))
        .hasMessage("ctc target: expected only blanks (0) after a sequence's labels, found 2.0 at step 1 of sequence 0");
    assertThatThrownBy(() -> loss(ctc, z, targets(new int[] {1}, new int[] {1}), new int[] {4, 5}))
        .hasMessage("ctc lengths: expected values in [1, 4], found 5 for sequence 1");
  }
}
