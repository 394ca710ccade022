package org.rnn4j.cell;

import java.util.Random;
import org.rnn4j.math.Kernels;
import org.rnn4j.math.Pointwise;
import org.rnn4j.tensor.Parameters;
import org.rnn4j.tensor.Parameters.Param;

/**
 * LSTM cell, PyTorch's formulation. The projections hold four blocks of H rows: i, f, g, o.
 *
 * <pre>
 *   i = σ(xp_i + hp_i)   f = σ(xp_f + hp_f)   g = tanh(xp_g + hp_g)   o = σ(xp_o + hp_o)
 *   c_t = f ⊙ c_{t-1} + i ⊙ g
 *   h_t = o ⊙ tanh(c_t)
 * </pre>
 *
 * Backward, the same lines in reverse (δ = dL/d·; δc collects δc_t and the path through h_t):
 *
 * <pre>
 *   δo = δh ⊙ tanh(c_t)          δc = δc_t + δh ⊙ o ⊙ (1 − tanh²(c_t))
 *   δi = δc ⊙ g   δf = δc ⊙ c_{t-1}   δg = δc ⊙ i   δc_{t-1} = δc ⊙ f
 *   δa_i = δi·i(1−i)   δa_f = δf·f(1−f)   δa_g = δg·(1−g²)   δa_o = δo·o(1−o)
 * </pre>
 *
 * Both projections receive the same δa; h_{t-1} has no direct path (only through W_hh).
 * Cache per batch row: i, f, g, o, tanh(c_t).
 *
 * <p>With {@code forgetBiasOne} the forget block of bias_ih starts at 1 and that of bias_hh at
 * 0, so f starts near σ(1) ≈ 0.73 and gradients flow through c from the first update
 * (Gers et al. 2000; Jozefowicz et al. 2015). Without it the initialisation is PyTorch's.
 */
public final class LstmCell implements Cell {
  private final boolean forgetBiasOne;
  private Param biasIh; // null when the layer has no biases
  private Param biasHh;

  public LstmCell(boolean forgetBiasOne) {
    this.forgetBiasOne = forgetBiasOne;
  }

  public boolean forgetBiasOne() {
    return forgetBiasOne;
  }

  @Override public int gates() { return 4; }
  @Override public int states() { return 2; }
  @Override public int cacheWidth(int hidden) { return 5 * hidden; }
  @Override public String module() { return "LSTM"; }
  @Override public boolean rowsIndependent() { return true; }
  @Override public boolean sameProjectionGradients() { return true; }
  @Override public boolean directStateGradient() { return false; }

  @Override
  public void bind(Parameters params, String suffix) {
    biasIh = params.params().get("bias_ih" + suffix);
    biasHh = params.params().get("bias_hh" + suffix);
  }

  @Override
  public void initParams(Parameters params, Random rng) {
    if (!forgetBiasOne || biasIh == null) {
      return;
    }
    int hidden = biasIh.size() / 4;
    float[] v = params.values();
    for (int j = 0; j < hidden; j++) {
      v[biasIh.offset() + hidden + j] = 1f;
      v[biasHh.offset() + hidden + j] = 0f;
    }
  }

  @Override
  public void forward(Step s) {
    int hd = s.hidden, g4 = 4 * hd, cw = 5 * hd;
    float[] xp = s.xp, hp = s.hp, cache = s.cache, c = s.c, h = s.h;
    Pointwise act = Kernels.pointwise();
    for (int r = 0; r < s.batch; r++) {
      int x = s.xpOff + r * g4, p = s.hpOff + r * g4, k = s.cacheOff + r * cw;
      int prev = s.cPrev + r * hd, next = s.cNext + r * hd, out = s.hNext + r * hd;
      act.sigmoidOfSum(xp, x, hp, p, cache, k, 2 * hd); // i, f = σ(xp + hp)
      act.tanhOfSum(xp, x + 2 * hd, hp, p + 2 * hd, cache, k + 2 * hd, hd); // g
      act.sigmoidOfSum(xp, x + 3 * hd, hp, p + 3 * hd, cache, k + 3 * hd, hd); // o
      act.mulAdd(cache, k + hd, c, prev, cache, k, cache, k + 2 * hd, c, next, hd); // c_t = f ⊙ c_{t-1} + i ⊙ g
      act.tanh(c, next, cache, k + 4 * hd, hd);
      act.mul(cache, k + 3 * hd, cache, k + 4 * hd, h, out, hd); // h_t = o ⊙ tanh(c_t)
    }
  }

  @Override
  public void backward(Step s) {
    if (GateBackward.VECTOR != null) {
      GateBackward.VECTOR.lstm(s);
    } else {
      backwardScalar(s);
    }
  }

  /** The backward step one unit at a time: the reference for {@link GateBackward}. */
  static void backwardScalar(Step s) {
    backwardUnits(s, 0);
  }

  /** Units [from, H) of every row of the backward step. */
  static void backwardUnits(Step s, int from) {
    int hd = s.hidden, g4 = 4 * hd, cw = 5 * hd;
    float[] cache = s.cache, dxp = s.dxp, c = s.c, dh = s.dh, dc = s.dc;
    for (int r = 0; r < s.batch; r++) {
      int k = s.cacheOff + r * cw, dx = s.dxpOff + r * g4;
      int d = s.dOff + r * hd, prev = s.cPrev + r * hd;
      for (int j = from; j < hd; j++) {
        float i = cache[k + j], f = cache[k + hd + j], g = cache[k + 2 * hd + j];
        float o = cache[k + 3 * hd + j], tc = cache[k + 4 * hd + j];
        float dH = dh[d + j];
        float dO = dH * tc;
        float dC = dc[d + j] + dH * o * (1f - tc * tc);
        float dI = dC * g;
        float dF = dC * c[prev + j];
        float dG = dC * i;
        dc[d + j] = dC * f;
        dxp[dx + j] = dI * i * (1f - i);
        dxp[dx + hd + j] = dF * f * (1f - f);
        dxp[dx + 2 * hd + j] = dG * (1f - g * g);
        dxp[dx + 3 * hd + j] = dO * o * (1f - o);
      }
      s.copyDxpToDhp(r * g4, g4); // both projections get the same δa
    }
  }
}
