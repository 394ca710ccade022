package org.rnn4j.math;

/**
 * The transcendental functions of the cells' gate math, applied to runs of floats: {@code
 * y[yOff + i] = f(x[xOff + i])} for i in [0, n). x and y may be the same array at the same
 * offset. {@link Kernels#pointwise} picks the implementation: {@link VectorPointwise} (the
 * Vector API's sigmoid and tanh, within about 1 ulp of the exact values, 10–50× faster than
 * scalar code on JDK 17) when the Vector API module is present, else {@link ScalarPointwise}.
 */
public interface Pointwise {
  /** σ(a) = 1 / (1 + e^{−a}). */
  void sigmoid(float[] x, int xOff, float[] y, int yOff, int n);

  void tanh(float[] x, int xOff, float[] y, int yOff, int n);
}
