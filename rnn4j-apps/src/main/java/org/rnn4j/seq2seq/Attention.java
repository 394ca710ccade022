package org.rnn4j.seq2seq;

import java.util.Random;
import org.rnn4j.loss.OutputActivation;
import org.rnn4j.tensor.Parameters;

/**
 * Attention of a decoder query q_t (B, Q) over the encoder states h_s (S, B, K):
 *
 * <pre>
 *   e_{t,s} = score(q_t, h_s)            (B, S), by the subclass
 *   α_{t,s} = softmax_s(e_{t,s})         (B, S), kept for backward and for plots
 *   c_t     = Σ_s α_{t,s} h_s            (B, K)
 * </pre>
 *
 * Backward of the shared part: {@code δα_s = δc · h_s}, {@code δh_s += α_s δc},
 * {@code δe = α ⊙ (δα − Σ_s α_s δα_s)} (the softmax Jacobian); the subclass turns δe into δq
 * and into gradients of its keys, which it folds into δh_s once at the end ({@link #endBackward}),
 * so per-sequence key projections cost one GEMM each way.
 *
 * <p>One instance serves one sequence batch at a time: {@link #begin} binds the encoder states
 * and sizes the workspaces for up to T query steps.
 */
public abstract class Attention {
  protected final int queryWidth;
  protected final int valueWidth;
  protected float[] values; // the encoder states (S, B, K), not copied
  protected int sourceSteps, batch;
  private float[] weights = new float[0]; // α (T, B, S)
  private float[] dScores = new float[0]; // δe or δα of one step (B, S)

  protected Attention(int queryWidth, int valueWidth) {
    this.queryWidth = queryWidth;
    this.valueWidth = valueWidth;
  }

  /** The attention a kind names, for queries of width Q over values of width K; null for NONE. */
  public static Attention create(AttentionKind kind, int queryWidth, int valueWidth, int attentionSize) {
    return switch (kind) {
      case NONE -> null;
      case ADDITIVE -> new AdditiveAttention(queryWidth, valueWidth, attentionSize);
      case DOT -> new LuongAttention(queryWidth, valueWidth, false);
      case GENERAL -> new LuongAttention(queryWidth, valueWidth, true);
    };
  }

  public abstract void declare(Parameters.Builder b);

  public abstract void bind(Parameters p);

  public abstract void initParams(Random rng);

  /** Binds the encoder states (S, B, K) for up to T query steps and prepares their keys. */
  public void begin(float[] values, int s, int b, int t) {
    this.values = values;
    this.sourceSteps = s;
    this.batch = b;
    if (weights.length < t * b * s) {
      weights = new float[t * b * s];
    }
    if (dScores.length < b * s) {
      dScores = new float[b * s];
    }
    prepareKeys(t);
  }

  /** The attention weights α (T, B, S) of the steps run since {@link #begin}. */
  public float[] weights() {
    return weights;
  }

  /** Step t: context c_t (B, K) into ctx from ctxOff (row stride ctxStride) for the query q_t (B, Q) at qOff. */
  public void forward(int t, float[] q, int qOff, float[] ctx, int ctxOff, int ctxStride) {
    int b = batch, s = sourceSteps, k = valueWidth;
    int aOff = t * b * s;
    scores(t, q, qOff, weights, aOff);
    for (int r = 0; r < b; r++) {
      OutputActivation.softmaxRow(weights, aOff + r * s, s, weights);
      int c = ctxOff + r * ctxStride;
      java.util.Arrays.fill(ctx, c, c + k, 0f);
      for (int j = 0; j < s; j++) {
        float a = weights[aOff + r * s + j];
        int h = (j * b + r) * k;
        for (int i = 0; i < k; i++) {
          ctx[c + i] += a * values[h + i];
        }
      }
    }
  }

  /**
   * Backward of step t from δc_t (B, K) at dCtxOff (stride dCtxStride): accumulates δq_t (B, Q)
   * into dq at dqOff, δh_s into dValues (S, B, K) and the score's parameter gradients.
   */
  public void backward(int t, float[] q, int qOff, float[] dCtx, int dCtxOff, int dCtxStride, float[] dq, int dqOff,
      float[] dValues) {
    int b = batch, s = sourceSteps, k = valueWidth;
    int aOff = t * b * s;
    for (int r = 0; r < b; r++) {
      int c = dCtxOff + r * dCtxStride;
      double dot = 0;
      for (int j = 0; j < s; j++) {
        float a = weights[aOff + r * s + j];
        int h = (j * b + r) * k;
        float dAlpha = 0f;
        for (int i = 0; i < k; i++) {
          dAlpha += dCtx[c + i] * values[h + i];
          dValues[h + i] += a * dCtx[c + i];
        }
        dScores[r * s + j] = dAlpha;
        dot += a * dAlpha;
      }
      for (int j = 0; j < s; j++) {
        dScores[r * s + j] = (float) (weights[aOff + r * s + j] * (dScores[r * s + j] - dot));
      }
    }
    scoresBackward(t, q, qOff, dScores, dq, dqOff);
  }

  /** After the last backward step: adds the gradients that reached the keys to dValues (S, B, K). */
  public abstract void endBackward(float[] dValues);

  /** Computes the keys of the bound values once per sequence; T bounds the steps to come. */
  protected abstract void prepareKeys(int t);

  /** Scores e (B, S) of step t into e from eOff. */
  protected abstract void scores(int t, float[] q, int qOff, float[] e, int eOff);

  /** From δe (B, S): accumulates δq (B, Q), the keys' gradients and the score's parameter gradients. */
  protected abstract void scoresBackward(int t, float[] q, int qOff, float[] dScores, float[] dq, int dqOff);

  /** Uniform ±1/√fanIn, as PyTorch's nn.Linear. */
  static void uniform(float[] v, int off, int n, int fanIn, Random rng) {
    Parameters.uniform(v, off, n, (float) (1.0 / Math.sqrt(fanIn)), rng);
  }
}
