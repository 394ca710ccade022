package org.rnn4j.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adagrad (Duchi et al.), as PyTorch's {@code torch.optim.Adagrad} with {@code lr_decay = 0}
 * (decay the rate with a {@code Schedule} instead):
 * <pre>
 *   g = ∇ + λθ
 *   s = s + g²                       (s = sum, starts at initial_accumulator)
 *   θ = θ − lr·g / (√s + ε)
 * </pre>
 */
public final class Adagrad extends FlatOptimizer {
  private static final String SUM = "sum";
  private final double eps, initialAccumulator, weightDecay;

  public Adagrad(double lr) {
    this(lr, 1e-10, 0, 0);
  }

  public Adagrad(double lr, double eps, double initialAccumulator, double weightDecay) {
    super(lr, List.of(SUM));
    check(lr > 0 && eps > 0 && initialAccumulator >= 0 && weightDecay >= 0, "adagrad",
        "lr > 0, eps > 0, initial accumulator >= 0, weight decay >= 0",
        "lr=" + lr + ", eps=" + eps + ", initial accumulator=" + initialAccumulator + ", weight decay=" + weightDecay);
    this.eps = eps;
    this.initialAccumulator = initialAccumulator;
    this.weightDecay = weightDecay;
  }

  @Override
  float initialValue(String buffer) {
    return (float) initialAccumulator;
  }

  @Override
  void update(float[] w, float[] g, long t, int from, int to) {
    float[] sum = buffer(SUM);
    float a = (float) learningRate(), e = (float) eps, wd = (float) weightDecay;
    for (int i = from; i < to; i++) {
      float gi = g[i] + wd * w[i];
      float s = sum[i] + gi * gi;
      sum[i] = s;
      w[i] -= a * gi / ((float) Math.sqrt(s) + e);
    }
  }

  @Override
  public String name() {
    return "adagrad";
  }

  @Override
  public Map<String, Object> hyperParameters() {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("eps", eps);
    h.put("initial_accumulator", initialAccumulator);
    h.put("weight_decay", weightDecay);
    return h;
  }
}
