package org.rnn4j.seq2seq;

import java.util.Arrays;
import java.util.Random;
import org.rnn4j.cell.Activation;
import org.rnn4j.math.Gemm;
import org.rnn4j.math.Kernels;
import org.rnn4j.tensor.Parameters.Param;
import org.rnn4j.tensor.Parameters;

/**
 * Additive (Bahdanau) score {@code e_{t,s} = vᵀ tanh(W_a q_t + U_a h_s)} with W_a (A, Q),
 * U_a (A, K), v (A): {@code attention.query.weight}, {@code attention.key.weight},
 * {@code attention.v}. The keys {@code U_a h_s} are computed once per sequence.
 *
 * <p>Backward: {@code δu = δe · v ⊙ (1 − u²)} for {@code u = tanh(·)}; {@code δv += Σ δe u};
 * {@code δ(W_a q) = Σ_s δu}, {@code δ(U_a h_s) = Σ_t δu}, then each projection's usual transpose.
 */
final class AdditiveAttention extends Attention {
  private final int size; // A
  private Param wQuery, wKey, v;
  private Parameters params;

  private float[] keys = new float[0]; // U_a h_s (S, B, A)
  private float[] dKeys = new float[0]; // (S, B, A)
  private float[] projected = new float[0]; // W_a q_t of one step (B, A)
  private float[] dProjected = new float[0]; // (B, A)
  private float[] hiddenTanh = new float[0]; // u (T, B, S, A), saved for backward

  AdditiveAttention(int queryWidth, int valueWidth, int size) {
    super(queryWidth, valueWidth);
    if (size <= 0) {
      throw new IllegalArgumentException("additive attention: expected a positive attention size, found " + size);
    }
    this.size = size;
  }

  @Override
  public void declare(Parameters.Builder b) {
    wQuery = b.add("attention.query.weight", size, queryWidth);
    wKey = b.add("attention.key.weight", size, valueWidth);
    v = b.add("attention.v", size);
  }

  @Override
  public void bind(Parameters p) {
    params = p;
    wQuery = p.get("attention.query.weight");
    wKey = p.get("attention.key.weight");
    v = p.get("attention.v");
  }

  @Override
  public void initParams(Random rng) {
    float[] val = params.values();
    uniform(val, wQuery.offset(), wQuery.size(), queryWidth, rng);
    uniform(val, wKey.offset(), wKey.size(), valueWidth, rng);
    uniform(val, v.offset(), v.size(), size, rng);
  }

  @Override
  protected void prepareKeys(int t) {
    int rows = sourceSteps * batch;
    if (keys.length < rows * size) {
      keys = new float[rows * size];
      dKeys = new float[rows * size];
    }
    if (projected.length < batch * size) {
      projected = new float[batch * size];
      dProjected = new float[batch * size];
    }
    if (hiddenTanh.length < t * batch * sourceSteps * size) {
      hiddenTanh = new float[t * batch * sourceSteps * size];
    }
    Arrays.fill(dKeys, 0, rows * size, 0f);
    // (S·B, K) x (K, A) -> (S·B, A)
    Kernels.gemm().gemm(false, true, rows, size, valueWidth, 1f, values, 0, valueWidth, params.values(), wKey.offset(),
        valueWidth, 0f, keys, 0, size);
  }

  @Override
  protected void scores(int t, float[] q, int qOff, float[] e, int eOff) {
    int b = batch, s = sourceSteps, a = size;
    float[] val = params.values();
    // (B, Q) x (Q, A) -> (B, A)
    Kernels.gemm().gemm(false, true, b, a, queryWidth, 1f, q, qOff, queryWidth, val, wQuery.offset(), queryWidth, 0f,
        projected, 0, a);
    for (int r = 0; r < b; r++) {
      for (int j = 0; j < s; j++) {
        int u = ((t * b + r) * s + j) * a;
        int k = (j * b + r) * a;
        float score = 0f;
        for (int i = 0; i < a; i++) {
          float h = Activation.tanh(projected[r * a + i] + keys[k + i]);
          hiddenTanh[u + i] = h;
          score += val[v.offset() + i] * h;
        }
        e[eOff + r * s + j] = score;
      }
    }
  }

  @Override
  protected void scoresBackward(int t, float[] q, int qOff, float[] dScores, float[] dq, int dqOff) {
    int b = batch, s = sourceSteps, a = size;
    float[] val = params.values(), g = params.grads();
    Arrays.fill(dProjected, 0, b * a, 0f);
    for (int r = 0; r < b; r++) {
      for (int j = 0; j < s; j++) {
        float de = dScores[r * s + j];
        int u = ((t * b + r) * s + j) * a;
        int k = (j * b + r) * a;
        for (int i = 0; i < a; i++) {
          float h = hiddenTanh[u + i];
          g[v.offset() + i] += de * h;
          float du = de * val[v.offset() + i] * (1f - h * h);
          dProjected[r * a + i] += du;
          dKeys[k + i] += du;
        }
      }
    }
    Gemm gemm = Kernels.gemm();
    // δW_a += δP^T q: (A, B) x (B, Q)
    gemm.gemm(true, false, a, queryWidth, b, 1f, dProjected, 0, a, q, qOff, queryWidth, 1f, g, wQuery.offset(), queryWidth);
    // δq += δP W_a: (B, A) x (A, Q)
    gemm.gemm(false, false, b, queryWidth, a, 1f, dProjected, 0, a, val, wQuery.offset(), queryWidth, 1f, dq, dqOff, queryWidth);
  }

  @Override
  public void endBackward(float[] dValues) {
    int rows = sourceSteps * batch;
    Gemm gemm = Kernels.gemm();
    // δU_a += δKeys^T H: (A, S·B) x (S·B, K)
    gemm.gemm(true, false, size, valueWidth, rows, 1f, dKeys, 0, size, values, 0, valueWidth, 1f, params.grads(),
        wKey.offset(), valueWidth);
    // δH += δKeys U_a: (S·B, A) x (A, K)
    gemm.gemm(false, false, rows, valueWidth, size, 1f, dKeys, 0, size, params.values(), wKey.offset(), valueWidth, 1f,
        dValues, 0, valueWidth);
  }
}
