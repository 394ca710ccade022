package org.rnn4j.layer;

import java.util.Arrays;
import org.rnn4j.math.Kernels;

/**
 * A forward and a reverse {@link Recurrent} over the same input, their outputs fused:
 *
 * <pre>
 *   y_t = [→h_t; ←h_t]              concat  (T, B, 2H), PyTorch's
 *   y_t = →h_t + ←h_t               sum     (T, B, H)
 *   y_t = (→h_t + ←h_t) / 2         average (T, B, H)
 * </pre>
 *
 * Backward sends δy to both directions (halved for the average) and sums their input
 * gradients. The directions are independent: on 2+ threads they run concurrently, and the
 * reverse one's input gradient goes to a buffer of its own, added after both finished, so
 * results are the same on any thread count. Like {@link Recurrent}, the pair holds no
 * workspaces: each call runs with a {@link Context} from {@link #newContext}.
 */
public final class Bidirectional {
  private final Recurrent forward;
  private final Recurrent reverse;
  private final Fusion fusion;
  private final int hidden;

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
    private float[] dScaled = new float[0]; // δy / 2, average only
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
    boolean concat = fusion == Fusion.CONCAT;
    if (!concat && c.dirOuts[0].length < n) {
      c.dirOuts = new float[2][n];
    }
    float[] fwOut = concat ? out : c.dirOuts[0], bwOut = concat ? out : c.dirOuts[1];
    int stride = concat ? 2 * hidden : hidden;
    RecurrentCall fwCall = new RecurrentCall(x, t, b, fwOut, stride, 0, initialForward, lengths, null);
    RecurrentCall bwCall = new RecurrentCall(x, t, b, bwOut, stride, concat ? hidden : 0, initialReverse, lengths, null);
    Kernels.runBoth(() -> forward.forward(c.fw, fwCall), () -> reverse.forward(c.bw, bwCall));
    if (!concat) {
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
    if (fusion == Fusion.AVERAGE) {
      if (c.dScaled.length < n) {
        c.dScaled = new float[n];
      }
      for (int i = 0; i < n; i++) {
        c.dScaled[i] = 0.5f * dOut[i];
      }
      dDir = c.dScaled;
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
