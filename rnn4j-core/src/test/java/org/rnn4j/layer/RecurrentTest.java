package org.rnn4j.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.cell.Activation;
import org.rnn4j.cell.Cells;
import org.rnn4j.tensor.Parameters;

/** Structural equivalences of the time loop, for every cell kind. */
class RecurrentTest {
  private static final int T = 5, B = 2, I = 3, H = 4;

  static Stream<String> cells() {
    List<String> names = new ArrayList<>(Cells.KINDS);
    names.add("skip:1");
    names.add("skip:3");
    return names.stream();
  }

  /** Skip cells with d ≥ 2 read states a single-step call does not carry, so they are left out. */
  static Stream<String> cellsCarryingOnlyTheirState() {
    return cells().filter(c -> !(c.startsWith("skip") && !c.equals("skip:1")));
  }

  /** A one-direction layer with its own parameters. */
  private record Layer(Recurrent recurrent, Parameters params) {}

  private static Layer layer(String cell, boolean reverse) {
    Recurrent r = new Recurrent(Cells.factory(cell, Activation.TANH).get(), LayerSpec.of(I, H),
        reverse ? Direction.REVERSE : Direction.FORWARD, "_l0");
    Parameters.Builder b = new Parameters.Builder();
    r.declare(b);
    Parameters p = b.build();
    r.bind(p);
    r.initParams(new Random(3)); // the same draws in every layer: equal weights
    return new Layer(r, p);
  }

  private static float[] random(Random rng, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) rng.nextGaussian();
    }
    return a;
  }

  /** (T, B, F) with the time axis reversed. */
  private static float[] flip(float[] a, int f) {
    float[] out = new float[a.length];
    int block = B * f;
    for (int t = 0; t < T; t++) {
      System.arraycopy(a, t * block, out, (T - 1 - t) * block, block);
    }
    return out;
  }

  private static float[][] initialStates(Random rng, int states) {
    float[][] init = new float[states][];
    for (int k = 0; k < states; k++) {
      init[k] = random(rng, B * H);
    }
    return init;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cellsCarryingOnlyTheirState")
  void oneCallOverTStepsEqualsTSingleStepsCarryingTheState(String cell) {
    Random rng = new Random(5);
    float[] x = random(rng, T * B * I);
    Recurrent whole = layer(cell, false).recurrent();
    int states = whole.cell().states();
    float[][] init = initialStates(rng, states);
    float[] out = new float[T * B * H];
    RecurrentContext wholeCtx = whole.newContext();
    whole.forward(wholeCtx, RecurrentCall.of(x, T, B, out, H).from(init));

    Recurrent stepwise = layer(cell, false).recurrent();
    RecurrentContext stepCtx = stepwise.newContext();
    float[] stepOut = new float[T * B * H];
    float[][] carry = init;
    for (int t = 0; t < T; t++) {
      float[] xt = Arrays.copyOfRange(x, t * B * I, (t + 1) * B * I);
      float[] yt = new float[B * H];
      stepwise.forward(stepCtx, RecurrentCall.of(xt, 1, B, yt, H).from(carry));
      System.arraycopy(yt, 0, stepOut, t * B * H, B * H);
      carry = new float[states][B * H];
      for (int k = 0; k < states; k++) {
        stepCtx.finalState(k, carry[k], 0);
      }
    }
    assertThat(stepOut).containsExactly(out);
    for (int k = 0; k < states; k++) {
      float[] fin = new float[B * H];
      wholeCtx.finalState(k, fin, 0);
      assertThat(carry[k]).containsExactly(fin);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cells")
  void reverseLayerEqualsForwardLayerOnFlippedInput(String cell) {
    Random rng = new Random(6);
    float[] x = random(rng, T * B * I);
    float[] dOut = random(rng, T * B * H);
    Layer reverse = layer(cell, true);
    Layer forward = layer(cell, false);
    Recurrent rev = reverse.recurrent(), fwd = forward.recurrent();
    int states = rev.cell().states();
    float[][] init = initialStates(rng, states);
    float[][] dFinal = initialStates(rng, states);

    RecurrentContext revCtx = rev.newContext(), fwdCtx = fwd.newContext();
    float[] outRev = new float[T * B * H];
    rev.forward(revCtx, RecurrentCall.of(x, T, B, outRev, H).from(init));
    float[] outFwd = new float[T * B * H];
    fwd.forward(fwdCtx, RecurrentCall.of(flip(x, I), T, B, outFwd, H).from(init));
    assertThat(flip(outFwd, H)).containsExactly(outRev);

    float[] dxRev = new float[T * B * I];
    float[] dxFwd = new float[T * B * I];
    float[][] dInitRev = new float[states][B * H];
    float[][] dInitFwd = new float[states][B * H];
    rev.backward(revCtx, dOut, dFinal, dxRev, dInitRev);
    fwd.backward(fwdCtx, flip(dOut, H), dFinal, dxFwd, dInitFwd);
    assertThat(flip(dxFwd, I)).containsExactly(dxRev);
    for (int k = 0; k < states; k++) {
      assertThat(dInitFwd[k]).containsExactly(dInitRev[k]);
    }
    // Weight gradients sum over time in storage order, which differs between the two: equal up to rounding.
    assertThat(forward.params().grads()).containsExactly(reverse.params().grads(), within(1e-5f));
  }

  @Test
  void skipCellSeesZeroBeforeTheInitialStateAndTheInitialStateAsHMinusOne() {
    // With W_hh = 0 and d = 3: h_0, h_1 read zero through W_skip; h_2 reads the initial state.
    Random rng = new Random(8);
    float[] x = random(rng, T * B * I);
    float[][] initA = initialStates(rng, 1);
    float[][] initB = initialStates(rng, 1);
    float[] outA = new float[T * B * H];
    float[] outB = new float[T * B * H];
    Layer skip = layer("skip:3", false);
    Parameters.Param whh = skip.params().get("weight_hh_l0");
    Arrays.fill(skip.params().values(), whh.offset(), whh.offset() + whh.size(), 0f);
    RecurrentContext ctx = skip.recurrent().newContext();
    skip.recurrent().forward(ctx, RecurrentCall.of(x, T, B, outA, H).from(initA));
    skip.recurrent().forward(ctx, RecurrentCall.of(x, T, B, outB, H).from(initB));
    int bh = B * H;
    assertThat(Arrays.copyOfRange(outB, 0, 2 * bh)).containsExactly(Arrays.copyOfRange(outA, 0, 2 * bh));
    assertThat(Arrays.copyOfRange(outB, 2 * bh, 3 * bh)).isNotEqualTo(Arrays.copyOfRange(outA, 2 * bh, 3 * bh));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cells")
  void oneLayerServesInterleavedCallsEachWithItsOwnContext(String cell) {
    Random rng = new Random(7);
    float[] xa = random(rng, T * B * I), xb = random(rng, T * B * I), dOut = random(rng, T * B * H);
    int[] lengths = {T, T - 2};
    Layer alone = layer(cell, false), shared = layer(cell, false);
    float[] outAlone = new float[T * B * H], dxAlone = new float[T * B * I];
    RecurrentContext only = alone.recurrent().newContext();
    alone.recurrent().forward(only, RecurrentCall.of(xa, T, B, outAlone, H).withLengths(lengths));
    alone.recurrent().backward(only, dOut, null, dxAlone, null);

    Recurrent r = shared.recurrent();
    RecurrentContext a = r.newContext(), b = r.newContext();
    float[] outA = new float[T * B * H], outB = new float[T * B * H], dxA = new float[T * B * I];
    r.forward(a, RecurrentCall.of(xa, T, B, outA, H).withLengths(lengths));
    r.forward(b, RecurrentCall.of(xb, T, B, outB, H));
    r.backward(a, dOut, null, dxA, null);
    assertThat(outA).containsExactly(outAlone);
    assertThat(dxA).containsExactly(dxAlone);
    assertThat(shared.params().grads()).containsExactly(alone.params().grads());
    assertThat(outB).isNotEqualTo(outA);
  }
}
