package org.rnn4j.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent, as PyTorch's {@code torch.optim.SGD} (dampening 0):
 * <pre>
 *   g = ∇ + λθ
 *   b = μ·b + g                      (b = momentum_buffer, starts at 0; skipped when μ = 0)
 *   θ = θ − lr·(nesterov ? g + μ·b : b)
 * </pre>
 */
public final class Sgd extends FlatOptimizer {
  private static final String BUFFER = "momentum_buffer";
  private final double momentum;
  private final boolean nesterov;
  private final double weightDecay;

  public Sgd(double lr) {
    this(lr, 0, false, 0);
  }

  public Sgd(double lr, double momentum, boolean nesterov, double weightDecay) {
    super(lr, momentum != 0 ? List.of(BUFFER) : List.of());
    if (!(lr > 0) || !(momentum >= 0) || !(weightDecay >= 0) || (nesterov && momentum == 0)) {
      throw new IllegalArgumentException("sgd: expected lr > 0, momentum >= 0 (> 0 for nesterov), weight decay >= 0, found lr="
          + lr + ", momentum=" + momentum + ", nesterov=" + nesterov + ", weight decay=" + weightDecay);
    }
    this.momentum = momentum;
    this.nesterov = nesterov;
    this.weightDecay = weightDecay;
  }

  @Override
  void update(float[] w, float[] g, long t, int from, int to) {
    float[] velocity = buffer(BUFFER);
    float a = (float) learningRate(), mu = (float) momentum, wd = (float) weightDecay;
    for (int i = from; i < to; i++) {
      float gi = g[i] + wd * w[i];
      if (velocity != null) {
        float v = mu * velocity[i] + gi;
        velocity[i] = v;
        gi = nesterov ? gi + mu * v : v;
      }
      w[i] -= a * gi;
    }
  }

  @Override
  public String name() {
    return nesterov ? "nesterov" : momentum != 0 ? "momentum" : "sgd";
  }

  @Override
  public Map<String, Object> hyperParameters() {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("momentum", momentum);
    h.put("weight_decay", weightDecay);
    return h;
  }
}
