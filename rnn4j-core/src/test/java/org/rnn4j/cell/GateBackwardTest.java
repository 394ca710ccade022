package org.rnn4j.cell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The vectorised LSTM and GRU backward steps give the scalar loops' floats, bit for bit. */
class GateBackwardTest {
  private static final int BATCH = 3;

  @ParameterizedTest
  @ValueSource(ints = {1, 5, 16, 17, 64, 70})
  void vectorisedStepsEqualTheScalarOnes(int hidden) {
    assertThat(GateBackward.VECTOR).as("tests run with the Vector API module").isNotNull();
    compare(hidden, 4, 5, GateBackward.VECTOR::lstm, LstmCell::backwardScalar);
    compare(hidden, 3, 4, GateBackward.VECTOR::gru, GruCell::backwardScalar);
  }

  private static void compare(int hidden, int gates, int cacheWidth, Consumer<Step> vector, Consumer<Step> scalar) {
    Step a = step(hidden, gates, cacheWidth, 7), b = step(hidden, gates, cacheWidth, 7);
    vector.accept(a);
    scalar.accept(b);
    assertThat(a.dxp).containsExactly(b.dxp);
    assertThat(a.dhp).containsExactly(b.dhp);
    assertThat(a.dh).containsExactly(b.dh);
    assertThat(a.dc).containsExactly(b.dc);
  }

  /** Random buffers with every block at an offset (a strip of rows in a larger batch). */
  private static Step step(int hd, int gates, int cacheWidth, long seed) {
    Random r = new Random(seed);
    Step s = new Step();
    s.batch = BATCH;
    s.hidden = hd;
    int pad = 3;
    s.cache = random(r, pad + BATCH * cacheWidth * hd, 0f, 1f); // gate values in (0, 1)
    s.cacheOff = pad;
    s.h = random(r, 2 * pad + 2 * BATCH * hd, -1f, 1f);
    s.c = random(r, 2 * pad + 2 * BATCH * hd, -2f, 2f);
    s.hPrev = pad;
    s.cPrev = pad;
    s.hNext = pad + BATCH * hd;
    s.cNext = s.hNext;
    s.dh = random(r, pad + BATCH * hd, -1f, 1f);
    s.dc = random(r, pad + BATCH * hd, -1f, 1f);
    s.dOff = pad;
    s.dxp = new float[pad + BATCH * gates * hd + 1];
    s.dhp = new float[2 * pad + BATCH * gates * hd + 1];
    s.dxpOff = pad;
    s.dhpOff = 2 * pad;
    return s;
  }

  private static float[] random(Random r, int n, float lo, float hi) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = lo + (hi - lo) * r.nextFloat();
    }
    return x;
  }
}
