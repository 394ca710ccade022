package org.rnn4j.layer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.rnn4j.cell.Cell;
import org.rnn4j.math.Rng;
import org.rnn4j.tensor.Parameters;

/**
 * L layers, as {@code torch.nn.RNN/LSTM/GRU}: layer l reads the output of layer l-1. Each layer
 * is one {@link Recurrent} or, when bidirectional, a {@link Bidirectional} pair whose output is
 * [forward; reverse] (T, B, 2H), or with {@link Fusion#SUM}/{@link Fusion#AVERAGE} their
 * sum/mean (T, B, H), or with {@link Fusion#TANH} tanh(W [forward; reverse] + b) (T, B, H); each direction has its own weights, named with {@code _l{l}} and
 * {@code _reverse}. In training mode, dropout
 * with probability p zeroes each output of every layer but the last and scales the rest by
 * 1/(1-p), as PyTorch does. Initial and final states are (L·D, B, H), layer-major then
 * direction, one array per carried state (h, and c for LSTM). The stack keeps its units'
 * contexts and its own buffers of the last forward call for backward: one call at a time.
 */
public final class RecurrentStack {
  private final int layers;
  private final int dirs;
  private final int hidden;
  private final int inputSize;
  private final int states;
  private final Fusion fusion;
  private final float dropout;
  private final List<Recurrent> units = new ArrayList<>(); // index l·D + d
  private final Bidirectional[] pairs; // [l] when bidirectional, else null
  private final Bidirectional.Context[] pairContexts; // [l] when bidirectional
  private final RecurrentContext[] contexts; // [l·D + d]: the workspaces of each unit's last call
  private final Rng dropoutRng;
  private boolean training;

  // Per layer, kept for backward and grown on demand: outputs (T, B, W), their gradients,
  // the dropout masks and dropped outputs (the next layer's input).
  private float[][] outs, dOuts, masks, dropped;
  private int steps, batch;

  /**
   * The stack {@code spec} describes, each unit with a cell of its own from {@code cells};
   * {@code seed} starts the dropout masks' generator.
   */
  public RecurrentStack(Supplier<Cell> cells, LayerSpec spec, long seed) {
    this.layers = spec.layers();
    this.dirs = spec.directions();
    this.hidden = spec.hidden();
    this.inputSize = spec.inputSize();
    this.fusion = spec.effectiveFusion();
    this.dropout = (float) spec.dropout();
    this.dropoutRng = new Rng(seed);
    int st = 0;
    for (int l = 0; l < layers; l++) {
      for (int d = 0; d < dirs; d++) {
        Cell cell = cells.get();
        st = cell.states();
        Direction dir = d == 1 ? Direction.REVERSE : Direction.FORWARD;
        units.add(new Recurrent(cell, spec.unit(l), dir, dir.suffix(l)));
      }
    }
    this.states = st;
    this.contexts = new RecurrentContext[units.size()];
    this.pairs = dirs == 2 ? new Bidirectional[layers] : null;
    this.pairContexts = dirs == 2 ? new Bidirectional.Context[layers] : null;
    for (int l = 0; l < layers; l++) {
      if (dirs == 1) {
        contexts[l] = units.get(l).newContext();
        continue;
      }
      pairs[l] = new Bidirectional(units.get(2 * l), units.get(2 * l + 1), fusion);
      pairContexts[l] = pairs[l].newContext();
      contexts[2 * l] = pairContexts[l].forward();
      contexts[2 * l + 1] = pairContexts[l].reverse();
    }
  }

  public int layers() { return layers; }
  public int directions() { return dirs; }
  public int hidden() { return hidden; }
  public int inputSize() { return inputSize; }
  /** Width of each layer's output: 2H for concatenated directions, else H. */
  public int outputSize() { return fusion == Fusion.CONCAT ? dirs * hidden : hidden; }
  /** Carried states per unit: 1 (h) or 2 (h, c). */
  public int states() { return states; }
  public List<Recurrent> units() { return units; }
  /** The context of unit u (index l·D + d) that this stack runs it with. */
  public RecurrentContext context(int u) { return contexts[u]; }
  /** The generator of the dropout masks (its state goes into checkpoints). */
  public Rng dropoutRng() { return dropoutRng; }

  /** Dropout is applied only in training mode. */
  public void setTraining(boolean on) {
    training = on;
  }

  /** Declares every unit's parameters, each bidirectional layer's pair followed by its fusion's (tanh only). */
  public void declare(Parameters.Builder b) {
    for (int l = 0; l < layers; l++) {
      for (int d = 0; d < dirs; d++) {
        units.get(l * dirs + d).declare(b);
      }
      if (pairs != null) {
        pairs[l].declare(b);
      }
    }
  }

  public void bind(Parameters p) {
    units.forEach(u -> u.bind(p));
    if (pairs != null) {
      for (Bidirectional pair : pairs) {
        pair.bind(p);
      }
    }
  }

  public void initParams(Random rng) {
    initParams(rng, Init.PYTORCH);
  }

  /** The units in order, then the fusions' weights (tanh only), so other models draw exactly as before. */
  public void initParams(Random rng, Init scheme) {
    units.forEach(u -> u.initParams(rng, scheme));
    if (pairs != null) {
      for (Bidirectional pair : pairs) {
        pair.initParams(rng);
      }
    }
  }

  private boolean dropsAfter(int l) {
    return training && dropout > 0 && l < layers - 1;
  }

  /** Forward with every row T steps long. */
  public float[] forward(float[] x, int t, int b, float[][] initial) {
    return forward(x, t, b, initial, null);
  }

  /**
   * Forward over x (T, B, I). {@code initial[k]} is the k-th state (L·D, B, H) or null for zero;
   * {@code lengths} (B) the rows' own lengths or null (see {@link RecurrentCall}).
   * Returns the top layer's output (T, B, W) (an internal buffer: valid until the next call).
   */
  public float[] forward(float[] x, int t, int b, float[][] initial, int[] lengths) {
    ensureBuffers(t, b);
    int bh = b * hidden, n = t * b * outputSize();
    float[] in = x;
    for (int l = 0; l < layers; l++) {
      float[] out = outs[l];
      if (dirs == 1) {
        units.get(l).forward(contexts[l], new RecurrentCall(in, t, b, out, hidden, 0, slice(initial, l, bh), lengths, null));
      } else {
        pairs[l].forward(pairContexts[l], in, t, b, out, slice(initial, 2 * l, bh), slice(initial, 2 * l + 1, bh), lengths);
      }
      in = out;
      if (dropsAfter(l)) {
        float keep = 1f / (1f - dropout);
        float[] m = masks[l], dr = dropped[l];
        for (int i = 0; i < n; i++) {
          m[i] = dropoutRng.nextFloat() < dropout ? 0f : keep;
          dr[i] = out[i] * m[i];
        }
        in = dr;
      }
    }
    return outs[layers - 1];
  }

  /** The top layer's output of the last forward call, (T, B, W) (an internal buffer). */
  public float[] forwardOutput() {
    return outs[layers - 1];
  }

  /**
   * The many-to-one readout of a bidirectional stack's last forward call (see {@link
   * Bidirectional#readFinal}): the top pair's directions fused after each row's whole sequence,
   * (B, W), a new array.
   */
  public float[] readFinal() {
    requireBidirectional("readFinal");
    float[] out = new float[batch * outputSize()];
    pairs[layers - 1].readFinal(pairContexts[layers - 1], out);
    return out;
  }

  /**
   * Backward of {@link #readFinal} from δy (B, W): accumulates the top fusion's parameter
   * gradients and returns δ(final states) [k] (L·D, B, H) for {@link #backward}, nonzero only in
   * the top pair's h rows.
   */
  public float[][] readFinalBackward(float[] dRead) {
    requireBidirectional("readFinalBackward");
    int bh = batch * hidden, top = 2 * (layers - 1);
    float[][] dFinal = new float[states][units.size() * bh];
    float[] dForward = new float[bh], dReverse = new float[bh];
    pairs[layers - 1].readFinalBackward(pairContexts[layers - 1], dRead, dForward, dReverse);
    System.arraycopy(dForward, 0, dFinal[0], top * bh, bh);
    System.arraycopy(dReverse, 0, dFinal[0], (top + 1) * bh, bh);
    return dFinal;
  }

  private void requireBidirectional(String what) {
    if (pairs == null) {
      throw new IllegalStateException(what + ": expected a bidirectional stack, found one direction");
    }
  }

  /** The dropout mask drawn after layer l in the last training forward (for tests). */
  float[] dropoutMask(int l) {
    return Arrays.copyOf(masks[l], steps * batch * outputSize());
  }

  /** Final state k after forward, (L·D, B, H). */
  public float[] finalState(int k) {
    int bh = batch * hidden;
    float[] out = new float[units.size() * bh];
    for (int u = 0; u < units.size(); u++) {
      contexts[u].finalState(k, out, u * bh);
    }
    return out;
  }

  /**
   * Backward from dL/d(output) (T, B, W) and optional dL/d(final state k) (L·D, B, H).
   * Accumulates parameter gradients; adds dL/dx into {@code dx} (T, B, I) and dL/d(initial
   * state k) into {@code dInitial[k]} (L·D, B, H) when those are not null.
   */
  public void backward(float[] dOut, float[][] dFinal, float[] dx, float[][] dInitial) {
    int t = steps, b = batch, bh = b * hidden, n = t * b * outputSize();
    float[] dTop = dOut;
    for (int l = layers - 1; l >= 0; l--) {
      float[] dIn = l == 0 ? dx : dOuts[l - 1];
      if (l > 0) {
        Arrays.fill(dIn, 0, n, 0f);
      }
      // Each unit's δ(initial states) goes to a zeroed (B, H) block, then into its rows of dInitial.
      float[][][] dInit = dInitial == null ? null : new float[dirs][states][bh];
      if (dirs == 1) {
        units.get(l).backward(contexts[l], dTop, slice(dFinal, l, bh), dIn, dInit == null ? null : dInit[0]);
      } else {
        pairs[l].backward(pairContexts[l], dTop, slice(dFinal, 2 * l, bh), slice(dFinal, 2 * l + 1, bh), dIn,
            dInit == null ? null : dInit[0], dInit == null ? null : dInit[1]);
      }
      for (int d = 0; dInit != null && d < dirs; d++) {
        for (int k = 0; k < states; k++) {
          for (int i = 0; i < bh; i++) {
            dInitial[k][(l * dirs + d) * bh + i] += dInit[d][k][i];
          }
        }
      }
      if (l > 0 && dropsAfter(l - 1)) {
        float[] m = masks[l - 1];
        for (int i = 0; i < n; i++) {
          dIn[i] *= m[i];
        }
      }
      dTop = dIn;
    }
  }

  private void ensureBuffers(int t, int b) {
    steps = t;
    batch = b;
    int n = t * b * outputSize();
    if (outs != null && outs[0].length >= n) {
      return;
    }
    outs = new float[layers][n];
    dOuts = new float[layers][n];
    masks = dropout > 0 ? new float[layers][n] : null;
    dropped = dropout > 0 ? new float[layers][n] : null;
  }

  /** The (B, H) block of unit u from each (L·D, B, H) state array, or null. */
  private static float[][] slice(float[][] all, int u, int bh) {
    if (all == null) {
      return null;
    }
    float[][] out = new float[all.length][];
    for (int k = 0; k < all.length; k++) {
      if (all[k] != null) {
        out[k] = Arrays.copyOfRange(all[k], u * bh, (u + 1) * bh);
      }
    }
    return out;
  }
}
