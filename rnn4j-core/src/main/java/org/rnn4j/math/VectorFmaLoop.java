package org.rnn4j.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** {@link FmaLoop} on the Vector API's preferred species (512 bits on AVX-512, 256 on AVX2). */
public final class VectorFmaLoop implements FmaLoop {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  @Override
  public float run(long iterations) {
    FloatVector x = FloatVector.broadcast(S, 0.999999f), b = FloatVector.broadcast(S, 1e-7f);
    // Sixteen accumulators in locals (an array would keep them in memory).
    FloatVector a0 = b, a1 = b, a2 = b, a3 = b, a4 = b, a5 = b, a6 = b, a7 = b;
    FloatVector a8 = b, a9 = b, a10 = b, a11 = b, a12 = b, a13 = b, a14 = b, a15 = b;
    for (long i = 0; i < iterations; i++) {
      a0 = a0.fma(x, b);
      a1 = a1.fma(x, b);
      a2 = a2.fma(x, b);
      a3 = a3.fma(x, b);
      a4 = a4.fma(x, b);
      a5 = a5.fma(x, b);
      a6 = a6.fma(x, b);
      a7 = a7.fma(x, b);
      a8 = a8.fma(x, b);
      a9 = a9.fma(x, b);
      a10 = a10.fma(x, b);
      a11 = a11.fma(x, b);
      a12 = a12.fma(x, b);
      a13 = a13.fma(x, b);
      a14 = a14.fma(x, b);
      a15 = a15.fma(x, b);
    }
    return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11).add(a12)
        .add(a13).add(a14).add(a15).reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
  }

  @Override
  public float readSum(float[] a) {
    int l = S.length();
    FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
    for (int i = 0; i + 8 * l <= a.length; i += 8 * l) {
      s0 = s0.add(FloatVector.fromArray(S, a, i));
      s1 = s1.add(FloatVector.fromArray(S, a, i + l));
      s2 = s2.add(FloatVector.fromArray(S, a, i + 2 * l));
      s3 = s3.add(FloatVector.fromArray(S, a, i + 3 * l));
      s4 = s4.add(FloatVector.fromArray(S, a, i + 4 * l));
      s5 = s5.add(FloatVector.fromArray(S, a, i + 5 * l));
      s6 = s6.add(FloatVector.fromArray(S, a, i + 6 * l));
      s7 = s7.add(FloatVector.fromArray(S, a, i + 7 * l));
    }
    return s0.add(s1).add(s2).add(s3).add(s4).add(s5).add(s6).add(s7).reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
  }

  @Override
  public int lanes() {
    return S.length();
  }
}
