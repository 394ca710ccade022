package org.rnn4j.cell;

import org.rnn4j.math.Kernels;
import org.rnn4j.math.Pointwise;

/**
 * GRU cell, PyTorch's (cuDNN's) formulation: the reset gate scales the recurrent projection of
 * the candidate, which already includes b_hn. The projections hold three blocks of H rows: r, z, n.
 *
 * <pre>
 *   r = σ(xp_r + hp_r)
 *   z = σ(xp_z + hp_z)
 *   n = tanh(xp_n + r ⊙ hp_n)
 *   h_t = (1 − z) ⊙ n + z ⊙ h_{t-1}
 * </pre>
 *
 * Backward, in reverse (δ = dL/d·):
 *
 * <pre>
 *   δn = δh ⊙ (1 − z)   δz = δh ⊙ (h_{t-1} − n)   δh_{t-1} (direct) = δh ⊙ z
 *   δa_n = δn ⊙ (1 − n²);  δxp_n = δa_n;  δhp_n = δa_n ⊙ r;  δr = δa_n ⊙ hp_n
 *   δa_z = δz·z(1−z);  δa_r = δr·r(1−r)   (same for both projections)
 * </pre>
 *
 * The candidate block is the one place where dL/dxp ≠ dL/dhp. Cache per batch row: r, z, n,
 * hp_n (the layer overwrites hp every step).
 */
public final class GruCell implements Cell {
  @Override public int gates() { return 3; }
  @Override public int states() { return 1; }
  @Override public int cacheWidth(int hidden) { return 4 * hidden; }
  @Override public String module() { return "GRU"; }
  @Override public boolean rowsIndependent() { return true; }

  @Override
  public void forward(Step s) {
    int hd = s.hidden, g3 = 3 * hd, cw = 4 * hd;
    float[] xp = s.xp, hp = s.hp, h = s.h, cache = s.cache;
    Pointwise act = Kernels.pointwise();
    for (int row = 0; row < s.batch; row++) {
      int x = s.xpOff + row * g3, p = s.hpOff + row * g3, k = s.cacheOff + row * cw;
      int prev = s.hPrev + row * hd, next = s.hNext + row * hd;
      System.arraycopy(hp, p + 2 * hd, cache, k + 3 * hd, hd); // hp_n, before hp's rows are reused
      act.sigmoidOfSum(xp, x, hp, p, cache, k, 2 * hd); // r, z = σ(xp + hp)
      act.addMul(xp, x + 2 * hd, cache, k, cache, k + 3 * hd, hp, p + 2 * hd, hd); // xp_n + r ⊙ hp_n
      act.tanh(hp, p + 2 * hd, cache, k + 2 * hd, hd); // n
      act.mix(cache, k + hd, cache, k + 2 * hd, h, prev, h, next, hd); // h_t = (1 − z) ⊙ n + z ⊙ h_{t-1}
    }
  }

  @Override
  public void backward(Step s) {
    if (GateBackward.VECTOR != null) {
      GateBackward.VECTOR.gru(s);
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
    int hd = s.hidden, g3 = 3 * hd, cw = 4 * hd;
    float[] h = s.h, cache = s.cache, dxp = s.dxp, dhp = s.dhp;
    for (int row = 0; row < s.batch; row++) {
      int k = s.cacheOff + row * cw, dx = s.dxpOff + row * g3, dp = s.dhpOff + row * g3;
      for (int j = from; j < hd; j++) {
        int rj = row * hd + j;
        float r = cache[k + j], z = cache[k + hd + j], n = cache[k + 2 * hd + j], hpN = cache[k + 3 * hd + j];
        float dh = s.dh[s.dOff + rj];
        float dN = dh * (1f - z);
        float dZ = dh * (h[s.hPrev + rj] - n);
        s.dh[s.dOff + rj] = dh * z;
        float aN = dN * (1f - n * n);
        float dR = aN * hpN;
        float aZ = dZ * z * (1f - z);
        float aR = dR * r * (1f - r);
        dxp[dx + j] = aR;
        dxp[dx + hd + j] = aZ;
        dxp[dx + 2 * hd + j] = aN;
        dhp[dp + j] = aR;
        dhp[dp + hd + j] = aZ;
        dhp[dp + 2 * hd + j] = aN * r;
      }
    }
  }
}
