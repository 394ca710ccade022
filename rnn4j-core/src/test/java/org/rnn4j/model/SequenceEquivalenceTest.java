package org.rnn4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.rnn4j.model.ModelConfig.Reduction;
import org.rnn4j.tensor.Tensor;

/** Structural equivalences: padded batches, token inputs and stepping all match the plain computation. */
class SequenceEquivalenceTest {
  static final int T = 6, I = 3, O = 2;

  static Tensor random(Random rng, int... shape) {
    Tensor t = Tensor.zeros(shape);
    for (int i = 0; i < t.size(); i++) {
      t.data()[i] = (float) rng.nextGaussian();
    }
    return t;
  }

  /** Rows [from, from + n) of axis 1 of a (T, B, F) tensor, first {@code steps} steps. */
  static Tensor rows(Tensor x, int from, int n, int steps) {
    int b = x.dim(1), f = x.size() / (x.dim(0) * b);
    float[] out = new float[steps * n * f];
    for (int t = 0; t < steps; t++) {
      System.arraycopy(x.data(), (t * b + from) * f, out, t * n * f, n * f);
    }
    return x.rank() == 3 ? Tensor.of(out, steps, n, f) : Tensor.of(out, steps, n);
  }

  @ParameterizedTest(name = "{0} bidirectional={1} {2}")
  @CsvSource({"lstm,false,many-to-many", "gru,true,many-to-many", "elman,true,many-to-one", "lstm,true,many-to-one"})
  void aPaddedBatchEqualsSeparateUnpaddedSequences(String cell, boolean bi, String mapping) {
    Mapping map = Mapping.parse(mapping);
    ModelConfig cfg = ModelConfig.builder().cell(cell).inputSize(I).hiddenSize(4).numLayers(2).bidirectional(bi)
        .outputSize(O).reduction(Reduction.SUM).mapping(map).build();
    Random rng = new Random(3);
    int[] lengths = {6, 3, 1};
    Tensor x = random(rng, T, 3, I);
    boolean m2o = map.kind() == Mapping.Kind.MANY_TO_ONE;
    Tensor y = m2o ? random(rng, 1, 3, O) : random(rng, T, 3, O);

    RnnModel padded = new RnnModel(cfg, 9);
    double lossPadded = padded.lossAndGradient(new Batch(x, y, null, null, lengths), null);
    float[] gradPadded = padded.parameters().grads().clone();

    RnnModel single = new RnnModel(cfg, 9);
    double lossSum = 0;
    for (int r = 0; r < 3; r++) {
      Tensor xr = rows(x, r, 1, lengths[r]);
      Tensor yr = m2o ? rows(y, r, 1, 1) : rows(y, r, 1, lengths[r]);
      lossSum += single.lossAndGradient(new Batch(xr, yr), null);
      RnnModel.Output whole = padded.forward(x, m2o ? 1 : T, null, lengths);
      RnnModel.Output alone = single.forward(xr, m2o ? 1 : lengths[r], null);
      for (int k = 0; k < whole.finalStates().length; k++) { // final states: the row's own last step
        Tensor hPadded = whole.finalStates()[k], hAlone = alone.finalStates()[k];
        for (int u = 0; u < hAlone.dim(0); u++) {
          for (int j = 0; j < 4; j++) {
            assertThat(hPadded.get(u, r, j)).isCloseTo(hAlone.get(u, 0, j), within(1e-6f));
          }
        }
      }
    }
    assertThat(lossPadded).isCloseTo(lossSum, within(1e-4 * Math.abs(lossSum)));
    float[] gradSingle = single.parameters().grads();
    for (int i = 0; i < gradSingle.length; i++) {
      assertThat(gradPadded[i]).isCloseTo(gradSingle[i], within(1e-5f + 1e-4f * Math.abs(gradSingle[i])));
    }
  }

  /**
   * Keras' return_sequences=False, PyTorch's h_n: a bidirectional many-to-one model reads the
   * forward direction after the row's last step and the reverse one after step 0, each after the
   * whole sequence (not both at the last step).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"concat", "sum"})
  void aBidirectionalManyToOneModelReadsEachDirectionAfterTheWholeSequence(String fusion) {
    ModelConfig cfg = ModelConfig.builder().cell("gru").inputSize(I).hiddenSize(4).numLayers(2).bidirectional(true)
        .fusion(org.rnn4j.layer.Fusion.parse(fusion)).outputSize(0).mapping(Mapping.MANY_TO_ONE).build();
    Tensor x = random(new Random(5), T, 3, I);
    int[] lengths = {6, 4, 1};
    RnnModel.Output out = new RnnModel(cfg, 9).forward(x, 1, null, lengths);
    Tensor h = out.finalStates()[0]; // (L·D, B, H): units 2 and 3 are the top layer's directions
    boolean concat = fusion.equals("concat");
    for (int r = 0; r < 3; r++) {
      for (int j = 0; j < 4; j++) {
        float fw = h.get(2, r, j), bw = h.get(3, r, j);
        if (concat) {
          assertThat(out.output().get(0, r, j)).isEqualTo(fw).isEqualTo(out.hidden().get(lengths[r] - 1, r, j));
          assertThat(out.output().get(0, r, 4 + j)).isEqualTo(bw).isEqualTo(out.hidden().get(0, r, 4 + j));
        } else {
          assertThat(out.output().get(0, r, j)).isEqualTo(fw + bw);
        }
      }
    }
  }

  @ParameterizedTest(name = "{0} bidirectional={1} padded={2}")
  @CsvSource({"lstm,false,false", "gru,true,true", "elman,true,false", "lstm,true,true"})
  void tokenInputEqualsOneHotInput(String cell, boolean bi, boolean padded) {
    int v = 5;
    ModelConfig dense = ModelConfig.builder().cell(cell).inputSize(v).hiddenSize(4).numLayers(2).bidirectional(bi)
        .outputSize(v).loss("ce").build();
    ModelConfig tokens = dense.toBuilder().tokenInput(true).build();
    int[] lengths = padded ? new int[] {T, 3} : null; // a reverse layer starts at a padded row's own last step
    Random rng = new Random(1);
    Tensor tok = Tensor.zeros(T, 2), oneHot = Tensor.zeros(T, 2, v), y = Tensor.zeros(T, 2);
    for (int i = 0; i < tok.size(); i++) {
      int k = rng.nextInt(v);
      tok.data()[i] = k;
      oneHot.data()[i * v + k] = 1f;
      y.data()[i] = rng.nextInt(v);
    }
    RnnModel a = new RnnModel(dense, 4), b = new RnnModel(tokens, 4);
    double la = a.lossAndGradient(new Batch(oneHot, y, null, null, lengths), null);
    double lb = b.lossAndGradient(new Batch(tok, y, null, null, lengths), null);
    assertThat(lb).isCloseTo(la, within(1e-6));
    float[] ga = a.parameters().grads(), gb = b.parameters().grads();
    for (int i = 0; i < ga.length; i++) {
      assertThat(gb[i]).isCloseTo(ga[i], within(1e-6f));
    }
    Tensor bad = tok.copy();
    bad.data()[3] = v;
    assertThatThrownBy(() -> b.forward(bad)).hasMessageContaining("expected integer indices in [0, 5), found 5.0");
  }

  @Test
  void steppingEqualsOneCallOverTheSequence() {
    ModelConfig cfg = ModelConfig.builder().cell("lstm").inputSize(I).hiddenSize(4).numLayers(2).outputSize(O).build();
    RnnModel m = new RnnModel(cfg, 2);
    Tensor x = random(new Random(5), T, 2, I);
    float[] whole = m.forward(x).output().data();
    Tensor[] state = null;
    Stepper stepper = m.stepper(2);
    for (int t = 0; t < T; t++) {
      Tensor xt = Tensor.of(java.util.Arrays.copyOfRange(x.data(), t * 2 * I, (t + 1) * 2 * I), 2, I);
      RnnModel.Output o = m.step(xt, state);
      state = o.finalStates();
      float[] streamed = stepper.step(xt.data());
      for (int i = 0; i < 2 * O; i++) {
        assertThat(o.output().data()[i]).isEqualTo(whole[t * 2 * O + i]);
        assertThat(streamed[i]).isEqualTo(whole[t * 2 * O + i]);
      }
    }
  }

  /** The arrays a model keeps from one training call to the next (sized by the batch) carry nothing over. */
  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource({"lstm,mse,many-to-many", "elman,ce,many-to-many", "gru,ce,many-to-one", "lstm,mse,many-to-one"})
  void buffersKeptBetweenCallsChangeNoResult(String cell, String loss, String mapping) {
    Mapping map = Mapping.parse(mapping);
    ModelConfig cfg = ModelConfig.builder().cell(cell).inputSize(I).hiddenSize(5).numLayers(2).outputSize(O)
        .loss(loss).mapping(map).build();
    Random rng = new Random(8);
    Batch big = new Batch(random(rng, T, 4, I), target(rng, loss, map.defaultOutputSteps(T), 4));
    Batch small = new Batch(random(rng, T - 2, 3, I), target(rng, loss, map.defaultOutputSteps(T - 2), 3));
    RnnModel fresh = new RnnModel(cfg, 2);
    double wantLoss = fresh.lossAndGradient(big, null);
    float[] wantGrads = fresh.parameters().grads().clone();
    RnnModel reused = new RnnModel(cfg, 2);
    for (Batch batch : new Batch[] {big, big, small, big, big}) { // same shape twice: buffers reused
      reused.parameters().zeroGrads();
      double got = reused.lossAndGradient(batch, null);
      if (batch == big) {
        assertThat(got).isEqualTo(wantLoss);
        assertThat(reused.parameters().grads()).containsExactly(wantGrads);
      }
    }
  }

  /** Targets for {@code loss}: Gaussian values for mse, one-hot rows for ce. */
  private static Tensor target(Random rng, String loss, int t, int b) {
    if (loss.equals("mse")) {
      return random(rng, t, b, O);
    }
    Tensor y = Tensor.zeros(t, b, O);
    for (int i = 0; i < t * b; i++) {
      y.data()[i * O + rng.nextInt(O)] = 1f;
    }
    return y;
  }
}
