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
 * Backward sends δy to both directions (halved for the average) and sums their input
 * gradients. For tanh it first goes back through the fusion layer on the concatenation
 * c_t = [→h_t; ←h_t]: δa = δy ⊙ (1 − y²), δW += δaᵀ c, δb += Σ δa, and the directions get δc = δa W. The directions are independent: on 2+ threads they run concurrently, and the
 * reverse one's input gradient goes to a buffer of its own, added after both finished, so
 * results are the same on any thread count. Like {@link Recurrent}, the pair holds no
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
    private float[][] dirOuts = new float[2][0]; // each direction's output (T, B, H) when fused by sum/average
    private float[] dScaled = new float[0]; // δy / 2 (average), or δa = δy ⊙ (1 − y²) (tanh)
    private float[] fused = new float[0]; // y (T, B, H), tanh only
    private float[] dConcat = new float[0]; // δc (T, B, 2H), tanh only
    private float[] dxReverse = new float[0]; // the reverse direction's input gradient (T, B, I)
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
    int n = t * b * outputSize();
    boolean concat = fusion == Fusion.CONCAT, tanh = fusion == Fusion.TANH;
    // The tanh fusion reads both directions side by side, [→h_t; ←h_t], from a buffer of its own.
    int dirSize = tanh ? 2 * n : n;
    if (!concat && c.dirOuts[0].length < dirSize) {
      c.dirOuts = tanh ? new float[][] {new float[dirSize]} : new float[2][dirSize];
    }
    float[] fwOut = concat ? out : c.dirOuts[0], bwOut = concat ? out : tanh ? c.dirOuts[0] : c.dirOuts[1];
    boolean sideBySide = concat || tanh;
    int stride = sideBySide ? 2 * hidden : hidden;
    RecurrentCall fwCall = new RecurrentCall(x, t, b, fwOut, stride, 0, initialForward, lengths, null);
    RecurrentCall bwCall = new RecurrentCall(x, t, b, bwOut, stride, sideBySide ? hidden : 0, initialReverse, lengths, null);
    Kernels.runBoth(() -> forward.forward(c.fw, fwCall), () -> reverse.forward(c.bw, bwCall));
    if (tanh) {
      mix.forward(fwOut, t * b, out); // (T·B, 2H) x (2H, H) -> (T·B, H)
      if (c.fused.length < n) {
        c.fused = new float[n];
      }
      for (int i = 0; i < n; i++) {
        out[i] = (float) Math.tanh(out[i]);
        c.fused[i] = out[i];
      }
    } else if (!concat) {
      float scale = fusion == Fusion.AVERAGE ? 0.5f : 1f;
      for (int i = 0; i < n; i++) {
        out[i] = scale * (fwOut[i] + bwOut[i]);
      }
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
    int n = c.steps * c.batch * outputSize();
    float[] dDir = dOut;
    if (fusion == Fusion.AVERAGE || fusion == Fusion.TANH) {
      if (c.dScaled.length < n) {
        c.dScaled = new float[n];
      }
      for (int i = 0; i < n; i++) {
        c.dScaled[i] = fusion == Fusion.AVERAGE ? 0.5f * dOut[i] : dOut[i] * (1 - c.fused[i] * c.fused[i]);
      }
      dDir = c.dScaled;
    }
    if (fusion == Fusion.TANH) {
      if (c.dConcat.length < 2 * n) {
        c.dConcat = new float[2 * n];
      }
      // δW += δaᵀ c, δb += Σ δa, δc = δa W (written, not added): c is the directions' side-by-side output.
      mix.backward(c.dirOuts[0], 0, c.dScaled, 0, c.steps * c.batch, c.dConcat, 0, false);
      dDir = c.dConcat;
    }
    int inSize = c.steps * c.batch * (forward.projectsPerStep() ? 1 : forward.inputSize());
    float[] dxReverse = null;
    if (dx != null) {
      if (c.dxReverse.length < inSize) {
        c.dxReverse = new float[inSize];
      }
      dxReverse = c.dxReverse;
      Arrays.fill(dxReverse, 0, inSize, 0f);
    }
    float[] dSrc = dDir, dxRev = dxReverse;
    Kernels.runBoth(
        () -> forward.backward(c.fw, dSrc, dFinalForward, dx, dInitialForward),
        () -> reverse.backward(c.bw, dSrc, dFinalReverse, dxRev, dInitialReverse));
    if (dx != null) {
      for (int i = 0; i < inSize; i++) {
        dx[i] += dxReverse[i];
      }
    }
  }
}
