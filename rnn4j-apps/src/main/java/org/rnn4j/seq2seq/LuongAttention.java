package org.rnn4j.seq2seq;

import java.util.Arrays;
import java.util.Random;
import org.rnn4j.math.Kernels;
import org.rnn4j.tensor.Parameters;
import org.rnn4j.tensor.Parameters.Param;

/**
 * Multiplicative (Luong) scores {@code e_{t,s} = q_tᵀ k_s} with keys {@code k_s = h_s} ("dot",
 * needs Q = K) or {@code k_s = W_a h_s} ("general", W_a (Q, K) named {@code attention.weight}).
 * The keys are computed once per sequence.
 *
 * <p>Backward: {@code δq_t += Σ_s δe_{t,s} k_s}, {@code δk_s += Σ_t δe_{t,s} q_t}; at the end
 * {@code δh_s += δk_s} (dot) or {@code δh_s += δk_s W_a}, {@code δW_a += Σ_s δk_s h_sᵀ} (general).
 */
final class LuongAttention extends Attention {
  private final boolean general;
  private Param w;
  private Parameters params;

  private float[] keys = new float[0]; // general: W_a h_s (S, B, Q); dot: the values themselves
  private float[] dKeys = new float[0]; // (S, B, Q)

  LuongAttention(int queryWidth, int valueWidth, boolean general) {
    super(queryWidth, valueWidth);
    if (!general && queryWidth != valueWidth) {
      throw new IllegalArgumentException("dot attention: expected decoder hidden size = encoder output size, found "
          + queryWidth + " and " + valueWidth + " (use general attention for different sizes)");
    }
    this.general = general;
  }

  @Override
  public void declare(Parameters.Builder b) {
    if (general) {
      w = b.add("attention.weight", queryWidth, valueWidth);
    }
  }

  @Override
  public void bind(Parameters p) {
    params = p;
    if (general) {
      w = p.get("attention.weight");
    }
  }

  @Override
  public void initParams(Random rng) {
    if (general) {
      uniform(params.values(), w.offset(), w.size(), valueWidth, rng);
    }
  }

  @Override
  protected void prepareKeys(int t) {
    int rows = sourceSteps * batch;
    if (dKeys.length < rows * queryWidth) {
      dKeys = new float[rows * queryWidth];
    }
    Arrays.fill(dKeys, 0, rows * queryWidth, 0f);
    if (!general) {
      keys = values;
      return;
    }
    if (keys.length < rows * queryWidth || keys == values) {
      keys = new float[rows * queryWidth];
    }
    // (S·B, K) x (K, Q) -> (S·B, Q)
    Kernels.gemm().gemm(false, true, rows, queryWidth, valueWidth, 1f, values, 0, valueWidth, params.values(),
        w.offset(), valueWidth, 0f, keys, 0, queryWidth);
  }

  @Override
  protected void scores(int t, float[] q, int qOff, float[] e, int eOff) {
    int b = batch, s = sourceSteps, n = queryWidth;
    for (int r = 0; r < b; r++) {
      for (int j = 0; j < s; j++) {
        int k = (j * b + r) * n;
        float score = 0f;
        for (int i = 0; i < n; i++) {
          score += q[qOff + r * n + i] * keys[k + i];
        }
        e[eOff + r * s + j] = score;
      }
    }
  }

  @Override
  protected void scoresBackward(int t, float[] q, int qOff, float[] dScores, float[] dq, int dqOff) {
    int b = batch, s = sourceSteps, n = queryWidth;
    for (int r = 0; r < b; r++) {
      for (int j = 0; j < s; j++) {
        float de = dScores[r * s + j];
        int k = (j * b + r) * n;
        for (int i = 0; i < n; i++) {
          dq[dqOff + r * n + i] += de * keys[k + i];
          dKeys[k + i] += de * q[qOff + r * n + i];
        }
      }
    }
  }

  @Override
  public void endBackward(float[] dValues) {
    int rows = sourceSteps * batch;
    if (!general) {
      for (int i = 0; i < rows * valueWidth; i++) {
        dValues[i] += dKeys[i];
      }
      return;
    }
    // δW_a += δK^T H: (Q, S·B) x (S·B, K)
    Kernels.gemm().gemm(true, false, queryWidth, valueWidth, rows, 1f, dKeys, 0, queryWidth, values, 0, valueWidth, 1f,
        params.grads(), w.offset(), valueWidth);
    // δH += δK W_a: (S·B, Q) x (Q, K)
    Kernels.gemm().gemm(false, false, rows, valueWidth, queryWidth, 1f, dKeys, 0, queryWidth, params.values(), w.offset(),
        valueWidth, 1f, dValues, 0, valueWidth);
  }
}
