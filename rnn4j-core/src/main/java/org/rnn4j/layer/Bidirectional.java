package org.rnn4j.layer;

import java.util.Arrays;
import java.util.Random;
import org.rnn4j.math.Kernels;
import org.rnn4j.tensor.Parameters;

/**
 * A forward and a reverse {@link Recurrent} over the same input, their outputs fused:
 *
 * <pre>
 *   y_t = [→h_t; ←h_t]              concat  (T, B, 2H), PyTorch's
 *   y_t = →h_t + ←h_t               sum     (T, B, H)
 *   y_t = (→h_t + ←h_t) / 2         average (T, B, H)
 *   y_t = tanh(W_f →h_t + W_b ←h_t + b)   tanh   (T, B, H), [W_f W_b] = fusion_l{k}.weight (H, 2H)
 * </pre>
 *
 * The directions write side by side, c_t = [→h_t; ←h_t] (T, B, 2H), and {@code fuse} maps rows
 * of c to rows of y; {@code fuseBackward} maps δy back to δc: δc = δy for concat, [δy; δy] for
 * sum, [δy; δy] / 2 for average, and for tanh δa = δy ⊙ (1 − y²), δW += δaᵀ c, δb += Σ δa,
 * δc = δa W. The directions are independent: on 2+ threads they run concurrently, and the
 * reverse one's input gradient goes to a buffer of its own, added after both finished, so
 * results are the same on any thread count.
 *
 * <p>{@link #readFinal} is the many-to-one readout (Keras' {@code return_sequences=False},
 * PyTorch's {@code h_n}): per row, y = fuse(→h_{len−1}, ←h_0), each direction's final state,
 * i.e. each after reading the row's whole sequence. Like {@link Recurrent}, the pair holds no
 * workspaces: each call runs with a {@link Context} from {@link #newContext}.
 */
public final class Bidirectional {
  private final Recurrent forward;
  private final Recurrent reverse;
  private final Fusion fusion;
  private final int hidden;
  private final Linear mix; // the tanh fusion's W and b; null for the other fusions

  public Bidirectional(Recurrent forward, Recurrent reverse, Fusion fusion) {
    if (forward.reverse() || !reverse.reverse() || forward.hidden() != reverse.hidden()
        || forward.inputSize() != reverse.inputSize()) {
      throw new IllegalArgumentException("bidirectional: expected a forward and a reverse layer of one input and"
          + " hidden size, found" + forward.suffix() + " (I " + forward.inputSize() + ", H " + forward.hidden() + ") and"
          + reverse.suffix() + " (I " + reverse.inputSize() + ", H " + reverse.hidden() + ")");
    }
    this.forward = forward;
    this.reverse = reverse;
    this.fusion = fusion;
    this.hidden = forward.hidden();
    this.mix = fusion == Fusion.TANH ? new Linear("fusion" + forward.suffix(), 2 * hidden, hidden) : null;
  }

  /** Declares the fusion's own parameters (tanh only; the directions declare theirs). */
  public void declare(Parameters.Builder b) {
    if (mix != null) {
      mix.declare(b);
    }
  }

  public void bind(Parameters p) {
    if (mix != null) {
      mix.bind(p);
    }
  }

  /** The fusion weights as nn.Linear's default, uniform ±1/√(2H) (tanh only: nothing drawn otherwise). */
  public void initParams(Random rng) {
    if (mix != null) {
      mix.initParams(rng);
    }
  }

  public Recurrent forwardLayer() { return forward; }
  public Recurrent reverseLayer() { return reverse; }
  public Fusion fusion() { return fusion; }

  /** Width of the output: 2H concatenated, else H. */
  public int outputSize() {
    return fusion == Fusion.CONCAT ? 2 * hidden : hidden;
  }

  /** A new context for calls of this pair: one per direction, and the fusion's buffers. */
  public Context newContext() {
    return new Context(forward.newContext(), reverse.newContext());
  }

  /** The workspaces of one pair's calls (see {@link RecurrentContext}). */
  public static final class Context {
    private final RecurrentContext fw, bw;
    private float[] both = new float[0]; // c = [→h_t; ←h_t] (T, B, 2H) when fused (concat writes y itself)
    private float[] fused = new float[0]; // y (T, B, H), tanh only
    private float[] dBoth = new float[0]; // δc (T, B, 2H) when fused
    private float[] dScaled = new float[0]; // δa = δy ⊙ (1 − y²), tanh only
    private float[] dxReverse = new float[0]; // the reverse direction's input gradient (T, B, I)
    private float[] finalBoth = new float[0], finalFused = new float[0]; // c and y (B, ·) of the last readFinal
    private float[] finalState = new float[0], dFinalBoth = new float[0]; // one direction's final h (B, H); δc (B, 2H)
    private int steps, batch;

    private Context(RecurrentContext fw, RecurrentContext bw) {
      this.fw = fw;
      this.bw = bw;
    }

    public RecurrentContext forward() { return fw; }
    public RecurrentContext reverse() { return bw; }
  }

  /**
   * Runs both directions over x (T, B, I) into out (T, B, W), from the initial states [k] (B, H)
   * of each (null: zero or learned) and with each row's own length (null: all T; see
   * {@link RecurrentCall}).
   */
  public void forward(Context c, float[] x, int t, int b, float[] out, float[][] initialForward,
      float[][] initialReverse, int[] lengths) {
    c.steps = t;
    c.batch = b;
    int rows = t * b;
    boolean concat = fusion == Fusion.CONCAT;
    if (!concat && c.both.length < 2 * rows * hidden) {
      c.both = new float[2 * rows * hidden];
    }
    float[] both = concat ? out : c.both;
    RecurrentCall fwCall = new RecurrentCall(x, t, b, both, 2 * hidden, 0, initialForward, lengths, null);
    RecurrentCall bwCall = new RecurrentCall(x, t, b, both, 2 * hidden, hidden, initialReverse, lengths, null);
    Kernels.runBoth(() -> forward.forward(c.fw, fwCall), () -> reverse.forward(c.bw, bwCall));
    if (!concat) {
      if (fusion == Fusion.TANH && c.fused.length < rows * hidden) {
        c.fused = new float[rows * hidden];
      }
      fuse(both, rows, out, c.fused);
    }
  }

  /**
   * Backward through the last forward call of {@code c} from δy (T, B, W) and each direction's
   * δ(final states) [k] (B, H) or null. Accumulates (+=) the parameter gradients, δx (T, B, I)
   * into {@code dx} and each direction's δ(initial states) into its {@code dInitial} when those
   * are not null.
   */
  public void backward(Context c, float[] dOut, float[][] dFinalForward, float[][] dFinalReverse, float[] dx,
      float[][] dInitialForward, float[][] dInitialReverse) {
    int rows = c.steps * c.batch;
    float[] dBoth = dOut;
    if (fusion != Fusion.CONCAT) {
      if (c.dBoth.length < 2 * rows * hidden) {
        c.dBoth = new float[2 * rows * hidden];
      }
      dBoth = c.dBoth;
      fuseBackward(c, c.both, c.fused, dOut, rows, dBoth);
    }
    int inSize = rows * (forward.projectsPerStep() ? 1 : forward.inputSize());
    float[] dxReverse = null;
    if (dx != null) {
      if (c.dxReverse.length < inSize) {
        c.dxReverse = new float[inSize];
      }
      dxReverse = c.dxReverse;
      Arrays.fill(dxReverse, 0, inSize, 0f);
    }
    float[] dSrc = dBoth, dxRev = dxReverse;
    Kernels.runBoth(
        () -> forward.backward(c.fw, dSrc, dFinalForward, dx, dInitialForward),
        () -> reverse.backward(c.bw, dSrc, dFinalReverse, dxRev, dInitialReverse));
    if (dx != null) {
      for (int i = 0; i < inSize; i++) {
        dx[i] += dxReverse[i];
      }
    }
  }

  /**
   * The many-to-one readout of the last forward call of {@code c}: row r's y_r = fuse(→h_{len_r−1},
   * ←h_0) (B, W) into {@code out}, the forward direction's final state (after the row's own last
   * step) and the reverse one's (after step 0): PyTorch's {@code h_n} of both directions.
   */
  public void readFinal(Context c, float[] out) {
    int b = c.batch;
    if (c.finalBoth.length < 2 * b * hidden) {
      c.finalBoth = new float[2 * b * hidden];
      c.dFinalBoth = new float[2 * b * hidden];
      c.finalFused = new float[b * hidden];
      c.finalState = new float[b * hidden];
    }
    RecurrentContext[] directions = {c.fw, c.bw};
    for (int d = 0; d < 2; d++) { // row r of c = [→h_final; ←h_final]
      directions[d].finalState(0, c.finalState, 0);
      for (int r = 0; r < b; r++) {
        System.arraycopy(c.finalState, r * hidden, c.finalBoth, (2 * r + d) * hidden, hidden);
      }
    }
    fuse(c.finalBoth, b, out, c.finalFused);
  }

  /**
   * Backward of {@link #readFinal} from δy (B, W): writes δ→h_final and δ←h_final (B, H) into
   * {@code dFinalForward} and {@code dFinalReverse} (for {@link #backward}'s final-state
   * gradients) and accumulates (+=) the tanh fusion's parameter gradients, from these rows only.
   */
  public void readFinalBackward(Context c, float[] dOut, float[] dFinalForward, float[] dFinalReverse) {
    int b = c.batch;
    fuseBackward(c, c.finalBoth, c.finalFused, dOut, b, c.dFinalBoth);
    for (int r = 0; r < b; r++) {
      System.arraycopy(c.dFinalBoth, 2 * r * hidden, dFinalForward, r * hidden, hidden);
      System.arraycopy(c.dFinalBoth, (2 * r + 1) * hidden, dFinalReverse, r * hidden, hidden);
    }
  }

  /** y = fuse(c) for {@code rows} rows of c = [→h; ←h] (rows, 2H) into out (rows, W); tanh also keeps y in {@code saved}. */
  private void fuse(float[] both, int rows, float[] out, float[] saved) {
    int n = rows * hidden;
    switch (fusion) {
      case CONCAT -> System.arraycopy(both, 0, out, 0, 2 * n);
      case SUM, AVERAGE -> {
        float scale = fusion == Fusion.AVERAGE ? 0.5f : 1f;
        for (int r = 0; r < rows; r++) {
          for (int j = 0, f = 2 * r * hidden, o = r * hidden; j < hidden; j++) {
            out[o + j] = scale * (both[f + j] + both[f + hidden + j]);
          }
        }
      }
      case TANH -> {
        mix.forward(both, rows, out); // (rows, 2H) x (2H, H) -> (rows, H)
        for (int i = 0; i < n; i++) {
          out[i] = (float) Math.tanh(out[i]);
          saved[i] = out[i];
        }
      }
    }
  }

  /**
   * δc (rows, 2H) written from δy (rows, W), for rows of c = [→h; ←h] fused into y; accumulates
   * (+=) the tanh fusion's parameter gradients.
   */
  private void fuseBackward(Context c, float[] both, float[] fused, float[] dOut, int rows, float[] dBoth) {
    int n = rows * hidden;
    switch (fusion) {
      case CONCAT -> System.arraycopy(dOut, 0, dBoth, 0, 2 * n);
      case SUM, AVERAGE -> {
        float scale = fusion == Fusion.AVERAGE ? 0.5f : 1f;
        for (int r = 0; r < rows; r++) {
          for (int j = 0, f = 2 * r * hidden, o = r * hidden; j < hidden; j++) {
            float d = scale * dOut[o + j];
            dBoth[f + j] = d;
            dBoth[f + hidden + j] = d;
          }
        }
      }
      case TANH -> {
        if (c.dScaled.length < n) {
          c.dScaled = new float[n];
        }
        for (int i = 0; i < n; i++) {
          c.dScaled[i] = dOut[i] * (1 - fused[i] * fused[i]);
        }
        // δW += δaᵀ c, δb += Σ δa, δc = δa W (written, not added)
        mix.backward(both, 0, c.dScaled, 0, rows, dBoth, 0, false);
      }
    }
  }
}
