package org.rnn4j.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Pointwise} on the Vector API (JDK 17 incubator, loaded reflectively like {@link
 * VectorGemm}). e^x, σ and tanh are computed here from additions, multiplications and fused
 * multiply-adds only (Cephes' single-precision expf and tanhf: Cody–Waite range reduction,
 * a degree-6 polynomial, 2^n built in the exponent bits), not with the API's EXP and TANH: those
 * run Intel's SVML once C2 compiles the code but Math.exp / Math.tanh before, so a result would
 * depend on when the JIT got to it (about 1 % of floats differ), and runs would not repeat bit
 * for bit. These operations give the same floats interpreted or compiled. Error against the
 * exact values: under 2 ulp for σ and 1.3 ulp for tanh (measured on 16,384 random inputs, plus
 * 0, ±0, tiny, huge, ±∞, NaN); 0.6 ns (σ) and 0.85 ns (tanh) per float against 6 and 11 ns for
 * {@link ScalarPointwise}.
 */
public final class VectorPointwise implements Pointwise {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  /** Ints of S's shape: float bits are reinterpreted to this constant (see {@link #exponential}). */
  private static final VectorSpecies<Integer> IS = VectorSpecies.of(int.class, S.vectorShape());
  private static final FloatVector ONE = FloatVector.broadcast(S, 1f);
  private static final FloatVector TWO = FloatVector.broadcast(S, 2f);
  /** Where tanh switches from its odd polynomial to e^x (see {@link #exponential}), as bits. */
  private static final int SMALL_BITS = Float.floatToRawIntBits(0.625f);
  /** 1.5·2^23 (see the constants of e^x below). */
  private static final float ROUND = 12582912f;
  private static final int ROUND_BITS = Float.floatToRawIntBits(ROUND);

  @Override
  public void sigmoid(float[] x, int xOff, float[] y, int yOff, int n) {
    exponential(SIGMOID, x, xOff, null, 0, 0f, y, yOff, n);
  }

  @Override
  public void sigmoidOfSum(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
    exponential(SIGMOID, a, aOff, b, bOff, 0f, y, yOff, n);
  }

  @Override
  public void tanh(float[] x, int xOff, float[] y, int yOff, int n) {
    exponential(TANH, x, xOff, null, 0, 0f, y, yOff, n);
  }

  @Override
  public void tanhOfSum(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
    exponential(TANH, a, aOff, b, bOff, 0f, y, yOff, n);
  }

  @Override
  public void expMinus(float[] x, int xOff, float m, float[] y, int yOff, int n) {
    exponential(EXP, x, xOff, null, 0, m, y, yOff, n);
  }

  /** What {@link #exponential} computes. */
  private static final int SIGMOID = 0, TANH = 1, EXP = 2;

  /**
   * y = f(v) for v = a, or a + b when b is not null, with f = σ, tanh or (EXP) e^{v − m}. σ(v) =
   * 1 / (1 + e^{−v}); tanh(v) = x + x³·P(x²) for x = |v| < 0.625, else 1 − 2 / (e^{2x} + 1), with
   * v's sign put back (so tanh(−0) = −0); m is used by EXP only.
   *
   * <p>Written for C2 (JDK 17), which boxes every vector of a loop (a heap object each, 0.3–0.5
   * GB/s of garbage: medium 6 % and bidir 10 % slower per step) when it fails to turn one vector
   * operation into instructions:
   * <ul>
   *   <li>one method for all three, its vector code all in its own body (e^x included: a helper
   *       C2 declines to inline fails), and too big for C2 to inline into a caller (over 325 bytes
   *       of bytecode): inlined into the LSTM step, C2's node budget ran out part way through;
   *   <li>bits reinterpreted to the constant species IS and S (reinterpretAsInts/AsFloats look
   *       theirs up, not always folded to a constant);
   *   <li>tanh's two branches chosen and signed on the bits instead of with a mask: C2 did not
   *       compile the store of a blend's result.
   * </ul>
   */
  private static void exponential(int f, float[] a, int aOff, float[] b, int bOff, float m, float[] y, int yOff,
      int n) {
    int i = 0;
    for (; i <= n - L; i += L) {
      FloatVector v = FloatVector.fromArray(S, a, aOff + i);
      if (b != null) {
        v = v.add(FloatVector.fromArray(S, b, bOff + i));
      }
      FloatVector ax = v.abs();
      // e^{2|v|} for tanh, e^{−v} for σ, e^{v − m}: see the constants below (2|v| ≥ 0 needs no lower clamp)
      FloatVector e = f == TANH ? ax.add(ax).min(EXP_MAX)
          : (f == SIGMOID ? v.neg() : v.sub(m)).max(EXP_MIN).min(EXP_MAX);
      FloatVector t = e.fma(LOG2E, ROUND_V);
      FloatVector k = t.sub(ROUND_V);
      FloatVector r = k.fma(LN2_LO, k.fma(LN2_HI, e));
      FloatVector p = P0.fma(r, P1).fma(r, P2).fma(r, P3).fma(r, P4).fma(r, P5).fma(r.mul(r), r).add(ONE);
      IntVector k127 = ((IntVector) t.reinterpretShape(IS, 0)).sub(ROUND_BITS - 127);
      e = p.mul((FloatVector) k127.lanewise(VectorOperators.LSHL, 23).reinterpretShape(S, 0));
      if (f == EXP) {
        e.intoArray(y, yOff + i);
        continue;
      }
      if (f == SIGMOID) {
        ONE.div(e.add(ONE)).intoArray(y, yOff + i);
        continue;
      }
      FloatVector large = ONE.sub(TWO.div(e.add(ONE)));
      FloatVector z = ax.mul(ax);
      FloatVector q = T0.fma(z, T1).fma(z, T2).fma(z, T3).fma(z, T4);
      FloatVector small = q.mul(z).fma(ax, ax);
      // Chosen on the bits: for x = |v| ≥ 0 (NaN too) the bits order as the values, so bits(x) −
      // bits(0.625) < 0 exactly when x < 0.625; its sign bit, spread by an arithmetic shift, picks small
      IntVector largeBits = (IntVector) large.reinterpretShape(IS, 0);
      IntVector smallBits = (IntVector) small.reinterpretShape(IS, 0);
      IntVector pickSmall = ((IntVector) ax.reinterpretShape(IS, 0)).sub(SMALL_BITS).lanewise(VectorOperators.ASHR, 31);
      IntVector magnitude = largeBits.lanewise(VectorOperators.XOR,
          largeBits.lanewise(VectorOperators.XOR, smallBits).lanewise(VectorOperators.AND, pickSmall));
      IntVector sign = ((IntVector) v.reinterpretShape(IS, 0)).lanewise(VectorOperators.AND, 0x80000000);
      ((FloatVector) magnitude.lanewise(VectorOperators.OR, sign).reinterpretShape(S, 0)).intoArray(y, yOff + i);
    }
    if (i < n) {
      float[] t = tail(a, aOff + i, b, bOff + i, n - i);
      exponential(f, t, 0, null, 0, m, t, 0, L);
      System.arraycopy(t, 0, y, yOff + i, n - i);
    }
  }

  /**
   * The last n (&lt; L) inputs (a, or the sums a + b, one rounding each as in a vector lane) in
   * this thread's one-vector scratch, zero after them: the full-vector code then runs on it
   * (masked loads and stores are not vector instructions on JDK 17), and every lane gets the same
   * float as it would in the main loop.
   */
  private static float[] tail(float[] a, int aOff, float[] b, int bOff, int n) {
    float[] t = TAIL.get();
    for (int j = 0; j < n; j++) {
      t[j] = b == null ? a[aOff + j] : a[aOff + j] + b[bOff + j];
    }
    java.util.Arrays.fill(t, n, L, 0f);
    return t;
  }

  /*
   * e^a = 2^k · e^r with k = round(a·log2 e) and r = a − k·ln 2 (ln 2 in two parts, so r is exact
   * enough), e^r = 1 + r + r²·P(r). a is clamped to [−87.34, 88.38] first, where 2^k stays a
   * normal float; e^a then ends at 1.2e-38 and 2.4e38 (σ, tanh and softmax need no more); NaN
   * stays NaN.
   * Adding ROUND rounds a·log2 e to the integer k and leaves k in t's low mantissa bits, from
   * which k + 127 goes into the exponent field.
   */
  private static final FloatVector EXP_MIN = FloatVector.broadcast(S, -87.33654f);
  private static final FloatVector EXP_MAX = FloatVector.broadcast(S, 88.37626f);
  private static final FloatVector LOG2E = FloatVector.broadcast(S, 1.44269504088896341f);
  private static final FloatVector ROUND_V = FloatVector.broadcast(S, ROUND);
  private static final FloatVector LN2_HI = FloatVector.broadcast(S, -0.693359375f);
  private static final FloatVector LN2_LO = FloatVector.broadcast(S, 2.12194440e-4f);
  private static final FloatVector P0 = FloatVector.broadcast(S, 1.9875691500E-4f);
  private static final FloatVector P1 = FloatVector.broadcast(S, 1.3981999507E-3f);
  private static final FloatVector P2 = FloatVector.broadcast(S, 8.3334519073E-3f);
  private static final FloatVector P3 = FloatVector.broadcast(S, 4.1665795894E-2f);
  private static final FloatVector P4 = FloatVector.broadcast(S, 1.6666665459E-1f);
  private static final FloatVector P5 = FloatVector.broadcast(S, 5.0000001201E-1f);
  /* tanh's odd polynomial for |a| < 0.625 (Cephes tanhf). */
  private static final FloatVector T0 = FloatVector.broadcast(S, -5.70498872745E-3f);
  private static final FloatVector T1 = FloatVector.broadcast(S, 2.06390887954E-2f);
  private static final FloatVector T2 = FloatVector.broadcast(S, -5.37397155531E-2f);
  private static final FloatVector T3 = FloatVector.broadcast(S, 1.33314422036E-1f);
  private static final FloatVector T4 = FloatVector.broadcast(S, -3.33332819422E-1f);
  private static final ThreadLocal<float[]> TAIL = ThreadLocal.withInitial(() -> new float[L]);

  @Override
  public void addTo(float[] x, int xOff, float[] y, int yOff, int n) {
    int i = 0;
    for (; i <= n - L; i += L) {
      FloatVector.fromArray(S, y, yOff + i).add(FloatVector.fromArray(S, x, xOff + i)).intoArray(y, yOff + i);
    }
    for (; i < n; i++) { // one rounding per element: the same float as a vector lane
      y[yOff + i] += x[xOff + i];
    }
  }

  @Override
  public void mul(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
    int i = 0;
    for (; i <= n - L; i += L) {
      FloatVector.fromArray(S, a, aOff + i).mul(FloatVector.fromArray(S, b, bOff + i)).intoArray(y, yOff + i);
    }
    for (; i < n; i++) {
      y[yOff + i] = a[aOff + i] * b[bOff + i];
    }
  }

  @Override
  public void mulAdd(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, float[] d, int dOff,
      float[] y, int yOff, int n) {
    int i = 0;
    for (; i <= n - L; i += L) {
      FloatVector ab = FloatVector.fromArray(S, a, aOff + i).mul(FloatVector.fromArray(S, b, bOff + i));
      FloatVector cd = FloatVector.fromArray(S, c, cOff + i).mul(FloatVector.fromArray(S, d, dOff + i));
      ab.add(cd).intoArray(y, yOff + i);
    }
    for (; i < n; i++) { // no fused multiply-add: the same floats as a vector lane and as the scalar code
      y[yOff + i] = a[aOff + i] * b[bOff + i] + c[cOff + i] * d[dOff + i];
    }
  }

  @Override
  public void addMul(float[] x, int xOff, float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
    int i = 0;
    for (; i <= n - L; i += L) {
      FloatVector ab = FloatVector.fromArray(S, a, aOff + i).mul(FloatVector.fromArray(S, b, bOff + i));
      FloatVector.fromArray(S, x, xOff + i).add(ab).intoArray(y, yOff + i);
    }
    for (; i < n; i++) {
      y[yOff + i] = x[xOff + i] + a[aOff + i] * b[bOff + i];
    }
  }

  @Override
  public void mix(float[] z, int zOff, float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
    int i = 0;
    for (; i <= n - L; i += L) {
      FloatVector zi = FloatVector.fromArray(S, z, zOff + i);
      FloatVector left = ONE.sub(zi).mul(FloatVector.fromArray(S, a, aOff + i));
      left.add(zi.mul(FloatVector.fromArray(S, b, bOff + i))).intoArray(y, yOff + i);
    }
    for (; i < n; i++) {
      float zi = z[zOff + i];
      y[yOff + i] = (1f - zi) * a[aOff + i] + zi * b[bOff + i];
    }
  }

  @Override
  public void tanhBackward(float[] dy, int dyOff, float[] y, int yOff, float[] dx, int dxOff, int n) {
    int i = 0;
    for (; i <= n - L; i += L) {
      FloatVector yi = FloatVector.fromArray(S, y, yOff + i);
      FloatVector.fromArray(S, dy, dyOff + i).mul(ONE.sub(yi.mul(yi))).intoArray(dx, dxOff + i);
    }
    for (; i < n; i++) {
      float yi = y[yOff + i];
      dx[dxOff + i] = dy[dyOff + i] * (1f - yi * yi);
    }
  }
}
