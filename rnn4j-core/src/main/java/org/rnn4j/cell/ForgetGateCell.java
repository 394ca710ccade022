package org.rnn4j.cell;

import org.rnn4j.math.Kernels;
import org.rnn4j.math.Pointwise;

/**
 * The forget-gate RNN: a single gate φ interpolates between keeping the old state and writing a
 * new candidate, so one gate does the work of LSTM's input and forget gates and there is no
 * separate memory cell. The projections hold two blocks of H rows: φ, u.
 *
 * <pre>
 *   φ = σ(xp_φ + hp_φ)
 *   u = tanh(xp_u + hp_u)
 *   h_t = φ ⊙ h_{t-1} + (1 − φ) ⊙ u
 * </pre>
 *
 * Backward, in reverse: {@code δφ = δh ⊙ (h_{t-1} − u)}, {@code δu = δh ⊙ (1 − φ)},
 * {@code δh_{t-1} (direct) = δh ⊙ φ}; {@code δa_φ = δφ·φ(1−φ)}, {@code δa_u = δu·(1−u²)}, the same
 * for both projections. Cache per batch row: φ, u.
 */
public final class ForgetGateCell implements Cell {
  @Override public int gates() { return 2; }
  @Override public int states() { return 1; }
  @Override public int cacheWidth(int hidden) { return 2 * hidden; }
  @Override public String module() { return "ForgetGateRNN"; }
  @Override public boolean rowsIndependent() { return true; }
  @Override public boolean sameProjectionGradients() { return true; }

  @Override
  public void forward(Step s) {
    int hd = s.hidden, g2 = 2 * hd, cw = 2 * hd;
    float[] xp = s.xp, hp = s.hp, h = s.h, cache = s.cache;
    Pointwise act = Kernels.pointwise();
    for (int r = 0; r < s.batch; r++) {
      int x = s.xpOff + r * g2, p = s.hpOff + r * g2, k = s.cacheOff + r * cw;
      int prev = s.hPrev + r * hd, next = s.hNext + r * hd;
      act.sigmoidOfSum(xp, x, hp, p, cache, k, hd); // φ = σ(xp + hp)
      act.tanhOfSum(xp, x + hd, hp, p + hd, cache, k + hd, hd); // u
      act.mix(cache, k, cache, k + hd, h, prev, h, next, hd); // h_t = (1 − φ) ⊙ u + φ ⊙ h_{t-1}
    }
  }

  @Override
  public void backward(Step s) {
    int hd = s.hidden, g2 = 2 * hd, cw = 2 * hd;
    float[] h = s.h, cache = s.cache, dxp = s.dxp, dhp = s.dhp;
    for (int r = 0; r < s.batch; r++) {
      int k = s.cacheOff + r * cw, dx = s.dxpOff + r * g2, dp = s.dhpOff + r * g2;
      for (int j = 0; j < hd; j++) {
        int rj = r * hd + j;
        float phi = cache[k + j], u = cache[k + hd + j];
        float dh = s.dh[s.dOff + rj];
        float dPhi = dh * (h[s.hPrev + rj] - u);
        float dU = dh * (1f - phi);
        s.dh[s.dOff + rj] = dh * phi;
        float aPhi = dPhi * phi * (1f - phi);
        float aU = dU * (1f - u * u);
        dxp[dx + j] = aPhi;
        dxp[dx + hd + j] = aU;
        dhp[dp + j] = aPhi;
        dhp[dp + hd + j] = aU;
      }
    }
  }
}
