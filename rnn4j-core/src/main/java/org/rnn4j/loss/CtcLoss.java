package org.rnn4j.loss;

import java.util.Arrays;
import org.rnn4j.math.Kernels;
import org.rnn4j.tensor.Tensor;

/**
 * Connectionist temporal classification (Graves et al., 2006), fused with its log-softmax, as
 * PyTorch's {@code nn.CTCLoss(blank=0)} on {@code log_softmax(z)}.
 *
 * <p>Classes are 0 … C−1 with 0 the blank. A target l = l_1 … l_S (labels in 1 … C−1) is
 * extended with blanks to l' = (0, l_1, 0, l_2, …, l_S, 0) of length S' = 2S + 1. With
 * {@code y_t(k) = log_softmax(z_t)_k} and ⊕ the log-sum-exp, over a sequence of T frames:
 * <pre>
 *   α_0(0) = y_0(0),  α_0(1) = y_0(l'_1),  α_0(s) = −∞ otherwise
 *   α_t(s) = [α_{t−1}(s) ⊕ α_{t−1}(s−1) ⊕ α_{t−1}(s−2) if l'_s ≠ 0 and l'_s ≠ l'_{s−2}] + y_t(l'_s)
 *   β_{T−1}(S'−1) = β_{T−1}(S'−2) = 0,  β_{T−1}(s) = −∞ otherwise      (β excludes frame t itself)
 *   β_t(s) = β_{t+1}(s) + y_{t+1}(l'_s) ⊕ β_{t+1}(s+1) + y_{t+1}(l'_{s+1})
 *            ⊕ β_{t+1}(s+2) + y_{t+1}(l'_{s+2}) if l'_{s+2} ≠ 0 and l'_{s+2} ≠ l'_s
 *   log p(l | x) = α_{T−1}(S'−1) ⊕ α_{T−1}(S'−2),   loss = −log p(l | x)
 *   γ_t(k) = exp(⊕_{s: l'_s = k} [α_t(s) + β_t(s)] − log p(l | x))     (label occupancy, Σ_k γ_t(k) = 1)
 *   ∂loss/∂z_t(k) = softmax(z_t)_k − γ_t(k)
 * </pre>
 * All recursions run in double, in log space.
 *
 * <p>Targets are (S, B) label indices, time-major like every target, each column padded after its
 * labels with the blank 0 (so a target's length is its count of leading non-blank entries; a
 * blank inside the labels is an error). {@code lengths} are the input lengths T_b ≤ T (null: all
 * T); frames past T_b get a zero gradient. A target that cannot be aligned in T_b frames (T_b
 * smaller than S plus its number of adjacent repeats) has p = 0: with {@code zeroInfinity} its
 * loss and gradient are 0 (PyTorch's {@code zero_infinity=True}), without it its loss is +∞ and
 * its gradient 0 (PyTorch's default returns +∞ too).
 */
public final class CtcLoss implements SequenceLoss {
  /** The class index of the blank. */
  public static final int BLANK = 0;

  /** How the per-sequence losses are combined, as PyTorch's {@code reduction}. */
  public enum Reduction {
    /** Σ_b loss_b. */
    SUM,
    /** (1/B) Σ_b loss_b / max(S_b, 1): each loss divided by its target length, then the batch mean. */
    MEAN
  }

  private final Reduction reduction;
  private final boolean zeroInfinity;

  public CtcLoss(Reduction reduction, boolean zeroInfinity) {
    this.reduction = reduction;
    this.zeroInfinity = zeroInfinity;
  }

  @Override public String id() { return "ctc"; }

  /** The mean over the batch, infeasible targets counted as 0: what training wants. */
  public CtcLoss() {
    this(Reduction.MEAN, true);
  }

  /**
   * Sequences are split among threads; their losses are added in order, so the total is the same on
   * any thread count.
   */
  @Override
  public double lossAndGradient(Tensor z, Tensor target, int[] lengths, float[] dz) {
    z.requireShape("ctc logits (T, B, C)", -1, -1, -1);
    int t = z.dim(0), b = z.dim(1), c = z.dim(2);
    target.requireShape("ctc targets (S, B)", -1, b);
    int[][] labels = labels(target, c);
    if (lengths != null && lengths.length != b) {
      throw new IllegalArgumentException("ctc lengths: expected " + b + " entries, found " + lengths.length);
    }
    for (int r = 0; lengths != null && r < b; r++) {
      if (lengths[r] < 1 || lengths[r] > t) {
        throw new IllegalArgumentException("ctc lengths: expected values in [1, " + t + "], found " + lengths[r]
            + " for sequence " + r);
      }
    }
    double[] seqLoss = new double[b];
    Arrays.fill(dz, 0, t * b * c, 0f);
    Kernels.parallelFor(b, (long) t * b * c * 8, (b0, b1) -> {
      for (int r = b0; r < b1; r++) {
        int tb = lengths == null ? t : lengths[r];
        double scale = reduction == Reduction.SUM ? 1.0 : 1.0 / (b * Math.max(labels[r].length, 1));
        seqLoss[r] = scale * sequence(z.data(), b, c, r, tb, labels[r], scale, dz);
      }
    });
    double loss = 0;
    for (double l : seqLoss) {
      loss += l;
    }
    return loss;
  }

  /** The labels of each column of (S, B) targets, validated. */
  private static int[][] labels(Tensor target, int c) {
    int s = target.dim(0), b = target.dim(1);
    int[][] out = new int[b][];
    float[] d = target.data();
    for (int r = 0; r < b; r++) {
      int n = 0;
      while (n < s && d[n * b + r] != BLANK) {
        n++;
      }
      out[r] = new int[n];
      for (int i = 0; i < s; i++) {
        float v = d[i * b + r];
        if (i < n && (v != (int) v || v < 1 || v >= c)) {
          throw new IllegalArgumentException("ctc target: expected labels in [1, " + c + ") (0 is the blank), found "
              + v + " at step " + i + " of sequence " + r);
        }
        if (i >= n && v != BLANK) {
          throw new IllegalArgumentException("ctc target: expected only blanks (0) after a sequence's labels, found "
              + v + " at step " + i + " of sequence " + r);
        }
        if (i < n) {
          out[r][i] = (int) v;
        }
      }
    }
    return out;
  }

  /** −log p(l | x) of sequence r over its first tb frames; adds scale·∂/∂z into dz. */
  private double sequence(float[] z, int b, int c, int r, int tb, int[] label, double scale, float[] dz) {
    int sp = 2 * label.length + 1;
    int[] ext = new int[sp]; // l': blanks around and between the labels
    for (int i = 0; i < label.length; i++) {
      ext[2 * i + 1] = label[i];
    }
    double[] y = new double[tb * c]; // log_softmax(z_t), (T_b, C)
    for (int t = 0; t < tb; t++) {
      int off = (t * b + r) * c;
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < c; k++) {
        max = Math.max(max, z[off + k]);
      }
      double sum = 0;
      for (int k = 0; k < c; k++) {
        sum += Math.exp(z[off + k] - max);
      }
      double logSum = max + Math.log(sum);
      for (int k = 0; k < c; k++) {
        y[t * c + k] = z[off + k] - logSum;
      }
    }
    double[] alpha = new double[tb * sp], beta = new double[tb * sp];
    Arrays.fill(alpha, Double.NEGATIVE_INFINITY);
    Arrays.fill(beta, Double.NEGATIVE_INFINITY);
    alpha[0] = y[ext[0]];
    if (sp > 1) {
      alpha[1] = y[ext[1]];
    }
    for (int t = 1; t < tb; t++) {
      for (int s = 0; s < sp; s++) {
        double a = alpha[(t - 1) * sp + s];
        if (s >= 1) {
          a = logAdd(a, alpha[(t - 1) * sp + s - 1]);
        }
        if (s >= 2 && ext[s] != BLANK && ext[s] != ext[s - 2]) {
          a = logAdd(a, alpha[(t - 1) * sp + s - 2]);
        }
        alpha[t * sp + s] = a + y[t * c + ext[s]];
      }
    }
    int last = (tb - 1) * sp;
    double logP = sp > 1 ? logAdd(alpha[last + sp - 1], alpha[last + sp - 2]) : alpha[last];
    if (logP == Double.NEGATIVE_INFINITY) { // no alignment fits in tb frames
      return zeroInfinity ? 0 : Double.POSITIVE_INFINITY;
    }
    beta[last + sp - 1] = 0;
    if (sp > 1) {
      beta[last + sp - 2] = 0;
    }
    for (int t = tb - 2; t >= 0; t--) {
      int next = (t + 1) * sp;
      for (int s = 0; s < sp; s++) {
        double v = beta[next + s] + y[(t + 1) * c + ext[s]];
        if (s + 1 < sp) {
          v = logAdd(v, beta[next + s + 1] + y[(t + 1) * c + ext[s + 1]]);
        }
        if (s + 2 < sp && ext[s + 2] != BLANK && ext[s + 2] != ext[s]) {
          v = logAdd(v, beta[next + s + 2] + y[(t + 1) * c + ext[s + 2]]);
        }
        beta[t * sp + s] = v;
      }
    }
    double[] occupancy = new double[c]; // log of Σ_{s: l'_s = k} α_t(s) β_t(s)
    for (int t = 0; t < tb; t++) {
      Arrays.fill(occupancy, Double.NEGATIVE_INFINITY);
      for (int s = 0; s < sp; s++) {
        occupancy[ext[s]] = logAdd(occupancy[ext[s]], alpha[t * sp + s] + beta[t * sp + s]);
      }
      int off = (t * b + r) * c;
      for (int k = 0; k < c; k++) {
        dz[off + k] = (float) (scale * (Math.exp(y[t * c + k]) - Math.exp(occupancy[k] - logP)));
      }
    }
    return -logP;
  }

  /** log(e^a + e^b), exact at −∞. */
  static double logAdd(double a, double b) {
    if (a == Double.NEGATIVE_INFINITY) {
      return b;
    }
    if (b == Double.NEGATIVE_INFINITY) {
      return a;
    }
    return Math.max(a, b) + Math.log1p(Math.exp(-Math.abs(a - b)));
  }
}
