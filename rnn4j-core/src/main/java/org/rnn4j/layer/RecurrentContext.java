package org.rnn4j.layer;

import java.util.Arrays;
import org.rnn4j.cell.Cell;
import org.rnn4j.cell.Step;
import org.rnn4j.math.PackedB;

/**
 * The workspaces of one {@link Recurrent} layer's calls: what a forward call saves for its
 * backward (the call itself, every step's states, the cell's caches, the projections) and the
 * buffers backward writes. The layer holds only its parameters and configuration, so one layer
 * serves any number of contexts (the seq2seq decoder runs one layer with a context per step);
 * each context holds the last forward call run with it.
 *
 * <p>Made by {@link Recurrent#newContext} (or {@link Recurrent#newInferenceContext}, without
 * backward's buffers) and used only with that layer. Buffers are sized at the first call and
 * reallocated only when T grows or B changes, so calls of one shape allocate nothing. A context
 * is used by one call at a time.
 *
 * <p>Letters: T steps, B batch, H hidden, G = gates·H.
 */
public final class RecurrentContext {
  final Recurrent layer;
  /** The last forward call: its input, output layout and lengths are what backward reads. */
  RecurrentCall call;
  int steps, batch, capacity;
  /** Per carried state: whether the last forward started from the learned initial state. */
  final boolean[] usedLearnedInit;
  /** Whether the last forward started from h_{-1} = 0: its products with h_{-1} are skipped. */
  boolean zeroStart;
  float[] xp, hp, dxp, dhp, cache;
  /** Forward calls only: no buffers for backward (see {@link Recurrent#newInferenceContext}). */
  final boolean inferenceOnly;
  /**
   * Token inputs: the lookup table W_ih^T + b_ih (I, G) of the current weights, and its gradient
   * (allocated on first use); {@code lookup} is the table the last forward read, this one or a
   * packed one ({@link Recurrent.PackedWeights#table}).
   */
  private float[] table, tableGrad;
  float[] lookup;
  /** W_hh^T as forward packs it and W_hh as backward does, the buffers kept from call to call. */
  PackedB forwardPack, backwardPack;
  /** Σ of the shared δxp = δhp rows: the gradient of both biases. */
  float[] biasGrad;
  float[] dhOlder; // (T+1, B, H) when the cell reads earlier states itself, else null
  final float[][] states; // per carried state: (T+1, B, H) in processing order
  final float[][] dstate; // per carried state: (B, H)
  /** The last call's lengths, and what backward keeps for padded rows. */
  final Padding padding = new Padding();
  private Step[] stepsByStrip = new Step[0];
  double[] stateGradNorms; // ‖δh_t‖ per time step of the last backward, when recording

  RecurrentContext(Recurrent layer, boolean inferenceOnly) {
    this.layer = layer;
    this.inferenceOnly = inferenceOnly;
    int n = layer.cell().states();
    this.usedLearnedInit = new boolean[n];
    this.states = new float[n][];
    this.dstate = new float[n][];
  }

  float[] table() {
    return table != null ? table : (table = new float[layer.projectionTableSize()]);
  }

  float[] tableGrad() {
    return tableGrad != null ? tableGrad : (tableGrad = new float[layer.projectionTableSize()]);
  }

  /** Checks that this context is used with the layer that made it and, for backward, has a forward call. */
  void require(Recurrent caller, boolean forwardRun) {
    if (caller != layer) {
      throw new IllegalArgumentException("recurrent layer" + caller.suffix() + ": expected a context made by this"
          + " layer (newContext), found one of layer" + layer.suffix());
    }
    if (forwardRun && inferenceOnly) {
      throw new IllegalStateException("recurrent layer" + layer.suffix() + ": backward with a context made for inference"
          + " (newInferenceContext); use newContext");
    }
    if (forwardRun && call == null) {
      throw new IllegalStateException("recurrent layer" + layer.suffix() + ": backward before any forward with this context");
    }
  }

  /** Sizes the workspaces for T steps of B rows (kept when they are large enough). */
  void ensure(int t, int b) {
    steps = t;
    if (xp != null && t <= capacity && b == batch) {
      return;
    }
    Cell cell = layer.cell();
    int hidden = layer.hidden();
    capacity = t;
    batch = b;
    int g = cell.gates() * hidden;
    xp = new float[(layer.projectsPerStep() ? 1 : t) * b * g];
    hp = new float[b * g];
    cache = new float[t * b * Math.max(1, cell.cacheWidth(hidden))];
    for (int k = 0; k < states.length; k++) {
      states[k] = new float[(t + 1) * b * hidden];
    }
    if (inferenceOnly) {
      return;
    }
    dxp = new float[t * b * g];
    // Forward in time, δhp_t and δxp_t are the same rows of the same values: one buffer serves both.
    dhp = !layer.reverse() && cell.sameProjectionGradients() ? dxp : new float[t * b * g];
    biasGrad = new float[g];
    for (int k = 0; k < states.length; k++) {
      dstate[k] = new float[b * hidden];
    }
    dhOlder = cell.usesOlderStates() ? new float[(t + 1) * b * hidden] : null;
  }

  /** Step k (one per row strip, reused across calls) pointed at the current workspaces. */
  Step step(int k, int b, float[] params, float[] grads) {
    if (stepsByStrip.length <= k) {
      stepsByStrip = Arrays.copyOf(stepsByStrip, k + 1);
    }
    if (stepsByStrip[k] == null) {
      stepsByStrip[k] = new Step();
    }
    Step s = stepsByStrip[k];
    s.batch = b;
    s.hidden = layer.hidden();
    s.xp = xp;
    s.hp = hp;
    s.hpOff = 0;
    s.h = states[0];
    s.c = states.length > 1 ? states[1] : null;
    s.cache = cache;
    s.params = params;
    s.grads = grads;
    s.dh = dstate[0];
    s.dOff = 0;
    s.dhOlder = dhOlder;
    s.dc = dstate.length > 1 ? dstate[1] : null;
    s.dxp = dxp;
    s.dhp = dhp;
    return s;
  }

  /** The layer this context belongs to. */
  public Recurrent layer() { return layer; }

  /** T and B of the last forward call (0 before the first). */
  public int steps() { return steps; }
  public int batch() { return batch; }

  /** The final value of carried state k, (B, H), into dst from dstOff; valid after forward. */
  public void finalState(int k, float[] dst, int dstOff) {
    int bh = batch * layer.hidden();
    System.arraycopy(states[k], steps * bh, dst, dstOff, bh);
  }

  /**
   * Turns on recording of ‖∂L/∂h_t‖ (the full gradient reaching each step's hidden state, all
   * paths summed, per time position) in every backward call with this context: the
   * vanishing/exploding-gradient picture. Off by default (it costs one pass over δh per step,
   * and the time loop then runs the whole batch on one thread).
   */
  public void recordStateGradients(boolean on) {
    stateGradNorms = on ? new double[0] : null;
  }

  /** ‖∂L/∂h_t‖ for t = 0 … T-1 (time order) from the last backward, or null when not recording. */
  public double[] stateGradientNorms() {
    return stateGradNorms == null ? null : stateGradNorms.clone();
  }
}
