package org.rnn4j.seq2seq;

import org.rnn4j.math.Rng;
import org.rnn4j.optim.Adam;
import org.rnn4j.train.TrainConfig;
import org.rnn4j.train.Trainer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rnn4j.cell.Activation;
import org.rnn4j.cell.Cells;
import org.rnn4j.layer.Direction;
import org.rnn4j.layer.LayerSpec;
import org.rnn4j.layer.Recurrent;
import org.rnn4j.layer.RecurrentCall;
import org.rnn4j.layer.RecurrentContext;
import org.rnn4j.tensor.Parameters;

/** Greedy and beam decoding, and the exactness of running the decoder's layer one step at a time. */
class DecodingTest {

  /** A briefly trained model, so the output distributions are peaked but not trivial. */
  static Seq2Seq trained(AttentionKind kind) {
    Seq2SeqTask task = DigitTask.reverse(3, 6);
    Seq2SeqConfig c = Seq2SeqConfig.builder(10, 12).hidden(16).embedding(8).attention(kind).build();
    Seq2Seq model = new Seq2Seq(c, 4);
    var trainer = new Trainer<>(model, new Adam(0.01), TrainConfig.builder().clipNorm(5).build());
    var pairs = Seq2SeqRunner.draw(task, 300, new Random(1), java.util.Set.of());
    Rng shuffle = new Rng(2);
    for (int pass = 0; pass < 2; pass++) {
      for (Seq2SeqBatch b : Seq2SeqBatches.of(pairs, task.sourceVocabulary(), task.targetVocabulary()).epoch(16, shuffle)) {
        trainer.update(b);
      }
    }
    return model;
  }

  @ParameterizedTest
  @EnumSource(AttentionKind.class)
  void beamOfWidthOneIsGreedy(AttentionKind kind) {
    Seq2Seq model = trained(kind);
    Random rng = new Random(9);
    for (int n = 0; n < 20; n++) {
      int s = 2 + rng.nextInt(6);
      int[] source = new int[s];
      for (int i = 0; i < s; i++) {
        source[i] = rng.nextInt(10);
      }
      int[] greedy = Decoding.greedy(model, source, s, 1, 12)[0];
      assertThat(Decoding.beam(model, source, s, 1, 12).tokens()).as("source %s", java.util.Arrays.toString(source))
          .containsExactly(greedy);
    }
  }

  @Test
  void widerBeamsNeverScoreWorseAndNeverEmitReservedTokens() {
    Seq2Seq model = trained(AttentionKind.ADDITIVE);
    int[] source = {3, 1, 4, 1, 5};
    double previous = Double.NEGATIVE_INFINITY;
    for (int width : new int[] {1, 3, 8}) {
      Decoding.Hypothesis h = Decoding.beam(model, source, 5, width, 12);
      assertThat(java.util.Arrays.stream(h.tokens()).min().orElse(Seq2Seq.EOS + 1)).isGreaterThan(Seq2Seq.EOS);
      assertThat(h.score()).isCloseTo(h.logProb() / (h.tokens().length + 1), org.assertj.core.data.Offset.offset(1e-9));
      // Not a theorem for beam search in general, but holds for this peaked model: a record of the behaviour.
      assertThat(h.score()).isGreaterThanOrEqualTo(previous - 1e-9);
      previous = h.score();
    }
  }

  @Test
  void greedyRowsOfOneBatchEqualDecodingEachAlone() {
    Seq2Seq model = trained(AttentionKind.GENERAL);
    int[] batch = {1, 7, 2, 8, 3, 9, 4, 0}; // (S = 4, B = 2)
    int[][] both = Decoding.greedy(model, batch, 4, 2, 10);
    assertThat(Decoding.greedy(model, new int[] {1, 2, 3, 4}, 4, 1, 10)[0]).containsExactly(both[0]);
    assertThat(Decoding.greedy(model, new int[] {7, 8, 9, 0}, 4, 1, 10)[0]).containsExactly(both[1]);
  }

  @Test
  void badArgumentsAreDescriptive() {
    Seq2Seq model = trained(AttentionKind.NONE);
    assertThatThrownBy(() -> Decoding.beam(model, new int[] {1, 2}, 2, 0, 5)).hasMessage(
        "beam width: expected a positive number, found 0");
    assertThatThrownBy(() -> Decoding.greedy(model, new int[] {1, 2, 3}, 2, 1, 5)).hasMessage(
        "source: expected 2 token ids (S = 2, B = 1), found 3");
    Seq2SeqConfig dotOfUnequalSizes = Seq2SeqConfig.builder(5, 6).hidden(4).bidirectional(false).encoderHidden(3)
        .attention(AttentionKind.DOT).build();
    assertThatThrownBy(() -> new Seq2Seq(dotOfUnequalSizes, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dot attention: expected decoder hidden size = encoder output size, found 4 and 3"
            + " (use general attention for different sizes)");
    assertThatThrownBy(() -> AttentionKind.parse("luong")).hasMessage(
        "attention: expected none, additive, dot or general, found 'luong'");
  }

  /**
   * The decoder runs one Recurrent layer with T = 1 per step, a context per step: T chained single
   * steps equal one T-step call, values and gradients.
   */
  @Test
  void singleStepsChainedThroughTheStateEqualOneSequenceCall() {
    int t = 5, b = 3, in = 4, h = 6;
    var cells = Cells.factory("elman", Activation.TANH);
    Parameters.Builder builder = new Parameters.Builder();
    Recurrent whole = new Recurrent(cells.get(), LayerSpec.of(in, h), Direction.FORWARD, "_l0");
    whole.declare(builder);
    Parameters p = builder.build();
    whole.bind(p);
    whole.initParams(new Random(3));
    RecurrentContext[] steps = new RecurrentContext[t];
    for (int i = 0; i < t; i++) {
      steps[i] = whole.newContext();
    }
    float[] x = AttentionGradientTest.random(new Random(4), t * b * in, 1.0);
    float[] h0 = AttentionGradientTest.random(new Random(5), b * h, 0.5);
    float[] dOut = AttentionGradientTest.random(new Random(6), t * b * h, 1.0);

    float[] outWhole = new float[t * b * h];
    RecurrentContext wholeContext = whole.newContext();
    whole.forward(wholeContext, RecurrentCall.of(x, t, b, outWhole, h).from(new float[][] {h0}));
    p.zeroGrads();
    float[] dxWhole = new float[x.length];
    float[][] dh0Whole = {new float[b * h]};
    whole.backward(wholeContext, dOut, null, dxWhole, dh0Whole);
    float[] gradWhole = p.grads().clone();

    float[] outSteps = new float[t * b * h];
    float[][] state = {h0};
    float[][] xs = new float[t][];
    for (int i = 0; i < t; i++) {
      xs[i] = java.util.Arrays.copyOfRange(x, i * b * in, (i + 1) * b * in);
      float[] o = new float[b * h];
      whole.forward(steps[i], RecurrentCall.of(xs[i], 1, b, o, h).from(state));
      System.arraycopy(o, 0, outSteps, i * b * h, b * h);
      state = new float[][] {new float[b * h]};
      steps[i].finalState(0, state[0], 0);
    }
    assertThat(outSteps).containsExactly(outWhole);
    p.zeroGrads();
    float[][] dState = {new float[b * h]};
    float[] dxSteps = new float[x.length];
    for (int i = t - 1; i >= 0; i--) {
      float[] dOutStep = java.util.Arrays.copyOfRange(dOut, i * b * h, (i + 1) * b * h);
      float[][] dPrev = {new float[b * h]};
      float[] dx = new float[b * in];
      whole.backward(steps[i], dOutStep, dState, dx, dPrev);
      System.arraycopy(dx, 0, dxSteps, i * b * in, b * in);
      dState = dPrev;
    }
    assertThat(dState[0]).containsExactly(dh0Whole[0]);
    assertThat(dxSteps).containsExactly(dxWhole);
    float[] gradSteps = p.grads();
    for (int i = 0; i < gradWhole.length; i++) { // sums over steps in a different order: equal to rounding
      assertThat(gradSteps[i]).isCloseTo(gradWhole[i], org.assertj.core.data.Offset.offset(1e-5f));
    }
  }
}
