package org.rnn4j.layer;

import java.util.Arrays;
import java.util.Random;
import org.rnn4j.cell.Cell;
import org.rnn4j.cell.Step;
import org.rnn4j.math.Gemm;
import org.rnn4j.math.Kernels;
import org.rnn4j.math.PackedB;
import org.rnn4j.math.Pointwise;
import org.rnn4j.tensor.Parameters;
import org.rnn4j.tensor.Parameters.Param;

/**
 * Runs one cell over a sequence in one direction: the only time loop of the library.
 *
 * <pre>
 *   xp = X W_ih^T + b_ih                 one GEMM over all T steps        (T·B, G)
 *                                        (token inputs: rows of W_ih^T + b_ih, gathered per step)
 *   for each step: hp = h_{t-1} W_hh^T + b_hh; state_t = cell(xp_t, hp, state_{t-1})
 * </pre>
 *
 * Backward runs the steps in reverse: δh_t = δy_t + (direct part from the cell) + δhp_{t+1} W_hh
 * (+ what later steps sent back to h_t, for cells that read earlier states themselves),
 * then the weight gradients are summed over all steps with one GEMM each:
 * {@code δW_ih = Σ_t δxp_t^T x_t}, {@code δW_hh = Σ_t δhp_t^T h_{t-1}}, {@code δx = δxp W_ih}.
 *
 * <p>A reverse layer processes t = T-1 … 0; states and caches are kept in processing order.
 * The layer keeps the workspaces of its last forward call for backward, so one instance serves
 * one sequence at a time.
 */
public final class Recurrent {
  /** Fewest batch rows worth a thread of their own in the time loop. */
  private static final int MIN_STRIP_ROWS = 4;

  private final Cell cell;
  private final int inputSize;
  private final int hidden;
  private final boolean bias;
  private final boolean reverse;
  private final boolean learnedInit;
  private final String suffix;
  private final InputProjection projection;

  private Param wIh, wHh, bIh, bHh;
  private final Param[] init;
  private Parameters params;

  // Workspaces, reallocated only when (T, B) grows.
  private int steps, batch, capacity;
  private final boolean[] usedLearnedInit;
  /** Whether the last forward started from h_{-1} = 0: its products with h_{-1} are skipped. */
  private boolean zeroStart;
  private float[] x; // the input of the last forward, (T, B, I), not copied
  private int[] lengths; // per batch row, or null when every row runs all T steps
  private float[][] frozen; // per carried state: padded rows' gradients, passed through unchanged
  private float[] xp, hp, dxp, dhp, cache;
  /** W_hh^T as forward packs it and W_hh as backward does, the buffers kept from call to call. */
  private PackedB forwardPack, backwardPack;
  /** Σ of the shared δxp = δhp rows: the gradient of both biases. */
  private float[] biasGrad;
  private float[] dhOlder; // (T+1, B, H) when the cell reads earlier states itself, else null
  private final float[][] states; // per carried state: (T+1, B, H) in processing order
  private final float[][] dstate; // per carried state: (B, H)
  private Step[] stepsByStrip = new Step[0];
  private double[] stateGradNorms; // ‖δh_t‖ per time step of the last backward, when recording

  /**
   * One direction of one layer as {@code spec} describes it (one layer, one direction: see
   * {@link LayerSpec#unit}); its parameters are named with {@code suffix} ({@code _l0}, ...).
   */
  public Recurrent(Cell cell, LayerSpec spec, Direction direction, String suffix) {
    if (spec.layers() != 1 || spec.bidirectional()) {
      throw new IllegalArgumentException("recurrent layer: expected a spec of one layer and one direction, found "
          + spec.layers() + " layers, " + spec.directions() + " directions (see LayerSpec.unit)");
    }
    int inputSize = spec.inputSize(), hidden = spec.hidden();
    this.projection = spec.tokenInput() ? InputProjection.lookup(inputSize, cell.gates() * hidden)
        : InputProjection.dense(inputSize, cell.gates() * hidden);
    this.cell = cell;
    this.inputSize = inputSize;
    this.hidden = hidden;
    this.bias = spec.bias();
    this.reverse = direction == Direction.REVERSE;
    this.learnedInit = spec.learnedInit();
    this.suffix = suffix;
    this.init = new Param[cell.states()];
    this.states = new float[cell.states()][];
    this.dstate = new float[cell.states()][];
    this.usedLearnedInit = new boolean[cell.states()];
  }

  public Cell cell() { return cell; }
  public int hidden() { return hidden; }
  public int inputSize() { return inputSize; }
  public boolean reverse() { return reverse; }

  /** Declares weight_ih, weight_hh, bias_ih, bias_hh (PyTorch names) and any cell or init params. */
  public void declare(Parameters.Builder b) {
    int g = cell.gates() * hidden;
    wIh = b.add("weight_ih" + suffix, g, inputSize);
    wHh = b.add("weight_hh" + suffix, g, hidden);
    if (bias) {
      bIh = b.add("bias_ih" + suffix, g);
      bHh = b.add("bias_hh" + suffix, g);
    }
    cell.declareParams(b, hidden, suffix);
    if (learnedInit) {
      String[] names = {"h0", "c0"};
      for (int k = 0; k < init.length; k++) {
        init[k] = b.add(names[k] + suffix, hidden);
      }
    }
  }

  public void bind(Parameters p) {
    this.params = p;
    wIh = p.get("weight_ih" + suffix);
    wHh = p.get("weight_hh" + suffix);
    if (bias) {
      bIh = p.get("bias_ih" + suffix);
      bHh = p.get("bias_hh" + suffix);
    }
    cell.bind(p, suffix);
  }

  /** PyTorch's default: every weight and bias uniform in ±1/√H; learned initial states zero. */
  public void initParams(Random rng) {
    initParams(rng, Init.PYTORCH);
  }

  /** Initialises the weights with the given scheme (see {@link Init}), then the cell's own. */
  public void initParams(Random rng, Init scheme) {
    float[] v = params.values();
    int g = cell.gates() * hidden;
    if (scheme == Init.PYTORCH) {
      Param[] all = bias ? new Param[] {wIh, wHh, bIh, bHh} : new Param[] {wIh, wHh};
      params.uniform((float) (1.0 / Math.sqrt(hidden)), rng, all);
    } else {
      Init.glorotUniform(v, wIh.offset(), g, inputSize, rng);
      if (scheme == Init.XAVIER) {
        Init.glorotUniform(v, wHh.offset(), g, hidden, rng);
      } else {
        for (int block = 0; block < cell.gates(); block++) {
          Init.orthogonal(v, wHh.offset() + block * hidden * hidden, hidden, rng);
        }
      }
      if (bias) {
        Arrays.fill(v, bIh.offset(), bIh.offset() + g, 0f);
        Arrays.fill(v, bHh.offset(), bHh.offset() + g, 0f);
      }
    }
    cell.initParams(params, rng);
  }

  private void ensureWorkspace(int t, int b) {
    steps = t;
    if (xp != null && t <= capacity && b == batch) {
      return;
    }
    capacity = t;
    batch = b;
    int g = cell.gates() * hidden;
    xp = new float[(projection.perStep() ? 1 : t) * b * g];
    dxp = new float[t * b * g];
    // Forward in time, δhp_t and δxp_t are the same rows of the same values: one buffer serves both.
    dhp = !reverse && cell.sameProjectionGradients() ? dxp : new float[t * b * g];
    biasGrad = new float[g];
    hp = new float[b * g];
    cache = new float[t * b * Math.max(1, cell.cacheWidth(hidden))];
    for (int k = 0; k < states.length; k++) {
      states[k] = new float[(t + 1) * b * hidden];
      dstate[k] = new float[b * hidden];
    }
    dhOlder = cell.usesOlderStates() ? new float[(t + 1) * b * hidden] : null;
  }

  /** {@link #forward(float[], int, int, float[], int, int, float[][], int[])} with every row T steps long. */
  public void forward(float[] x, int t, int b, float[] out, int outStride, int outCol, float[][] initial) {
    forward(x, t, b, out, outStride, outCol, initial, null);
  }

  /**
   * Runs the sequence. {@code x} is (T, B, I); the outputs h_t go to {@code out} rows of stride
   * {@code outStride} starting at column {@code outCol} (so two directions can share one
   * (T, B, 2H) array). {@code initial[k]} is the k-th initial state (B, H), or null for zero
   * (or the learned state when this layer learns it).
   *
   * <p>{@code lengths[r]} (or null for all T) is row r's own length: at steps t ≥ lengths[r]
   * the row's state is carried unchanged and its output is 0, so padding changes nothing, the
   * final state is the one at the row's last step, and a reverse layer starts at that step.
   */
  public void forward(float[] x, int t, int b, float[] out, int outStride, int outCol, float[][] initial,
      int[] lengths) {
    forward(x, t, b, out, outStride, outCol, initial, lengths, null);
  }

  /**
   * W_ih^T and W_hh^T laid out for the matrix products (W_ih^T only for dense inputs), a
   * snapshot of the current weights: streaming callers pack once and pass it to every one-step
   * {@link #forward} instead of re-packing at every step.
   */
  public PackedWeights packWeights() {
    int g = cell.gates() * hidden;
    return new PackedWeights(projection.pack(params.values(), wIh.offset()),
        Kernels.gemm().pack(true, g, hidden, params.values(), wHh.offset(), hidden));
  }

  /** Packed W_ih^T (null for token inputs) and W_hh^T; see {@link #packWeights}. */
  public record PackedWeights(PackedB input, PackedB recurrent) {}

  /** As above, with the weights already packed by {@link #packWeights} (null: pack W_hh^T now). */
  public void forward(float[] x, int t, int b, float[] out, int outStride, int outCol, float[][] initial,
      int[] lengths, PackedWeights packed) {
    ensureWorkspace(t, b);
    this.x = x;
    this.lengths = lengths;
    int g = cell.gates() * hidden;
    int bh = b * hidden;
    float[] v = params.values();
    Gemm gemm = Kernels.gemm();
    int biasOff = bias ? bIh.offset() : -1;
    if (packed != null && packed.input() != null) {
      // (T·B, I) x (I, G) -> (T·B, G)
      gemm.gemm(false, t * b, 1f, x, 0, inputSize, packed.input(), 0f, xp, 0, g);
      if (bias) {
        Rows.addVector(xp, 0, t * b, g, v, biasOff);
      }
    } else if (projection.perStep()) { // rows gathered step by step (forwardRows)
      projection.prepare(v, wIh.offset(), biasOff);
    } else {
      projection.forward(x, t * b, v, wIh.offset(), biasOff, xp);
    }
    for (int k = 0; k < states.length; k++) {
      float[] s0 = states[k];
      usedLearnedInit[k] = false;
      if (initial != null && initial[k] != null) {
        System.arraycopy(initial[k], 0, s0, 0, bh);
      } else if (learnedInit) {
        usedLearnedInit[k] = true;
        for (int r = 0; r < b; r++) {
          System.arraycopy(v, init[k].offset(), s0, r * hidden, hidden);
        }
      } else {
        Arrays.fill(s0, 0, bh, 0f);
      }
    }
    // W_hh^T is packed once for all T steps, not once per step.
    PackedB whh = packed != null ? packed.recurrent()
        : (forwardPack = gemm.pack(true, g, hidden, v, wHh.offset(), hidden, forwardPack));
    zeroStart = (initial == null || initial[0] == null) && !learnedInit;
    int parts = rowStrips(b);
    if (parts == 1) { // no task objects: streaming callers run this once per step
      forwardRows(bindStep(0, b), 0, b, whh, out, outStride, outCol);
      return;
    }
    runStrips(parts, b, (s, r0, r1) -> forwardRows(s, r0, r1, whh, out, outStride, outCol));
  }

  /** One time loop over batch rows [r0, r1) with its own step buffers. */
  private interface StripLoop {
    void run(Step s, int r0, int r1);
  }

  /** Runs the loop on each of {@code parts} row strips of the batch, concurrently. */
  private void runStrips(int parts, int b, StripLoop loop) {
    Runnable[] strips = new Runnable[parts];
    for (int k = 0; k < parts; k++) {
      Step s = bindStep(k, b);
      int r0 = stripStart(k, parts, b), r1 = stripStart(k + 1, parts, b);
      strips[k] = () -> loop.run(s, r0, r1);
    }
    Kernels.runConcurrently(strips);
  }

  /**
   * The time loop of forward for batch rows [r0, r1): rows never interact, so row strips can
   * run on different threads (see {@link #rowStrips}).
   */
  private void forwardRows(Step s, int r0, int r1, PackedB whh, float[] out, int outStride, int outCol) {
    int t = steps, b = batch, g = cell.gates() * hidden, bh = b * hidden;
    int cw = cell.cacheWidth(hidden);
    float[] v = params.values();
    Gemm gemm = Kernels.gemm();
    s.batch = r1 - r0;
    s.hpOff = r0 * g;
    for (int i = 0; i < t; i++) {
      int time = reverse ? t - 1 - i : i;
      if (i > 0 || !zeroStart) { // (B, H) x (H, G) -> (B, G)
        gemm.gemm(false, r1 - r0, 1f, states[0], i * bh + r0 * hidden, hidden, whh, 0f, hp, s.hpOff, g);
      } else { // h_{-1} = 0: so is the product (+0, as the kernels' sums from +0 give)
        Arrays.fill(hp, s.hpOff, s.hpOff + (r1 - r0) * g, 0f);
      }
      if (bias) {
        Rows.addVector(hp, s.hpOff, r1 - r0, g, v, bHh.offset());
      }
      if (projection.perStep()) { // xp holds one step: this strip's rows of it
        s.xpOff = r0 * g;
        projection.gather(x, time * b + r0, r1 - r0, xp, s.xpOff);
      } else {
        s.xpOff = (time * b + r0) * g;
      }
      s.hPrev = i * bh + r0 * hidden;
      s.hNext = (i + 1) * bh + r0 * hidden;
      s.cPrev = s.hPrev;
      s.cNext = s.hNext;
      s.cacheOff = (i * b + r0) * cw;
      cell.forward(s);
      for (int r = r0; r < r1; r++) {
        int o = (time * b + r) * outStride + outCol;
        int prev = i * bh + r * hidden, next = prev + bh;
        if (lengths != null && time >= lengths[r]) { // padding: carry the state, output 0
          for (float[] st : states) {
            System.arraycopy(st, prev, st, next, hidden);
          }
          Arrays.fill(out, o, o + hidden, 0f);
        } else {
          System.arraycopy(states[0], next, out, o, hidden);
        }
      }
    }
  }

  /**
   * How many row strips the time loops run concurrently: one per thread when the cell's rows
   * are independent and each strip gets at least {@link #MIN_STRIP_ROWS} rows, else 1. Each
   * row's arithmetic is the same either way (the GEMM's per-element order does not depend on
   * the row count), so results do not depend on the thread count.
   */
  private int rowStrips(int b) {
    if (!cell.rowsIndependent()) {
      return 1;
    }
    return Math.max(1, Math.min(Kernels.concurrency(), b / MIN_STRIP_ROWS));
  }

  /** First row of strip k of parts (k = parts gives b): equal shares in multiples of 4 rows. */
  private static int stripStart(int k, int parts, int b) {
    return k == parts ? b : (b * k / parts) / 4 * 4;
  }

  /** Writes the learned initial state k into each (B, H) row of dst, when this layer learns one. */
  public void initialState(int k, float[] dst) {
    if (!learnedInit) {
      return;
    }
    for (int r = 0; r < dst.length / hidden; r++) {
      System.arraycopy(params.values(), init[k].offset(), dst, r * hidden, hidden);
    }
  }

  /**
   * Turns on recording of ‖∂L/∂h_t‖ (the full gradient reaching each step's hidden state, all
   * paths summed, per time position) in every backward call: the vanishing/exploding-gradient
   * picture. Off by default (it costs one pass over δh per step).
   */
  public void recordStateGradients(boolean on) {
    stateGradNorms = on ? new double[0] : null;
  }

  /** ‖∂L/∂h_t‖ for t = 0 … T-1 (time order) from the last backward, or null when not recording. */
  public double[] stateGradientNorms() {
    return stateGradNorms == null ? null : stateGradNorms.clone();
  }

  /** The final value of carried state k, (B, H), valid after forward. */
  public void finalState(int k, float[] dst, int dstOff) {
    System.arraycopy(states[k], steps * batch * hidden, dst, dstOff, batch * hidden);
  }

  /**
   * Backpropagates through the last forward call. {@code dOut} holds dL/dh_t laid out like the
   * forward's {@code out}; {@code dFinal[k]} is dL/d(final state k) or null. Accumulates (+=)
   * into the parameter gradients, into {@code dx} (T, B, I) when not null, and into
   * {@code dInitial[k]} (B, H) when not null.
   */
  public void backward(float[] dOut, int outStride, int outCol, float[][] dFinal, float[] dx, float[][] dInitial) {
    int t = steps, b = batch;
    int g = cell.gates() * hidden;
    int bh = b * hidden;
    float[] v = params.values();
    float[] gr = params.grads();
    Gemm gemm = Kernels.gemm();
    for (int k = 0; k < dstate.length; k++) {
      if (dFinal != null && dFinal[k] != null) {
        System.arraycopy(dFinal[k], 0, dstate[k], 0, bh);
      } else {
        Arrays.fill(dstate[k], 0f);
      }
    }
    if (dhOlder != null) {
      Arrays.fill(dhOlder, 0, (t + 1) * bh, 0f);
    }
    // W_hh (G, H), packed once for all steps
    PackedB whh = backwardPack = gemm.pack(false, hidden, g, v, wHh.offset(), hidden, backwardPack);
    // Row strips run concurrently unless the whole batch is needed at each step.
    int parts = dhOlder != null || stateGradNorms != null ? 1 : rowStrips(b);
    if (lengths != null && (frozen == null || frozen[0].length < bh)) {
      frozen = new float[dstate.length][bh];
    }
    // δh_{-1} is wanted only for an initial state's gradient: otherwise the last step skips its product
    boolean toInitial = dhOlder != null || usedLearnedInit[0] || dInitial != null && dInitial[0] != null;
    runStrips(parts, b, (s, r0, r1) -> backwardRows(s, r0, r1, whh, dOut, outStride, outCol, toInitial));
    if (dhOlder != null) { // and to the initial state
      addInto(dstate[0], dhOlder, 0, bh);
    }
    for (int k = 0; k < dstate.length; k++) {
      if (dInitial != null && dInitial[k] != null) {
        for (int i = 0; i < bh; i++) {
          dInitial[k][i] += dstate[k][i];
        }
      }
      if (usedLearnedInit[k]) {
        Rows.sumColumns(dstate[k], b, hidden, gr, init[k].offset());
      }
    }
    // δW_hh += δHP^T H_prev: (G, T·B) x (T·B, H); h_{t-1} rows are states[0][0 .. T·B·H), the
    // first B of them zero when the sequence started from zero (those terms are skipped)
    int from = zeroStart ? b : 0;
    gemm.gemm(true, false, g, hidden, t * b - from, 1f, dhp, from * g, g, states[0], from * hidden, hidden,
        1f, gr, wHh.offset(), hidden);
    projection.backward(x, dxp, t * b, v, wIh.offset(), gr, dx);
    if (bias && dhp == dxp) { // one sum for both biases (grads usually start at 0: same floats as two)
      Arrays.fill(biasGrad, 0f);
      Rows.sumColumns(dxp, t * b, g, biasGrad, 0);
      Pointwise add = Kernels.pointwise();
      add.addTo(biasGrad, 0, gr, bIh.offset(), g);
      add.addTo(biasGrad, 0, gr, bHh.offset(), g);
    } else if (bias) {
      Rows.sumColumns(dxp, t * b, g, gr, bIh.offset());
      Rows.sumColumns(dhp, t * b, g, gr, bHh.offset());
    }
  }

  /** The time loop of backward for batch rows [r0, r1) (see {@link #forwardRows}). */
  private void backwardRows(Step s, int r0, int r1, PackedB whh, float[] dOut, int outStride, int outCol,
      boolean toInitial) {
    int t = steps, b = batch, g = cell.gates() * hidden, bh = b * hidden;
    int cw = cell.cacheWidth(hidden);
    float[] dh = dstate[0];
    Gemm gemm = Kernels.gemm();
    s.batch = r1 - r0;
    s.dOff = r0 * hidden;
    for (int i = t - 1; i >= 0; i--) {
      int time = reverse ? t - 1 - i : i;
      for (int r = r0; r < r1; r++) {
        int o = (time * b + r) * outStride + outCol;
        if (lengths == null || time < lengths[r]) {
          Kernels.pointwise().addTo(dOut, o, dh, r * hidden, hidden);
        }
      }
      if (dhOlder != null) { // gradient sent back to this step's state by later steps (whole batch)
        addInto(dh, dhOlder, (i + 1) * bh, bh);
      }
      if (stateGradNorms != null) { // whole batch
        if (stateGradNorms.length != t) {
          stateGradNorms = new double[t];
        }
        double sq = 0;
        for (int j = 0; j < bh; j++) {
          sq += dh[j] * (double) dh[j];
        }
        stateGradNorms[time] = Math.sqrt(sq);
      }
      s.xpOff = (time * b + r0) * g;
      s.dxpOff = s.xpOff;
      s.dhpOff = (i * b + r0) * g;
      s.hPrev = i * bh + r0 * hidden;
      s.hNext = (i + 1) * bh + r0 * hidden;
      s.cPrev = s.hPrev;
      s.cNext = s.hNext;
      s.cacheOff = (i * b + r0) * cw;
      boolean padded = lengths != null && hasPadding(time, r0, r1);
      if (padded) {
        savePadded(r0, r1);
      }
      cell.backward(s);
      if (padded) {
        restorePadded(time, r0, r1, g, s);
      }
      if (i > 0 || toInitial) {
        // δh_{t-1} (+)= δhp_t W_hh: (B, G) x (G, H) -> (B, H); written over δh when the cell left
        // nothing there for h_{t-1} (restorePadded then cleared the live rows: padded ones keep theirs)
        float beta = cell.directStateGradient() || padded ? 1f : 0f;
        gemm.gemm(false, r1 - r0, 1f, dhp, s.dhpOff, g, whh, beta, dh, r0 * hidden, hidden);
      }
    }
  }

  private boolean hasPadding(int time, int r0, int r1) {
    for (int r = r0; r < r1; r++) {
      if (time >= lengths[r]) {
        return true;
      }
    }
    return false;
  }

  /** Keeps the carried gradients of rows [r0, r1) before a step: padded rows pass them through unchanged. */
  private void savePadded(int r0, int r1) {
    for (int k = 0; k < dstate.length; k++) {
      System.arraycopy(dstate[k], r0 * hidden, frozen[k], r0 * hidden, (r1 - r0) * hidden);
    }
  }

  /**
   * Padded rows: no gradient into the projections; the carried gradient as it was. Live rows'
   * δh is cleared when the cell left it as it was (see {@link Cell#directStateGradient}), so that
   * the product can be added to every row.
   */
  private void restorePadded(int time, int r0, int r1, int g, Step s) {
    for (int r = r0; r < r1; r++) {
      if (time < lengths[r]) {
        if (!cell.directStateGradient()) {
          Arrays.fill(dstate[0], r * hidden, (r + 1) * hidden, 0f);
        }
        continue;
      }
      int dx = s.dxpOff + (r - r0) * g, dp = s.dhpOff + (r - r0) * g;
      Arrays.fill(dxp, dx, dx + g, 0f);
      Arrays.fill(dhp, dp, dp + g, 0f);
      for (int k = 0; k < dstate.length; k++) {
        System.arraycopy(frozen[k], r * hidden, dstate[k], r * hidden, hidden);
      }
    }
  }

  /** Step k (one per row strip, reused across calls) pointed at the current workspaces. */
  private Step bindStep(int k, int b) {
    if (stepsByStrip.length <= k) {
      stepsByStrip = Arrays.copyOf(stepsByStrip, k + 1);
    }
    if (stepsByStrip[k] == null) {
      stepsByStrip[k] = new Step();
    }
    Step s = stepsByStrip[k];
    s.batch = b;
    s.hidden = hidden;
    s.xp = xp;
    s.hp = hp;
    s.hpOff = 0;
    s.h = states[0];
    s.c = states.length > 1 ? states[1] : null;
    s.cache = cache;
    s.params = params.values();
    s.grads = params.grads();
    s.dh = dstate[0];
    s.dOff = 0;
    s.dhOlder = dhOlder;
    s.dc = dstate.length > 1 ? dstate[1] : null;
    s.dxp = dxp;
    s.dhp = dhp;
    return s;
  }

  /** dst[0 .. n) += src[srcOff .. srcOff + n). */
  private static void addInto(float[] dst, float[] src, int srcOff, int n) {
    Kernels.pointwise().addTo(src, srcOff, dst, 0, n);
  }
}
