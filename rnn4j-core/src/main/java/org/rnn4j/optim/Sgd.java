package org.rnn4j.optim;

import org.rnn4j.tensor.Parameters;

/**
 * Stochastic gradient descent, as PyTorch's {@code torch.optim.SGD}:
 * {@code g = ∇ + λθ; v = μv + g; θ -= lr·(nesterov ? g + μv : v)} (plain SGD when μ = 0).
 */
public final class Sgd implements Optimizer {
  private double lr;
  private final double momentum;
  private final boolean nesterov;
  private final double weightDecay;
  private float[] velocity;

  public Sgd(double lr) {
    this(lr, 0, false, 0);
  }

  public Sgd(double lr, double momentum, boolean nesterov, double weightDecay) {
    if (!(lr > 0) || momentum < 0 || weightDecay < 0 || (nesterov && momentum == 0)) {
      throw new IllegalArgumentException("sgd: expected lr > 0, momentum >= 0 (> 0 for nesterov), weight decay >= 0, found lr="
          + lr + ", momentum=" + momentum + ", nesterov=" + nesterov + ", weight decay=" + weightDecay);
    }
    this.lr = lr;
    this.momentum = momentum;
    this.nesterov = nesterov;
    this.weightDecay = weightDecay;
  }

  @Override
  public void step(Parameters params) {
    float[] w = params.values();
    float[] g = params.grads();
    if (momentum != 0 && velocity == null) {
      velocity = new float[w.length];
    }
    float a = (float) lr, mu = (float) momentum, wd = (float) weightDecay;
    for (int i = 0; i < w.length; i++) {
      float gi = g[i] + wd * w[i];
      if (momentum != 0) {
        float v = mu * velocity[i] + gi;
        velocity[i] = v;
        gi = nesterov ? gi + mu * v : v;
      }
      w[i] -= a * gi;
    }
  }

  @Override public void setLearningRate(double lr) { this.lr = lr; }
  @Override public double learningRate() { return lr; }
}
