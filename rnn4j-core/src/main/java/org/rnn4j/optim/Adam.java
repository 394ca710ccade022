package org.rnn4j.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam (Kingma &amp; Ba), as PyTorch's {@code torch.optim.Adam} and, with {@code decoupled},
 * {@code torch.optim.AdamW} (amsgrad off):
 * <pre>
 *   Adam:  g = ∇ + λθ                 AdamW: g = ∇;  θ = θ·(1 − lr·λ)
 *   m = β1·m + (1−β1)·g              (exp_avg)
 *   v = β2·v + (1−β2)·g²             (exp_avg_sq)
 *   θ = θ − (lr / (1−β1ᵗ)) · m / (√v / √(1−β2ᵗ) + ε)
 * </pre>
 */
public final class Adam extends FlatOptimizer {
  private static final String EXP_AVG = "exp_avg", EXP_AVG_SQ = "exp_avg_sq";
  private final double beta1, beta2, eps, weightDecay;
  private final boolean decoupled;

  /** PyTorch's defaults, stated once: the CLI, config files and {@link Optimizers} use them. */
  public static final double BETA1 = 0.9, BETA2 = 0.999, EPS = 1e-8;

  public Adam(double lr) {
    this(lr, BETA1, BETA2, EPS, 0, false);
  }

  public Adam(double lr, double beta1, double beta2, double eps, double weightDecay, boolean decoupled) {
    super(lr, List.of(EXP_AVG, EXP_AVG_SQ));
    check(lr > 0 && beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1 && eps > 0 && weightDecay >= 0,
        decoupled ? "adamw" : "adam", "lr > 0, betas in [0, 1), eps > 0, weight decay >= 0",
        "lr=" + lr + ", betas=(" + beta1 + ", " + beta2 + "), eps=" + eps + ", weight decay=" + weightDecay);
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.weightDecay = weightDecay;
    this.decoupled = decoupled;
  }

  /** AdamW with PyTorch's defaults (betas 0.9, 0.999; eps 1e-8) and decoupled weight decay λ. */
  public static Adam adamW(double lr, double weightDecay) {
    return new Adam(lr, BETA1, BETA2, EPS, weightDecay, true);
  }

  @Override
  void update(float[] w, float[] g, long t, int from, int to) {
    float[] m = buffer(EXP_AVG), v = buffer(EXP_AVG_SQ);
    double lr = learningRate();
    double c1 = 1 - Math.pow(beta1, t);
    double c2 = 1 - Math.pow(beta2, t);
    float stepSize = (float) (lr / c1);
    float invSqrtC2 = (float) (1 / Math.sqrt(c2));
    float b1 = (float) beta1, b2 = (float) beta2, e = (float) eps;
    float l2 = decoupled ? 0f : (float) weightDecay;
    float shrink = decoupled ? (float) (1 - lr * weightDecay) : 1f;
    for (int i = from; i < to; i++) {
      float gi = g[i] + l2 * w[i];
      float mi = b1 * m[i] + (1 - b1) * gi;
      float vi = b2 * v[i] + (1 - b2) * gi * gi;
      m[i] = mi;
      v[i] = vi;
      w[i] = w[i] * shrink - stepSize * mi / ((float) Math.sqrt(vi) * invSqrtC2 + e);
    }
  }

  @Override
  public String name() {
    return decoupled ? "adamw" : "adam";
  }

  @Override
  public Map<String, Object> hyperParameters() {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("beta1", beta1);
    h.put("beta2", beta2);
    h.put("eps", eps);
    h.put("weight_decay", weightDecay);
    return h;
  }
}
