package org.rnn4j.math;

/**
 * The elementwise kernels of the time loop, applied to runs of floats: the transcendental
 * functions of the gate math, {@code y[yOff + i] = f(x[xOff + i])} for i in [0, n), and running
 * sums. x and y may be the same array at the same offset. {@link Kernels#pointwise} picks the
 * implementation: {@link VectorPointwise} (within 2 ulp of the exact values, about 10× faster
 * than scalar code on JDK 17) when the Vector API module is present, else {@link
 * ScalarPointwise}. Either gives the same floats on every run.
 */
public interface Pointwise {
  /** σ(a) = 1 / (1 + e^{−a}). */
  void sigmoid(float[] x, int xOff, float[] y, int yOff, int n);

  void tanh(float[] x, int xOff, float[] y, int yOff, int n);

  /**
   * y = σ(a + b): a pre-activation sum and its σ in one pass, the same floats as {@link #addTo}
   * then {@link #sigmoid}.
   */
  void sigmoidOfSum(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n);

  /** y = tanh(a + b) in one pass, the same floats as {@link #addTo} then {@link #tanh}. */
  void tanhOfSum(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n);

  /**
   * y = e^{x − m} (x − m rounded to float first) for m ≥ every x, as softmax uses it with m = the
   * row's maximum: values in (0, 1], those under 1.2e-38 possibly as 1.2e-38.
   */
  void expMinus(float[] x, int xOff, float m, float[] y, int yOff, int n);

  /** y[yOff + i] += x[xOff + i]: bias rows, pre-activations, gradient sums (one rounding: the same floats from both). */
  void addTo(float[] x, int xOff, float[] y, int yOff, int n);

  /** y = a ⊙ b elementwise (h_t = o ⊙ tanh(c_t)). */
  void mul(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n);

  /** dx = dy ⊙ (1 − y²) elementwise, rounded as written: tanh's backward through its output y. */
  void tanhBackward(float[] dy, int dyOff, float[] y, int yOff, float[] dx, int dxOff, int n);

  /** y = x + a ⊙ b elementwise, rounded as written (GRU: xp_n + r ⊙ hp_n). */
  void addMul(float[] x, int xOff, float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n);

  /** y = (1 − z) ⊙ a + z ⊙ b elementwise, rounded as written (GRU and forget-gate state updates). */
  void mix(float[] z, int zOff, float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n);

  /** y = a ⊙ b + c ⊙ d elementwise, rounded as written (c_t = f ⊙ c_{t-1} + i ⊙ g). */
  void mulAdd(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, float[] d, int dOff,
      float[] y, int yOff, int n);
}
