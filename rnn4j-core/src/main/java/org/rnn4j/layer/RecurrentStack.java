package org.rnn4j.layer;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.rnn4j.cell.Cell;
import org.rnn4j.tensor.Parameters;

/**
 * L layers of one or two directions, as {@code torch.nn.RNN/LSTM/GRU}: layer l reads the
 * concatenated outputs (T, B, D·H) of layer l-1; each direction has its own weights, named with
 * {@code _l{l}} and {@code _reverse}. Initial and final states are (L·D, B, H), layer-major then
 * direction, one array per carried state (h, and c for LSTM).
 */
public final class RecurrentStack {
  private final int layers;
  private final int dirs;
  private final int hidden;
  private final int inputSize;
  private final int states;
  private final List<Recurrent> units = new ArrayList<>(); // index l·D + d

  // Outputs of each layer (T, B, D·H) kept for backward; grown on demand.
  private float[][] outs;
  private float[][] dOuts;
  private int steps, batch;

  public RecurrentStack(Supplier<Cell> cells, int inputSize, int hidden, int layers,
      boolean bidirectional, boolean bias, boolean learnedInit) {
    if (inputSize <= 0 || hidden <= 0 || layers <= 0) {
      throw new IllegalArgumentException("recurrent stack: expected positive input_size, hidden_size and num_layers, found "
          + inputSize + ", " + hidden + ", " + layers);
    }
    this.layers = layers;
    this.dirs = bidirectional ? 2 : 1;
    this.hidden = hidden;
    this.inputSize = inputSize;
    int st = 0;
    for (int l = 0; l < layers; l++) {
      for (int d = 0; d < dirs; d++) {
        Cell cell = cells.get();
        st = cell.states();
        int in = l == 0 ? inputSize : dirs * hidden;
        units.add(new Recurrent(cell, in, hidden, bias, d == 1, learnedInit, "_l" + l + (d == 1 ? "_reverse" : "")));
      }
    }
    this.states = st;
  }

  public int layers() { return layers; }
  public int directions() { return dirs; }
  public int hidden() { return hidden; }
  public int inputSize() { return inputSize; }
  public int outputSize() { return dirs * hidden; }
  /** Carried states per unit: 1 (h) or 2 (h, c). */
  public int states() { return states; }
  public List<Recurrent> units() { return units; }

  public void declare(Parameters.Builder b) {
    units.forEach(u -> u.declare(b));
  }

  public void bind(Parameters p) {
    units.forEach(u -> u.bind(p));
  }

  public void initParams(Random rng) {
    units.forEach(u -> u.initParams(rng));
  }

  /**
   * Forward over x (T, B, I). {@code initial[k]} is the k-th state (L·D, B, H) or null for zero.
   * Returns the top layer's output (T, B, D·H) (an internal buffer: valid until the next call).
   */
  public float[] forward(float[] x, int t, int b, float[][] initial) {
    ensureBuffers(t, b);
    int bh = b * hidden;
    float[] in = x;
    for (int l = 0; l < layers; l++) {
      for (int d = 0; d < dirs; d++) {
        int u = l * dirs + d;
        units.get(u).forward(in, t, b, outs[l], dirs * hidden, d * hidden, slice(initial, u, bh));
      }
      in = outs[l];
    }
    return outs[layers - 1];
  }

  /** The top layer's output of the last forward call, (T, B, D·H) (an internal buffer). */
  public float[] forwardOutput() {
    return outs[layers - 1];
  }

  /** Final state k after forward, (L·D, B, H). */
  public float[] finalState(int k) {
    int bh = batch * hidden;
    float[] out = new float[units.size() * bh];
    for (int u = 0; u < units.size(); u++) {
      units.get(u).finalState(k, out, u * bh);
    }
    return out;
  }

  /**
   * Backward from dL/d(output) (T, B, D·H) and optional dL/d(final state k) (L·D, B, H).
   * Accumulates parameter gradients; adds dL/dx into {@code dx} (T, B, I) and dL/d(initial
   * state k) into {@code dInitial[k]} (L·D, B, H) when those are not null.
   */
  public void backward(float[] dOut, float[][] dFinal, float[] dx, float[][] dInitial) {
    int t = steps, b = batch, bh = b * hidden;
    float[] dTop = dOut;
    for (int l = layers - 1; l >= 0; l--) {
      float[] dIn = l == 0 ? dx : dOuts[l - 1];
      if (l > 0) {
        java.util.Arrays.fill(dIn, 0, t * b * dirs * hidden, 0f);
      }
      for (int d = 0; d < dirs; d++) {
        int u = l * dirs + d;
        float[][] dInit = dInitial == null ? null : new float[states][];
        if (dInit != null) {
          for (int k = 0; k < states; k++) {
            dInit[k] = new float[bh];
          }
        }
        units.get(u).backward(dTop, dirs * hidden, d * hidden, slice(dFinal, u, bh), dIn, dInit);
        if (dInit != null) {
          for (int k = 0; k < states; k++) {
            for (int i = 0; i < bh; i++) {
              dInitial[k][u * bh + i] += dInit[k][i];
            }
          }
        }
      }
      dTop = dIn;
    }
  }

  private void ensureBuffers(int t, int b) {
    if (outs == null || outs[0].length < t * b * dirs * hidden) {
      outs = new float[layers][t * b * dirs * hidden];
      dOuts = new float[layers][t * b * dirs * hidden];
    }
    steps = t;
    batch = b;
  }

  /** The (B, H) block of unit u from each (L·D, B, H) state array, or null. */
  private float[][] slice(float[][] all, int u, int bh) {
    if (all == null) {
      return null;
    }
    float[][] out = new float[all.length][];
    for (int k = 0; k < all.length; k++) {
      if (all[k] != null) {
        out[k] = java.util.Arrays.copyOfRange(all[k], u * bh, (u + 1) * bh);
      }
    }
    return out;
  }
}
