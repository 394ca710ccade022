package org.rnn4j.esn;

/**
 * Online readout by recursive least squares (exponentially weighted; forgetting factor μ = 1 here,
 * so nothing is forgotten). With P₀ = I/λ and W₀ = 0, after every step W equals the ridge solution
 * on the steps seen so far (up to rounding): RLS is the Sherman–Morrison update of
 * P_t = (Σ_{s≤t} z_s z_sᵀ + λI)⁻¹. Per step, for extended state z (D) and target y (O):
 * <pre>
 *   k = P z / (1 + zᵀ P z)          gain (D)
 *   e = y − W z                     a-priori error (O)
 *   W ← W + e kᵀ                    (O × D)
 *   P ← P − k (P z)ᵀ                (D × D), then symmetrised against rounding drift
 * </pre>
 * Cost O(D²) per step; memory D².
 */
public final class RecursiveLeastSquares {
  private final int d;
  private final double[][] w; // (O, D)
  private final double[] p;   // (D, D) row-major
  private final double[] pz;  // (D) workspace: P z

  public RecursiveLeastSquares(int inputs, int outputs, double lambda) {
    this.d = inputs;
    this.w = new double[outputs][inputs];
    this.p = new double[inputs * inputs];
    this.pz = new double[inputs];
    for (int i = 0; i < inputs; i++) {
      p[i * inputs + i] = 1 / lambda;
    }
  }

  /** One update with extended state z (D) and target y (O). */
  public void update(double[] z, double[] y) {
    double zPz = 0;
    for (int i = 0; i < d; i++) {
      double s = 0;
      for (int j = 0; j < d; j++) {
        s += p[i * d + j] * z[j];
      }
      pz[i] = s;
      zPz += z[i] * s;
    }
    double denominator = 1 + zPz;
    for (int o = 0; o < w.length; o++) {
      double e = y[o];
      for (int i = 0; i < d; i++) {
        e -= w[o][i] * z[i];
      }
      double scaled = e / denominator;
      for (int i = 0; i < d; i++) {
        w[o][i] += scaled * pz[i]; // k = P z / denominator
      }
    }
    for (int i = 0; i < d; i++) {
      double ki = pz[i] / denominator;
      for (int j = i; j < d; j++) {
        double v = p[i * d + j] - ki * pz[j];
        p[i * d + j] = v;
        p[j * d + i] = v;
      }
    }
  }

  /** The current readout W (O × D), copied. */
  public double[][] weights() {
    double[][] out = new double[w.length][];
    for (int o = 0; o < w.length; o++) {
      out[o] = w[o].clone();
    }
    return out;
  }
}
