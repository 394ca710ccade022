package org.rnn4j.seq2seq;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The stepper (packed weights, one forward-only context) against the training decoder: the same
 * logits bit for bit, so greedy and beam decoding give the same tokens and scores; and no
 * allocation per step.
 */
class Seq2SeqStepperTest {
  private static final int MAX_STEPS = 12;

  /** A briefly trained model (Elman cells, a bidirectional encoder). */
  private static Seq2Seq model(AttentionKind kind) {
    return DecodingTest.trained(kind);
  }

  /** An LSTM (two carried states) with a bidirectional two-layer encoder. */
  private static Seq2Seq lstm(AttentionKind kind) {
    Seq2SeqConfig c = Seq2SeqConfig.builder(10, 12).cell("lstm").hidden(12).embedding(6).encoderLayers(2)
        .attention(kind).build();
    return new Seq2Seq(c, 8);
  }

  /** A GRU with a unidirectional encoder narrower than the decoder: the bridge makes s_0 (not for dot attention). */
  private static Seq2Seq bridged(AttentionKind kind) {
    Seq2SeqConfig c = Seq2SeqConfig.builder(10, 12).cell("gru").hidden(12).embedding(6).bidirectional(false)
        .encoderHidden(kind == AttentionKind.DOT ? 12 : 7).attention(kind).build();
    return new Seq2Seq(c, 5);
  }

  private static int[] source(Random rng, int s, int b) {
    int[] ids = new int[s * b];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = rng.nextInt(10);
    }
    return ids;
  }

  @ParameterizedTest
  @EnumSource(AttentionKind.class)
  void teacherForcedLogitsEqualTheTrainingDecodersBitForBit(AttentionKind kind) {
    for (Seq2Seq model : new Seq2Seq[] {model(kind), lstm(kind), bridged(kind)}) {
      Random rng = new Random(3);
      int s = 5, b = 3, t = 7, v = model.config().targetVocabulary();
      int[] src = source(rng, s, b);
      int[] inputs = new int[t * b]; // y_{t−1} (T, B)
      for (int i = 0; i < inputs.length; i++) {
        inputs[i] = i < b ? Seq2Seq.BOS : rng.nextInt(v);
      }
      Seq2SeqStepper stepper = model.packed().stepper();
      stepper.begin(src, s, b);
      model.encode(src, s, b, t);
      float[] expected = new float[b * v];
      for (int step = 0; step < t; step++) {
        model.decoder().step(step, inputs, step * b);
        model.decoder().stepLogits(step, expected, 0);
        float[] z = stepper.step(Arrays.copyOfRange(inputs, step * b, (step + 1) * b));
        assertThat(z).as("%s, %s, step %d", kind, model.config().cell(), step).containsExactly(expected);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(AttentionKind.class)
  void greedyAndBeamDecodeAsOnTheTrainingDecoder(AttentionKind kind) {
    for (Seq2Seq model : new Seq2Seq[] {model(kind), lstm(kind), bridged(kind)}) {
      Seq2SeqStepper stepper = model.packed().stepper();
      Random rng = new Random(9);
      for (int n = 0; n < 8; n++) {
        int s = 2 + rng.nextInt(6), b = 1 + rng.nextInt(4);
        int[] batch = source(rng, s, b);
        assertThat(Decoding.greedy(stepper, batch, s, b, MAX_STEPS)).isDeepEqualTo(Decoding.greedy(model, batch, s, b,
            MAX_STEPS));
        int[] one = Arrays.copyOf(batch, s);
        for (int i = 0; i < s; i++) {
          one[i] = batch[i * b];
        }
        for (int width : new int[] {1, 2, 5}) {
          Decoding.Hypothesis expected = ReferenceBeam.beam(model, one, s, width, MAX_STEPS);
          Decoding.Hypothesis found = Decoding.beam(stepper, one, s, width, MAX_STEPS);
          assertThat(found.tokens()).as("%s width %d", kind, width).containsExactly(expected.tokens());
          assertThat(found.logProb()).isEqualTo(expected.logProb());
          assertThat(found.score()).isEqualTo(expected.score());
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(AttentionKind.class)
  void aStepAllocatesNothing(AttentionKind kind) {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Seq2SeqStepper stepper = lstm(kind).packed().stepper();
    int[] input = {Seq2Seq.BOS, 3, 4}, rows = {2, 0, 1};
    stepper.begin(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 3, 3);
    for (int i = 0; i < 2000; i++) { // warm up: the compiled step is the one measured
      stepper.step(input);
    }
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < 1000; i++) {
      stepper.step(input);
      stepper.selectRows(rows);
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertThat(allocated).as("bytes allocated by 1000 steps").isLessThan(1000);
  }
}
