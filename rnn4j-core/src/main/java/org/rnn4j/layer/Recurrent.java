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
 * The layer holds its parameters and configuration only: each call runs with a
 * {@link RecurrentContext} (from {@link #newContext}) that keeps the call's workspaces for its
 * backward, so one layer serves any number of calls.
 */
public final class Recurrent {
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
  }

  public Cell cell() { return cell; }
  public String suffix() { return suffix; }
  public int hidden() { return hidden; }
  public int inputSize() { return inputSize; }
  public boolean reverse() { return reverse; }
  /** Whether the input projection is taken step by step inside the time loop (token inputs). */
  boolean projectsPerStep() { return projection.perStep(); }
  /** Floats of the token table a context keeps for the input projection (0 for dense inputs). */
  int projectionTableSize() { return projection.tableSize(); }

  /** A new context for calls of this layer (see {@link RecurrentContext}). */
  public RecurrentContext newContext() {
    return new RecurrentContext(this, false);
  }

  /**
   * A new context for forward calls only (streaming inference): it keeps none of backward's
   * buffers, which for a chunk of T steps of B rows are the largest ones (δxp, δhp: T·B·G each);
   * {@link #backward} with it is an error.
   */
  public RecurrentContext newInferenceContext() {
    return new RecurrentContext(this, true);
  }

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

  /**
   * W_ih^T and W_hh^T packed for the products (W_ih^T for dense inputs; the lookup table
   * W_ih^T + b_ih for token inputs), a snapshot of the current weights: streaming callers pack
   * once and pass it to every call ({@link RecurrentCall#withPacked}) instead of re-packing at
   * every step. A pack is only read, so any number of calls on any threads may share one.
   */
  public PackedWeights packWeights() {
    int g = cell.gates() * hidden;
    float[] v = params.values();
    float[] table = null;
    if (projection.perStep()) {
      table = new float[projection.tableSize()];
      projection.prepare(v, wIh.offset(), bias ? bIh.offset() : -1, table);
    }
    return new PackedWeights(projection.pack(v, wIh.offset()), table, Kernels.gemm().pack(true, g, hidden, v, wHh.offset(), hidden));
  }

  /** Packed W_ih^T (null for token inputs), the token table (null for dense inputs) and W_hh^T; see {@link #packWeights}. */
  public record PackedWeights(PackedB input, float[] table, PackedB recurrent) {}

  /** Runs {@code call} (see {@link RecurrentCall}) in {@code ctx}, which keeps it for {@link #backward}. */
  public void forward(RecurrentContext ctx, RecurrentCall call) {
    ctx.require(this, false);
    int t = call.steps(), b = call.batch();
    call.requireSizes(suffix, projection.perStep() ? 1 : inputSize, hidden, cell.states());
    ctx.ensure(t, b);
    ctx.call = call;
    ctx.padding.set(call.lengths());
    float[] x = call.x();
    float[][] initial = call.initial();
    PackedWeights packed = call.packed();
    float[][] states = ctx.states;
    int g = cell.gates() * hidden;
    int bh = b * hidden;
    float[] v = params.values();
    Gemm gemm = Kernels.gemm();
    int biasOff = bias ? bIh.offset() : -1;
    float[] xp = ctx.xp;
    if (packed != null && packed.input() != null) {
      // (T·B, I) x (I, G) -> (T·B, G)
      gemm.gemm(false, t * b, 1f, x, 0, inputSize, packed.input(), 0f, xp, 0, g);
      if (bias) {
        Rows.addVector(xp, 0, t * b, g, v, biasOff);
      }
    } else if (projection.perStep()) { // rows gathered step by step (forwardRows)
      if (packed != null && packed.table() != null) {
        ctx.lookup = packed.table();
      } else {
        projection.prepare(v, wIh.offset(), biasOff, ctx.lookup = ctx.table());
      }
    } else {
      projection.forward(x, t * b, v, wIh.offset(), biasOff, xp);
    }
    for (int k = 0; k < states.length; k++) {
      float[] s0 = states[k];
      ctx.usedLearnedInit[k] = false;
      if (initial != null && initial[k] != null) {
        System.arraycopy(initial[k], 0, s0, 0, bh);
      } else if (learnedInit) {
        ctx.usedLearnedInit[k] = true;
        for (int r = 0; r < b; r++) {
          System.arraycopy(v, init[k].offset(), s0, r * hidden, hidden);
        }
      } else {
        Arrays.fill(s0, 0, bh, 0f);
      }
    }
    // W_hh^T is packed once for all T steps, not once per step.
    PackedB whh = packed != null ? packed.recurrent()
        : (ctx.forwardPack = gemm.pack(true, g, hidden, v, wHh.offset(), hidden, ctx.forwardPack));
    ctx.zeroStart = (initial == null || initial[0] == null) && !learnedInit;
    int parts = RowStrips.count(cell, b);
    if (parts == 1) { // no task objects: streaming callers run this once per step
      forwardRows(ctx, ctx.step(0, b, v, params.grads()), 0, b, whh);
      return;
    }
    RowStrips.run(ctx, parts, b, v, params.grads(), (s, r0, r1) -> forwardRows(ctx, s, r0, r1, whh));
  }


  /**
   * The time loop of forward for batch rows [r0, r1): rows never interact, so row strips can
   * run on different threads (see {@link RowStrips}).
   */
  private void forwardRows(RecurrentContext ctx, Step s, int r0, int r1, PackedB whh) {
    int t = ctx.steps, b = ctx.batch, g = cell.gates() * hidden, bh = b * hidden;
    int cw = cell.cacheWidth(hidden);
    float[] v = params.values();
    float[] x = ctx.call.x(), out = ctx.call.out(), xp = ctx.xp, hp = ctx.hp;
    int outStride = ctx.call.outStride(), outCol = ctx.call.outCol();
    float[][] states = ctx.states;
    Padding padding = ctx.padding;
    Gemm gemm = Kernels.gemm();
    s.batch = r1 - r0;
    s.hpOff = r0 * g;
    for (int i = 0; i < t; i++) {
      int time = reverse ? t - 1 - i : i;
      if (i > 0 || !ctx.zeroStart) { // (B, H) x (H, G) -> (B, G)
        gemm.gemm(false, r1 - r0, 1f, states[0], i * bh + r0 * hidden, hidden, whh, 0f, hp, s.hpOff, g);
      } else { // h_{-1} = 0: so is the product (+0, as the kernels' sums from +0 give)
        Arrays.fill(hp, s.hpOff, s.hpOff + (r1 - r0) * g, 0f);
      }
      if (bias) {
        Rows.addVector(hp, s.hpOff, r1 - r0, g, v, bHh.offset());
      }
      if (projection.perStep()) { // xp holds one step: this strip's rows of it
        s.xpOff = r0 * g;
        projection.gather(ctx.lookup, x, time * b + r0, r1 - r0, xp, s.xpOff);
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
        int next = (i + 1) * bh + r * hidden;
        if (padding.live(time, r)) {
          System.arraycopy(states[0], next, out, o, hidden);
        } else {
          Padding.hold(states, next - bh, next, hidden, out, o);
        }
      }
    }
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
   * Backpropagates through the last forward call of {@code ctx}. {@code dOut} holds dL/dh_t laid
   * out like that call's {@code out} (same stride and column); {@code dFinal[k]} is dL/d(final
   * state k) (B, H) or null (as is {@code dFinal}). Accumulates (+=) into the parameter gradients,
   * into {@code dx} (T, B, I) when not null, and into {@code dInitial[k]} (B, H) when not null.
   * May be run more than once on one forward call.
   */
  public void backward(RecurrentContext ctx, float[] dOut, float[][] dFinal, float[] dx, float[][] dInitial) {
    ctx.require(this, true);
    int t = ctx.steps, b = ctx.batch;
    int g = cell.gates() * hidden;
    int bh = b * hidden;
    float[] v = params.values();
    float[] gr = params.grads();
    float[][] dstate = ctx.dstate, states = ctx.states;
    float[] dxp = ctx.dxp, dhp = ctx.dhp, dhOlder = ctx.dhOlder;
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
    if (ctx.stateGradNorms != null && ctx.stateGradNorms.length != t) {
      ctx.stateGradNorms = new double[t];
    }
    // W_hh (G, H), packed once for all steps
    PackedB whh = ctx.backwardPack = gemm.pack(false, hidden, g, v, wHh.offset(), hidden, ctx.backwardPack);
    // Row strips run concurrently unless the whole batch is needed at each step.
    int parts = dhOlder != null || ctx.stateGradNorms != null ? 1 : RowStrips.count(cell, b);
    ctx.padding.ensure(dstate.length, bh);
    // δh_{-1} is wanted only for an initial state's gradient: otherwise the last step skips its product
    boolean toInitial = dhOlder != null || ctx.usedLearnedInit[0] || dInitial != null && dInitial[0] != null;
    RowStrips.run(ctx, parts, b, v, gr, (s, r0, r1) -> backwardRows(ctx, s, r0, r1, whh, dOut, toInitial));
    if (dhOlder != null) { // and to the initial state
      addInto(dstate[0], dhOlder, 0, bh);
    }
    for (int k = 0; k < dstate.length; k++) {
      if (dInitial != null && dInitial[k] != null) {
        for (int i = 0; i < bh; i++) {
          dInitial[k][i] += dstate[k][i];
        }
      }
      if (ctx.usedLearnedInit[k]) {
        Rows.sumColumns(dstate[k], b, hidden, gr, init[k].offset());
      }
    }
    // δW_hh += δHP^T H_prev: (G, T·B) x (T·B, H); h_{t-1} rows are states[0][0 .. T·B·H), the
    // first B of them zero when the sequence started from zero (those terms are skipped)
    int from = ctx.zeroStart ? b : 0;
    gemm.gemm(true, false, g, hidden, t * b - from, 1f, dhp, from * g, g, states[0], from * hidden, hidden,
        1f, gr, wHh.offset(), hidden);
    projection.backward(ctx.call.x(), dxp, t * b, v, wIh.offset(), gr, dx, ctx.tableGrad());
    if (bias && dhp == dxp) { // one sum for both biases (grads usually start at 0: same floats as two)
      float[] biasGrad = ctx.biasGrad;
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
  private void backwardRows(RecurrentContext ctx, Step s, int r0, int r1, PackedB whh, float[] dOut,
      boolean toInitial) {
    int t = ctx.steps, b = ctx.batch, g = cell.gates() * hidden, bh = b * hidden;
    int cw = cell.cacheWidth(hidden);
    int outStride = ctx.call.outStride(), outCol = ctx.call.outCol();
    float[][] dstate = ctx.dstate;
    float[] dh = dstate[0], dhp = ctx.dhp, dhOlder = ctx.dhOlder;
    double[] norms = ctx.stateGradNorms;
    Padding padding = ctx.padding;
    boolean clearLive = !cell.directStateGradient();
    Gemm gemm = Kernels.gemm();
    s.batch = r1 - r0;
    s.dOff = r0 * hidden;
    for (int i = t - 1; i >= 0; i--) {
      int time = reverse ? t - 1 - i : i;
      for (int r = r0; r < r1; r++) {
        int o = (time * b + r) * outStride + outCol;
        if (padding.live(time, r)) {
          Kernels.pointwise().addTo(dOut, o, dh, r * hidden, hidden);
        }
      }
      if (dhOlder != null) { // gradient sent back to this step's state by later steps (whole batch)
        addInto(dh, dhOlder, (i + 1) * bh, bh);
      }
      if (norms != null) { // whole batch
        double sq = 0;
        for (int j = 0; j < bh; j++) {
          sq += dh[j] * (double) dh[j];
        }
        norms[time] = Math.sqrt(sq);
      }
      s.xpOff = (time * b + r0) * g;
      s.dxpOff = s.xpOff;
      s.dhpOff = (i * b + r0) * g;
      s.hPrev = i * bh + r0 * hidden;
      s.hNext = (i + 1) * bh + r0 * hidden;
      s.cPrev = s.hPrev;
      s.cNext = s.hNext;
      s.cacheOff = (i * b + r0) * cw;
      boolean padded = padding.any(time, r0, r1);
      if (padded) {
        padding.save(dstate, r0, r1, hidden);
      }
      cell.backward(s);
      if (padded) {
        padding.restore(time, r0, r1, hidden, g, s, dstate, clearLive);
      }
      if (i > 0 || toInitial) {
        // δh_{t-1} (+)= δhp_t W_hh: (B, G) x (G, H) -> (B, H); written over δh when the cell left
        // nothing there for h_{t-1} (restore then cleared the live rows: padded ones keep theirs)
        float beta = cell.directStateGradient() || padded ? 1f : 0f;
        gemm.gemm(false, r1 - r0, 1f, dhp, s.dhpOff, g, whh, beta, dh, r0 * hidden, hidden);
      }
    }
  }

  /** dst[0 .. n) += src[srcOff .. srcOff + n). */
  private static void addInto(float[] dst, float[] src, int srcOff, int n) {
    Kernels.pointwise().addTo(src, srcOff, dst, 0, n);
  }
}
