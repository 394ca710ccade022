package org.rnn4j.cell;

import java.util.List;
import java.util.Random;
import org.rnn4j.tensor.Parameters;
import org.rnn4j.tensor.Parameters.Param;

/**
 * LSTM with diagonal peephole connections (Gers &amp; Schmidhuber 2000): the input and forget
 * gates see the previous cell state, the output gate sees the new one. Gate blocks i, f, g, o as
 * in {@link LstmCell}; peephole weights p_i, p_f, p_o are vectors (H).
 *
 * <pre>
 *   i = σ(xp_i + hp_i + p_i ⊙ c_{t-1})
 *   f = σ(xp_f + hp_f + p_f ⊙ c_{t-1})
 *   g = tanh(xp_g + hp_g)
 *   c_t = f ⊙ c_{t-1} + i ⊙ g
 *   o = σ(xp_o + hp_o + p_o ⊙ c_t)
 *   h_t = o ⊙ tanh(c_t)
 * </pre>
 *
 * Backward, in reverse (δ = dL/d·):
 *
 * <pre>
 *   δa_o = δh ⊙ tanh(c_t) ⊙ o(1−o);   δp_o += δa_o ⊙ c_t
 *   δc = δc_t + δh ⊙ o ⊙ (1 − tanh²(c_t)) + δa_o ⊙ p_o
 *   δa_i = δc ⊙ g ⊙ i(1−i)   δa_f = δc ⊙ c_{t-1} ⊙ f(1−f)   δa_g = δc ⊙ i ⊙ (1−g²)
 *   δp_i += δa_i ⊙ c_{t-1};   δp_f += δa_f ⊙ c_{t-1}
 *   δc_{t-1} = δc ⊙ f + δa_i ⊙ p_i + δa_f ⊙ p_f
 * </pre>
 *
 * Cache per batch row: i, f, g, o, tanh(c_t); c_{t-1} and c_t are read from the state buffer.
 */
public final class PeepholeLstmCell implements Cell {
  private Param peepI, peepF, peepO;

  @Override public int gates() { return 4; }
  @Override public int states() { return 2; }
  @Override public int cacheWidth(int hidden) { return 5 * hidden; }
  @Override public String module() { return "PeepholeLSTM"; }
  @Override public boolean sameProjectionGradients() { return true; }
  @Override public boolean directStateGradient() { return false; }

  @Override
  public List<String> extraParamNames(String suffix) {
    return List.of("weight_peep_i" + suffix, "weight_peep_f" + suffix, "weight_peep_o" + suffix);
  }

  @Override
  public void declareParams(Parameters.Builder builder, int hidden, String suffix) {
    for (String name : extraParamNames(suffix)) {
      builder.add(name, hidden);
    }
  }

  @Override
  public void bind(Parameters params, String suffix) {
    List<String> names = extraParamNames(suffix);
    peepI = params.get(names.get(0));
    peepF = params.get(names.get(1));
    peepO = params.get(names.get(2));
  }

  /** Uniform in ±1/√H, like every other weight of the layer. */
  @Override
  public void initParams(Parameters params, Random rng) {
    for (Param p : new Param[] {peepI, peepF, peepO}) {
      params.uniform((float) (1.0 / Math.sqrt(p.size())), rng, p);
    }
  }

  @Override
  public void forward(Step s) {
    int hd = s.hidden, g4 = 4 * hd, cw = 5 * hd;
    float[] xp = s.xp, hp = s.hp, cache = s.cache, v = s.params;
    int pi = peepI.offset(), pf = peepF.offset(), po = peepO.offset();
    for (int r = 0; r < s.batch; r++) {
      int x = s.xpOff + r * g4, p = s.hpOff + r * g4, k = s.cacheOff + r * cw;
      for (int j = 0; j < hd; j++) {
        float cPrev = s.c[s.cPrev + r * hd + j];
        float i = Activation.sigmoid(xp[x + j] + hp[p + j] + v[pi + j] * cPrev);
        float f = Activation.sigmoid(xp[x + hd + j] + hp[p + hd + j] + v[pf + j] * cPrev);
        float g = Activation.tanh(xp[x + 2 * hd + j] + hp[p + 2 * hd + j]);
        float c = f * cPrev + i * g;
        float o = Activation.sigmoid(xp[x + 3 * hd + j] + hp[p + 3 * hd + j] + v[po + j] * c);
        float tc = Activation.tanh(c);
        s.c[s.cNext + r * hd + j] = c;
        s.h[s.hNext + r * hd + j] = o * tc;
        cache[k + j] = i;
        cache[k + hd + j] = f;
        cache[k + 2 * hd + j] = g;
        cache[k + 3 * hd + j] = o;
        cache[k + 4 * hd + j] = tc;
      }
    }
  }

  @Override
  public void backward(Step s) {
    int hd = s.hidden, g4 = 4 * hd, cw = 5 * hd;
    float[] cache = s.cache, dxp = s.dxp, dhp = s.dhp, v = s.params, gr = s.grads;
    int pi = peepI.offset(), pf = peepF.offset(), po = peepO.offset();
    for (int r = 0; r < s.batch; r++) {
      int k = s.cacheOff + r * cw, dx = s.dxpOff + r * g4, dp = s.dhpOff + r * g4;
      for (int j = 0; j < hd; j++) {
        int rj = r * hd + j;
        float i = cache[k + j], f = cache[k + hd + j], g = cache[k + 2 * hd + j];
        float o = cache[k + 3 * hd + j], tc = cache[k + 4 * hd + j];
        float cPrev = s.c[s.cPrev + rj], c = s.c[s.cNext + rj];
        float dh = s.dh[s.dOff + rj];
        float ao = dh * tc * o * (1f - o);
        gr[po + j] += ao * c;
        float dC = s.dc[s.dOff + rj] + dh * o * (1f - tc * tc) + ao * v[po + j];
        float ai = dC * g * i * (1f - i);
        float af = dC * cPrev * f * (1f - f);
        float ag = dC * i * (1f - g * g);
        gr[pi + j] += ai * cPrev;
        gr[pf + j] += af * cPrev;
        s.dc[s.dOff + rj] = dC * f + ai * v[pi + j] + af * v[pf + j];
        dxp[dx + j] = ai;
        dxp[dx + hd + j] = af;
        dxp[dx + 2 * hd + j] = ag;
        dxp[dx + 3 * hd + j] = ao;
        dhp[dp + j] = ai;
        dhp[dp + hd + j] = af;
        dhp[dp + 2 * hd + j] = ag;
        dhp[dp + 3 * hd + j] = ao;
      }
    }
  }
}
