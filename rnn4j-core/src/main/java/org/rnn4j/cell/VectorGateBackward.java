package org.rnn4j.cell;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link GateBackward} on the Vector API (compiled and loaded like VectorGemm). Each line is the
 * cell's scalar line with the same operand order: no fused multiply-adds, so every float is the
 * scalar loop's float. The last partial vector of units runs masked.
 */
public final class VectorGateBackward implements GateBackward {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  @Override
  public void lstm(Step s) {
    int hd = s.hidden, g4 = 4 * hd, cw = 5 * hd;
    float[] cache = s.cache, dxp = s.dxp, c = s.c, dh = s.dh, dc = s.dc;
    for (int r = 0; r < s.batch; r++) {
      int k = s.cacheOff + r * cw, dx = s.dxpOff + r * g4;
      int d = s.dOff + r * hd, prev = s.cPrev + r * hd;
      for (int j = 0; j < hd; j += L) {
        VectorMask<Float> m = S.indexInRange(j, hd);
        FloatVector i = FloatVector.fromArray(S, cache, k + j, m);
        FloatVector f = FloatVector.fromArray(S, cache, k + hd + j, m);
        FloatVector g = FloatVector.fromArray(S, cache, k + 2 * hd + j, m);
        FloatVector o = FloatVector.fromArray(S, cache, k + 3 * hd + j, m);
        FloatVector tc = FloatVector.fromArray(S, cache, k + 4 * hd + j, m);
        FloatVector dH = FloatVector.fromArray(S, dh, d + j, m);
        FloatVector dO = dH.mul(tc);
        FloatVector dC = FloatVector.fromArray(S, dc, d + j, m).add(dH.mul(o).mul(oneMinus(tc.mul(tc))));
        FloatVector dI = dC.mul(g);
        FloatVector dF = dC.mul(FloatVector.fromArray(S, c, prev + j, m));
        FloatVector dG = dC.mul(i);
        dC.mul(f).intoArray(dc, d + j, m);
        FloatVector.zero(S).intoArray(dh, d + j, m);
        dI.mul(i).mul(oneMinus(i)).intoArray(dxp, dx + j, m);
        dF.mul(f).mul(oneMinus(f)).intoArray(dxp, dx + hd + j, m);
        dG.mul(oneMinus(g.mul(g))).intoArray(dxp, dx + 2 * hd + j, m);
        dO.mul(o).mul(oneMinus(o)).intoArray(dxp, dx + 3 * hd + j, m);
      }
      System.arraycopy(dxp, dx, s.dhp, s.dhpOff + r * g4, g4);
    }
  }

  @Override
  public void gru(Step s) {
    int hd = s.hidden, g3 = 3 * hd, cw = 4 * hd;
    float[] h = s.h, cache = s.cache, dxp = s.dxp, dhp = s.dhp, dh = s.dh;
    for (int row = 0; row < s.batch; row++) {
      int k = s.cacheOff + row * cw, dx = s.dxpOff + row * g3, dp = s.dhpOff + row * g3;
      int d = s.dOff + row * hd, prev = s.hPrev + row * hd;
      for (int j = 0; j < hd; j += L) {
        VectorMask<Float> m = S.indexInRange(j, hd);
        FloatVector r = FloatVector.fromArray(S, cache, k + j, m);
        FloatVector z = FloatVector.fromArray(S, cache, k + hd + j, m);
        FloatVector n = FloatVector.fromArray(S, cache, k + 2 * hd + j, m);
        FloatVector hpN = FloatVector.fromArray(S, cache, k + 3 * hd + j, m);
        FloatVector dH = FloatVector.fromArray(S, dh, d + j, m);
        FloatVector dN = dH.mul(oneMinus(z));
        FloatVector dZ = dH.mul(FloatVector.fromArray(S, h, prev + j, m).sub(n));
        dH.mul(z).intoArray(dh, d + j, m);
        FloatVector aN = dN.mul(oneMinus(n.mul(n)));
        FloatVector aZ = dZ.mul(z).mul(oneMinus(z));
        FloatVector aR = aN.mul(hpN).mul(r).mul(oneMinus(r));
        aR.intoArray(dxp, dx + j, m);
        aZ.intoArray(dxp, dx + hd + j, m);
        aN.intoArray(dxp, dx + 2 * hd + j, m);
        aR.intoArray(dhp, dp + j, m);
        aZ.intoArray(dhp, dp + hd + j, m);
        aN.mul(r).intoArray(dhp, dp + 2 * hd + j, m);
      }
    }
  }

  /** 1 − x, exactly as the scalar {@code 1f - x}. */
  private static FloatVector oneMinus(FloatVector x) {
    return x.neg().add(1f);
  }
}
