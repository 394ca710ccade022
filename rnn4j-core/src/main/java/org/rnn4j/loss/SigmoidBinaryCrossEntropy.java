package org.rnn4j.loss;

import org.rnn4j.cell.Activation;

/**
 * Binary cross-entropy fused with the sigmoid, per output unit:
 * {@code L = −y log σ(z) − (1−y) log(1−σ(z)) = softplus(z) − y z}, {@code δz = σ(z) − y}.
 * softplus is computed as {@code max(z,0) + log1p(exp(−|z|))} so large |z| cannot overflow.
 */
public final class SigmoidBinaryCrossEntropy implements Loss {

  @Override public OutputActivation output() { return OutputActivation.SIGMOID; }
  @Override public String id() { return "bce"; }

  @Override
  public double forward(float[] z, int n, int o, float[] target, boolean targetIsIndex, float[] weight, float[] dz) {
    if (targetIsIndex) {
      throw new IllegalArgumentException("binary cross-entropy: expected targets of width " + o + ", found class indices");
    }
    double loss = 0;
    for (int r = 0; r < n; r++) {
      float w = Loss.weightOf(weight, r);
      for (int j = 0; j < o; j++) {
        int i = r * o + j;
        double zi = z[i];
        double softplus = Math.max(zi, 0) + Math.log1p(Math.exp(-Math.abs(zi)));
        loss += w * (softplus - target[i] * zi);
        dz[i] = w * (Activation.sigmoid(z[i]) - target[i]);
      }
    }
    return loss;
  }
}
