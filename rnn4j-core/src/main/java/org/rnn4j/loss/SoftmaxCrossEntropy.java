package org.rnn4j.loss;

import org.rnn4j.math.Kernels;

/**
 * Softmax cross-entropy fused with its softmax: {@code L = −Σ_j y_j log p_j},
 * {@code p = softmax(z)}, so {@code δz = p·Σ_j y_j − y} (= p − y for a distribution).
 * The log-probabilities are computed as {@code z − max − log Σ exp(z − max)} for stability; the
 * exponentials in float ({@link org.rnn4j.math.Pointwise#expMinus}, vectorised), their sum, the
 * logarithm and the loss in double.
 */
public final class SoftmaxCrossEntropy implements Loss {

  @Override public OutputActivation output() { return OutputActivation.SOFTMAX; }
  @Override public String id() { return "ce"; }

  /**
   * Rows are split among threads ({@link Kernels#parallelFor}); each row's loss is kept and the
   * losses are added in row order, so the total is the same on any thread count.
   */
  @Override
  public double forward(float[] z, int n, int o, float[] target, boolean targetIsIndex, float[] weight, float[] dz) {
    double[] rowLoss = new double[n];
    Kernels.parallelFor(n, (long) n * o, (r0, r1) -> {
      float[] e = new float[o];
      for (int r = r0; r < r1; r++) {
        rowLoss[r] = row(z, r * o, o, target, targetIsIndex, r, Loss.weightOf(weight, r), e, dz);
      }
    });
    double loss = 0;
    for (double l : rowLoss) {
      loss += l;
    }
    return loss;
  }

  /** Row r (at z[off ..]): writes δz and returns w·L; {@code e} is scratch for exp(z_j − max). */
  private static double row(float[] z, int off, int o, float[] target, boolean targetIsIndex, int r, float w,
      float[] e, float[] dz) {
    float max = z[off];
    for (int j = 1; j < o; j++) { // a NaN anywhere still makes the loss NaN (through its exp)
      if (z[off + j] > max) {
        max = z[off + j];
      }
    }
    Kernels.pointwise().expMinus(z, off, max, e, 0, o);
    double sum = 0;
    for (float ej : e) {
      sum += ej;
    }
    double invSum = 1.0 / sum;
    double logSum = Math.log(sum) + max;
    double loss = 0;
    if (targetIsIndex) {
      int k = (int) target[r];
      if (k < 0 || k >= o || k != target[r]) {
        throw new IllegalArgumentException("cross-entropy target: expected a class index in [0, " + o
            + "), found " + target[r] + " at row " + r);
      }
      loss = w * (logSum - z[off + k]);
      float scale = (float) (w * invSum);
      for (int j = 0; j < o; j++) {
        dz[off + j] = e[j] * scale;
      }
      dz[off + k] -= w;
    } else {
      double mass = 0;
      for (int j = 0; j < o; j++) {
        float y = target[off + j];
        mass += y;
        if (y != 0f) {
          loss += w * y * (logSum - z[off + j]);
        }
      }
      for (int j = 0; j < o; j++) {
        dz[off + j] = (float) (w * (mass * (e[j] * invSum) - target[off + j]));
      }
    }
    return loss;
  }
}
