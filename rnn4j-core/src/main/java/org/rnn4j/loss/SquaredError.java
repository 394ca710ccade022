package org.rnn4j.loss;

/**
 * Squared error {@code L = ½ ‖o − y‖²} with {@code o = f_o(z)} for any output activation;
 * {@code δo = o − y}, {@code δz = J_f^T δo}.
 */
public final class SquaredError implements Loss {
  private final OutputActivation f;
  /** o and δo, kept from call to call (one loss object per model, used by one thread). */
  private float[] out = new float[0], dOut = new float[0];

  public SquaredError(OutputActivation f) {
    this.f = f;
  }

  @Override public OutputActivation output() { return f; }
  @Override public String id() { return "mse"; }

  @Override
  public double forward(float[] z, int n, int o, float[] target, boolean targetIsIndex, float[] weight, float[] dz) {
    if (targetIsIndex) {
      throw new IllegalArgumentException("squared error: expected targets of width " + o + ", found class indices");
    }
    if (out.length != n * o) {
      out = new float[n * o];
      dOut = new float[n * o];
    }
    f.apply(z, n, o, out);
    double loss = 0;
    for (int r = 0; r < n; r++) {
      float w = Loss.weightOf(weight, r);
      double rowLoss = 0;
      for (int j = 0; j < o; j++) {
        int i = r * o + j;
        float diff = out[i] - target[i];
        rowLoss += 0.5 * diff * diff;
        dOut[i] = w * diff;
      }
      loss += w * rowLoss;
    }
    f.backward(out, dOut, n, o, dz);
    return loss;
  }
}
