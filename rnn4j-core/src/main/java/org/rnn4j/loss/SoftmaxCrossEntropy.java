package org.rnn4j.loss;

/**
 * Softmax cross-entropy fused with its softmax: {@code L = −Σ_j y_j log p_j},
 * {@code p = softmax(z)}, so {@code δz = p·Σ_j y_j − y} (= p − y for a distribution).
 * The log-probabilities are computed as {@code z − max − log Σ exp(z − max)} for stability.
 */
public final class SoftmaxCrossEntropy implements Loss {

  @Override public OutputActivation output() { return OutputActivation.SOFTMAX; }
  @Override public String id() { return "ce"; }

  @Override
  public double forward(float[] z, int n, int o, float[] target, boolean targetIsIndex, float[] weight, float[] dz) {
    double loss = 0;
    for (int r = 0; r < n; r++) {
      int off = r * o;
      float w = Loss.weightOf(weight, r);
      float max = Float.NEGATIVE_INFINITY;
      for (int j = 0; j < o; j++) {
        max = Math.max(max, z[off + j]);
      }
      double sum = 0;
      for (int j = 0; j < o; j++) {
        sum += Math.exp(z[off + j] - max);
      }
      double logSum = Math.log(sum) + max;
      if (targetIsIndex) {
        int k = (int) target[r];
        if (k < 0 || k >= o || k != target[r]) {
          throw new IllegalArgumentException("cross-entropy target: expected a class index in [0, " + o
              + "), found " + target[r] + " at row " + r);
        }
        loss += w * (logSum - z[off + k]);
        for (int j = 0; j < o; j++) {
          dz[off + j] = (float) (w * Math.exp(z[off + j] - logSum));
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
          dz[off + j] = (float) (w * (mass * Math.exp(z[off + j] - logSum) - target[off + j]));
        }
      }
    }
    return loss;
  }
}
