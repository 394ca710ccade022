package org.rnn4j.optim;

import org.rnn4j.tensor.Parameters;

/**
 * Adam (Kingma & Ba), as {@code torch.optim.Adam}/{@code AdamW}:
 * {@code m = β1 m + (1−β1) g; v = β2 v + (1−β2) g²; θ -= lr · m̂ / (√v̂ + ε)} with bias-corrected
 * m̂, v̂. Weight decay is either added to the gradient (Adam's L2) or, with {@code decoupled},
 * applied to the weights directly as {@code θ -= lr·λθ} (AdamW).
 */
public final class Adam implements Optimizer {
  private double lr;
  private final double beta1, beta2, eps, weightDecay;
  private final boolean decoupled;
  private float[] m, v;
  private long t;

  public Adam(double lr) {
    this(lr, 0.9, 0.999, 1e-8, 0, false);
  }

  public Adam(double lr, double beta1, double beta2, double eps, double weightDecay, boolean decoupled) {
    if (!(lr > 0) || beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1 || !(eps > 0) || weightDecay < 0) {
      throw new IllegalArgumentException("adam: expected lr > 0, betas in [0, 1), eps > 0, weight decay >= 0, found lr="
          + lr + ", betas=(" + beta1 + ", " + beta2 + "), eps=" + eps + ", weight decay=" + weightDecay);
    }
    this.lr = lr;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.weightDecay = weightDecay;
    this.decoupled = decoupled;
  }

  @Override
  public void step(Parameters params) {
    float[] w = params.values();
    float[] g = params.grads();
    if (m == null) {
      m = new float[w.length];
      v = new float[w.length];
    }
    t++;
    double c1 = 1 - Math.pow(beta1, t);
    double c2 = 1 - Math.pow(beta2, t);
    float stepSize = (float) (lr / c1);
    float invSqrtC2 = (float) (1 / Math.sqrt(c2));
    float b1 = (float) beta1, b2 = (float) beta2, e = (float) eps;
    float l2 = decoupled ? 0f : (float) weightDecay;
    float shrink = decoupled ? (float) (1 - lr * weightDecay) : 1f;
    for (int i = 0; i < w.length; i++) {
      float gi = g[i] + l2 * w[i];
      float mi = b1 * m[i] + (1 - b1) * gi;
      float vi = b2 * v[i] + (1 - b2) * gi * gi;
      m[i] = mi;
      v[i] = vi;
      w[i] = w[i] * shrink - stepSize * mi / ((float) Math.sqrt(vi) * invSqrtC2 + e);
    }
  }

  @Override public void setLearningRate(double lr) { this.lr = lr; }
  @Override public double learningRate() { return lr; }
}
