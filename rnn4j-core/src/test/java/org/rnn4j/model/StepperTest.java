package org.rnn4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnn4j.tensor.Tensor;

/**
 * The streaming path: any chunking of a sequence gives the outputs of one forward call, bit for
 * bit; a stream's outputs do not depend on how many streams run beside it; and steppers on one
 * packed model in many threads give what they give one after the other.
 */
class StepperTest {
  static final int T = 23, I = 3;

  @ParameterizedTest(name = "{0} tokens={1} learned init={2}")
  @CsvSource({"lstm,false,false", "gru,true,false", "elman,false,true", "peephole,true,true", "forget,false,false"})
  void anyChunkingEqualsOneForwardCall(String cell, boolean tokens, boolean learnedInit) {
    RnnModel m = model(cell, tokens, learnedInit, 1);
    int b = 3;
    Tensor x = input(m, new Random(2), T, b);
    float[] whole = m.forward(x).output().data(); // (T, B, O)
    int o = m.config().outputWidth();
    PackedModel packed = m.packed();
    for (int[] chunks : new int[][] {{T}, {1, 1, 1, 20}, {5, 7, 11}, {22, 1}}) {
      Stepper s = packed.stepper(b);
      int t0 = 0;
      for (int c : chunks) {
        float[] xc = Arrays.copyOfRange(x.data(), t0 * b * width(m), (t0 + c) * b * width(m));
        float[] out = c == 1 ? s.step(xc) : s.run(xc, c);
        assertThat(Arrays.copyOf(out, c * b * o)).as("%s chunk %d at %d", Arrays.toString(chunks), c, t0)
            .containsExactly(Arrays.copyOfRange(whole, t0 * b * o, (t0 + c) * b * o));
        t0 += c;
      }
    }
  }

  @Test
  void aStreamsOutputsDoNotDependOnTheStreamsBesideIt() {
    RnnModel m = model("lstm", true, false, 2);
    int b = 9;
    Tensor x = input(m, new Random(3), T, b);
    float[] together = m.packed().stepper(b).run(x.data(), T).clone();
    int o = m.config().outputWidth();
    for (int r = 0; r < b; r++) {
      Stepper alone = m.packed().stepper(1);
      for (int t = 0; t < T; t++) {
        float[] out = alone.step(new float[] {x.data()[t * b + r]});
        assertThat(Arrays.copyOf(out, o)).containsExactly(Arrays.copyOfRange(together, (t * b + r) * o, (t * b + r + 1) * o));
      }
    }
  }

  @Test
  void steppersOnOnePackInManyThreadsGiveTheSequentialResults() throws Exception {
    RnnModel m = model("gru", true, false, 2);
    PackedModel packed = m.packed();
    int threads = 8, steps = 400;
    List<float[]> sequential = new ArrayList<>();
    for (int k = 0; k < threads; k++) {
      sequential.add(stream(packed, k, steps));
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < 3; round++) {
        List<Future<float[]>> concurrent = new ArrayList<>();
        for (int k = 0; k < threads; k++) {
          int seed = k;
          concurrent.add(pool.submit(() -> stream(packed, seed, steps)));
        }
        for (int k = 0; k < threads; k++) {
          assertThat(concurrent.get(k).get()).as("thread %d, round %d", k, round).containsExactly(sequential.get(k));
        }
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void thePackIsASnapshotAndRefreshWeightsTakesTheNewOnes() {
    RnnModel m = model("lstm", false, false, 1);
    float[] x = input(m, new Random(4), 1, 1).data();
    Stepper s = m.stepper(1);
    float[] first = s.step(x).clone(), second = s.step(x).clone();
    m.parameters().values()[m.parameters().get("weight_hh_l0").offset()] += 1f; // W_hh only: read from step 2 on
    s.reset();
    assertThat(s.step(x)).containsExactly(first);
    assertThat(s.step(x)).containsExactly(second); // the old W_hh
    s.refreshWeights();
    s.reset();
    assertThat(s.step(x)).containsExactly(first);
    assertThat(s.step(x)).isNotEqualTo(second);
  }

  @Test
  void badRequestsAreNamed() {
    RnnModel m = model("lstm", false, false, 1);
    assertThatThrownBy(() -> m.stepper(0)).hasMessageContaining("at least 1 stream");
    assertThatThrownBy(() -> m.stepper(2).run(new float[5], 1)).hasMessageContaining("expected an input of 6 floats");
    assertThatThrownBy(() -> m.stepper(1).run(new float[3], 0)).hasMessageContaining("at least 1 step");
    ModelConfig bi = ModelConfig.builder().cell("lstm").inputSize(I).hiddenSize(4).bidirectional(true).outputSize(2).build();
    assertThatThrownBy(() -> new RnnModel(bi, 1).packed()).hasMessageContaining("unidirectional many-to-many");
    assertThatThrownBy(() -> model("skip:2", false, false, 1).packed()).hasMessageContaining("found 'skip:2'");
  }

  /** Softmax-headed model; token inputs read I symbols. */
  private static RnnModel model(String cell, boolean tokens, boolean learnedInit, int layers) {
    ModelConfig c = ModelConfig.builder().cell(cell).inputSize(tokens ? 7 : I).tokenInput(tokens).hiddenSize(6)
        .numLayers(layers).learnedInit(learnedInit).outputSize(5).loss("ce").build();
    RnnModel m = new RnnModel(c, 11);
    if (learnedInit) { // a non-zero learned initial state
      float[] v = m.parameters().values();
      int h0 = m.parameters().get("h0_l0").offset();
      for (int i = 0; i < 6; i++) {
        v[h0 + i] = 0.1f * (i + 1);
      }
    }
    return m;
  }

  private static int width(RnnModel m) {
    return m.config().tokenInput() ? 1 : m.config().inputSize();
  }

  private static Tensor input(RnnModel m, Random rng, int t, int b) {
    if (m.config().tokenInput()) {
      Tensor x = Tensor.zeros(t, b);
      for (int i = 0; i < x.size(); i++) {
        x.data()[i] = rng.nextInt(m.config().inputSize());
      }
      return x;
    }
    return SequenceEquivalenceTest.random(rng, t, b, m.config().inputSize());
  }

  /** A stream fed its own greedy choices from a seeded start: the concatenated outputs. */
  private static float[] stream(PackedModel packed, int seed, int steps) {
    Stepper s = packed.stepper(1);
    int o = packed.model().config().outputWidth();
    float[] all = new float[steps * o];
    float[] x = {seed % packed.model().config().inputSize()};
    for (int t = 0; t < steps; t++) {
      float[] out = s.step(x);
      System.arraycopy(out, 0, all, t * o, o);
      int best = 0;
      for (int j = 1; j < o; j++) {
        best = out[j] > out[best] ? j : best;
      }
      x[0] = best;
    }
    return all;
  }
}
