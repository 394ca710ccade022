package org.rnn4j.cell;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link GateBackward} on the Vector API (compiled and loaded like VectorGemm). Each line is the
 * cell's scalar line with the same operand order: no fused multiply-adds, so every float is the
 * scalar loop's float. Units past the last full vector run the scalar loop (masked vector
 * operations are not compiled to vector instructions on JDK 17: they would be slower).
 */
public final class VectorGateBackward implements GateBackward {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final FloatVector ONE = FloatVector.broadcast(S, 1f);

  @Override
  public void lstm(Step s) {
    int hd = s.hidden, g4 = 4 * hd, cw = 5 * hd;
    float[] cache = s.cache, dxp = s.dxp, c = s.c, dh = s.dh, dc = s.dc;
    int full = hd / L * L;
    for (int r = 0; r < s.batch; r++) {
      int k = s.cacheOff + r * cw, dx = s.dxpOff + r * g4;
      int d = s.dOff + r * hd, prev = s.cPrev + r * hd;
      for (int j = 0; j < full; j += L) {
        FloatVector i = FloatVector.fromArray(S, cache, k + j);
        FloatVector f = FloatVector.fromArray(S, cache, k + hd + j);
        FloatVector g = FloatVector.fromArray(S, cache, k + 2 * hd + j);
        FloatVector o = FloatVector.fromArray(S, cache, k + 3 * hd + j);
        FloatVector tc = FloatVector.fromArray(S, cache, k + 4 * hd + j);
        FloatVector dH = FloatVector.fromArray(S, dh, d + j);
        FloatVector dO = dH.mul(tc);
        FloatVector dC = FloatVector.fromArray(S, dc, d + j).add(dH.mul(o).mul(oneMinus(tc.mul(tc))));
        FloatVector dI = dC.mul(g);
        FloatVector dF = dC.mul(FloatVector.fromArray(S, c, prev + j));
        FloatVector dG = dC.mul(i);
        dC.mul(f).intoArray(dc, d + j);
        dI.mul(i).mul(oneMinus(i)).intoArray(dxp, dx + j);
        dF.mul(f).mul(oneMinus(f)).intoArray(dxp, dx + hd + j);
        dG.mul(oneMinus(g.mul(g))).intoArray(dxp, dx + 2 * hd + j);
        dO.mul(o).mul(oneMinus(o)).intoArray(dxp, dx + 3 * hd + j);
      }
      s.copyDxpToDhp(r * g4, g4);
    }
    if (full < hd) {
      LstmCell.backwardUnits(s, full);
    }
  }

  @Override
  public void gru(Step s) {
    int hd = s.hidden, g3 = 3 * hd, cw = 4 * hd;
    float[] h = s.h, cache = s.cache, dxp = s.dxp, dhp = s.dhp, dh = s.dh;
    int full = hd / L * L;
    for (int row = 0; row < s.batch; row++) {
      int k = s.cacheOff + row * cw, dx = s.dxpOff + row * g3, dp = s.dhpOff + row * g3;
      int d = s.dOff + row * hd, prev = s.hPrev + row * hd;
      for (int j = 0; j < full; j += L) {
        FloatVector r = FloatVector.fromArray(S, cache, k + j);
        FloatVector z = FloatVector.fromArray(S, cache, k + hd + j);
        FloatVector n = FloatVector.fromArray(S, cache, k + 2 * hd + j);
        FloatVector hpN = FloatVector.fromArray(S, cache, k + 3 * hd + j);
        FloatVector dH = FloatVector.fromArray(S, dh, d + j);
        FloatVector dN = dH.mul(oneMinus(z));
        FloatVector dZ = dH.mul(FloatVector.fromArray(S, h, prev + j).sub(n));
        dH.mul(z).intoArray(dh, d + j);
        FloatVector aN = dN.mul(oneMinus(n.mul(n)));
        FloatVector aZ = dZ.mul(z).mul(oneMinus(z));
        FloatVector aR = aN.mul(hpN).mul(r).mul(oneMinus(r));
        aR.intoArray(dxp, dx + j);
        aZ.intoArray(dxp, dx + hd + j);
        aN.intoArray(dxp, dx + 2 * hd + j);
        aR.intoArray(dhp, dp + j);
        aZ.intoArray(dhp, dp + hd + j);
        aN.mul(r).intoArray(dhp, dp + 2 * hd + j);
      }
    }
    if (full < hd) {
      GruCell.backwardUnits(s, full);
    }
  }

  /** 1 − x, exactly as the scalar {@code 1f - x}. */
  private static FloatVector oneMinus(FloatVector x) {
    return ONE.sub(x);
  }
}
