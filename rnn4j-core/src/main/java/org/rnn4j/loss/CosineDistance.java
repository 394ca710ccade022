package org.rnn4j.loss;

import org.rnn4j.tensor.Tensor;

/**
 * One minus the cosine similarity of each predicted sequence and its target, each taken whole as
 * one vector of T_b·O values, averaged over the batch: a loss on the shape of a sequence that
 * ignores its scale, and is not a sum over steps (the example of a {@link SequenceLoss}). The
 * predictions are the model's outputs as they are (use an identity output activation). With
 * u = a sequence's outputs, v = its target, c = u·v / (‖u‖ ‖v‖):
 * <pre>
 *   L = (1/B) Σ_b (1 − c_b),   ∂L/∂u = −(1/B) (v / (‖u‖ ‖v‖) − c · u / ‖u‖²)
 * </pre>
 * Targets are (T, B, O); steps past a sequence's length are left out. A sequence of zeros has no
 * direction: its loss is NaN.
 */
public final class CosineDistance implements SequenceLoss {

  @Override public String id() { return "cosine"; }

  @Override
  public double lossAndGradient(Tensor z, Tensor target, int[] lengths, float[] dz) {
    z.requireShape("outputs (T, B, O)", -1, -1, -1);
    int t = z.dim(0), b = z.dim(1), o = z.dim(2);
    target.requireShape("cosine target (T, B, O)", t, b, o);
    float[] u = z.data(), v = target.data();
    java.util.Arrays.fill(dz, 0, t * b * o, 0f);
    double loss = 0;
    for (int r = 0; r < b; r++) {
      int tb = lengths == null ? t : lengths[r];
      double uv = 0, uu = 0, vv = 0;
      for (int s = 0; s < tb; s++) {
        for (int k = (s * b + r) * o, end = k + o; k < end; k++) {
          uv += u[k] * v[k];
          uu += u[k] * u[k];
          vv += v[k] * v[k];
        }
      }
      double nu = Math.sqrt(uu), nv = Math.sqrt(vv), cos = uv / (nu * nv);
      loss += (1 - cos) / b;
      for (int s = 0; s < tb; s++) {
        for (int k = (s * b + r) * o, end = k + o; k < end; k++) {
          dz[k] = (float) (-(v[k] / (nu * nv) - cos * u[k] / uu) / b);
        }
      }
    }
    return loss;
  }
}
