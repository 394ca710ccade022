package org.rnn4j.cell;

import java.util.Locale;
import org.rnn4j.math.Kernels;
import org.rnn4j.math.ScalarPointwise;

/**
 * Pointwise nonlinearities. The derivative is written in terms of the output y = f(a), which is
 * what the forward pass already stored, so backward needs no extra cache.
 */
public enum Activation {
  TANH {
    @Override public float apply(float a) { return tanh(a); }
    @Override public void apply(float[] x, int xOff, float[] y, int yOff, int n) {
      Kernels.pointwise().tanh(x, xOff, y, yOff, n);
    }
    @Override public void applyOfSum(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
      Kernels.pointwise().tanhOfSum(a, aOff, b, bOff, y, yOff, n);
    }
    @Override public float derivFromOutput(float y) { return 1f - y * y; }
    @Override public void backward(float[] dy, int dyOff, float[] y, int yOff, float[] dx, int dxOff, int n) {
      Kernels.pointwise().tanhBackward(dy, dyOff, y, yOff, dx, dxOff, n);
    }
  },
  RELU {
    @Override public float apply(float a) { return a > 0f ? a : 0f; }
    @Override public float derivFromOutput(float y) { return y > 0f ? 1f : 0f; }
  },
  SIGMOID {
    @Override public float apply(float a) { return sigmoid(a); }
    @Override public void apply(float[] x, int xOff, float[] y, int yOff, int n) {
      Kernels.pointwise().sigmoid(x, xOff, y, yOff, n);
    }
    @Override public void applyOfSum(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
      Kernels.pointwise().sigmoidOfSum(a, aOff, b, bOff, y, yOff, n);
    }
    @Override public float derivFromOutput(float y) { return y * (1f - y); }
  },
  IDENTITY {
    @Override public float apply(float a) { return a; }
    @Override public float derivFromOutput(float y) { return 1f; }
  };

  public abstract float apply(float a);

  /**
   * y[yOff + i] = f(x[xOff + i]) for i in [0, n): tanh and σ through {@link Kernels#pointwise}
   * (vectorised when the Vector API is present, within 2 ulp of {@link #apply}).
   */
  public void apply(float[] x, int xOff, float[] y, int yOff, int n) {
    for (int i = 0; i < n; i++) {
      y[yOff + i] = apply(x[xOff + i]);
    }
  }

  /**
   * y = f(a + b) for i in [0, n): the pre-activation sum and f in one pass for tanh and σ; the
   * others add into b (scratch) first, then apply f.
   */
  public void applyOfSum(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
    Kernels.pointwise().addTo(a, aOff, b, bOff, n);
    apply(b, bOff, y, yOff, n);
  }

  /** f'(a) expressed through y = f(a). */
  public abstract float derivFromOutput(float y);

  /** dx = dy ⊙ f'(a) through the outputs y = f(a), elementwise (tanh vectorised, same floats). */
  public void backward(float[] dy, int dyOff, float[] y, int yOff, float[] dx, int dxOff, int n) {
    for (int i = 0; i < n; i++) {
      dx[dxOff + i] = dy[dyOff + i] * derivFromOutput(y[yOff + i]);
    }
  }

  /** One float's tanh; see {@link ScalarPointwise#tanh}. */
  public static float tanh(float a) {
    return ScalarPointwise.tanh(a);
  }

  public static float sigmoid(float a) {
    return ScalarPointwise.sigmoid(a);
  }

  /** Lower-case name as used in files and on the command line ("tanh", "relu", ...). */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Activation parse(String s) {
    for (Activation a : values()) {
      if (a.id().equals(s.toLowerCase(Locale.ROOT))) {
        return a;
      }
    }
    throw new IllegalArgumentException("activation: expected one of tanh, relu, sigmoid, identity, found '" + s + "'");
  }
}
