package org.rnn4j.optim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RMSProp (Hinton), as PyTorch's {@code torch.optim.RMSprop}:
 * <pre>
 *   g = ∇ + λθ
 *   v = α·v + (1−α)·g²                                  (square_avg)
 *   centered:  ḡ = α·ḡ + (1−α)·g;  d = √(v − ḡ²) + ε     (grad_avg)
 *   otherwise: d = √v + ε
 *   μ > 0:     b = μ·b + g/d;  θ = θ − lr·b              (momentum_buffer)
 *   otherwise: θ = θ − lr·g/d
 * </pre>
 */
public final class RmsProp extends FlatOptimizer {
  private static final String SQUARE_AVG = "square_avg", GRAD_AVG = "grad_avg", MOMENTUM = "momentum_buffer";
  private final double alpha, eps, momentum, weightDecay;
  private final boolean centered;

  public RmsProp(double lr) {
    this(lr, 0.99, 1e-8, 0, false, 0);
  }

  public RmsProp(double lr, double alpha, double eps, double momentum, boolean centered, double weightDecay) {
    super(lr, buffers(momentum, centered));
    check(lr > 0 && alpha >= 0 && alpha <= 1 && eps > 0 && momentum >= 0 && weightDecay >= 0, "rmsprop",
        "lr > 0, alpha in [0, 1], eps > 0, momentum >= 0, weight decay >= 0",
        "lr=" + lr + ", alpha=" + alpha + ", eps=" + eps + ", momentum=" + momentum + ", weight decay=" + weightDecay);
    this.alpha = alpha;
    this.eps = eps;
    this.momentum = momentum;
    this.centered = centered;
    this.weightDecay = weightDecay;
  }

  private static List<String> buffers(double momentum, boolean centered) {
    List<String> names = new ArrayList<>(List.of(SQUARE_AVG));
    if (momentum > 0) {
      names.add(MOMENTUM);
    }
    if (centered) {
      names.add(GRAD_AVG);
    }
    return names;
  }

  @Override
  void update(float[] w, float[] g, long t, int from, int to) {
    float[] v = buffer(SQUARE_AVG), gAvg = buffer(GRAD_AVG), buf = buffer(MOMENTUM);
    float a = (float) learningRate(), al = (float) alpha, e = (float) eps, mu = (float) momentum,
        wd = (float) weightDecay;
    for (int i = from; i < to; i++) {
      float gi = g[i] + wd * w[i];
      float vi = al * v[i] + (1 - al) * gi * gi;
      v[i] = vi;
      float d;
      if (gAvg != null) {
        float mi = al * gAvg[i] + (1 - al) * gi;
        gAvg[i] = mi;
        d = (float) Math.sqrt(vi - mi * mi) + e;
      } else {
        d = (float) Math.sqrt(vi) + e;
      }
      if (buf != null) {
        float b = mu * buf[i] + gi / d;
        buf[i] = b;
        w[i] -= a * b;
      } else {
        w[i] -= a * gi / d;
      }
    }
  }

  @Override
  public String name() {
    return "rmsprop";
  }

  @Override
  public Map<String, Object> hyperParameters() {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("alpha", alpha);
    h.put("eps", eps);
    h.put("momentum", momentum);
    h.put("centered", centered);
    h.put("weight_decay", weightDecay);
    return h;
  }
}
