package org.rnn4j.lm;

import java.util.Arrays;
import org.rnn4j.loss.OutputActivation;
import org.rnn4j.math.Rng;

/**
 * Draws the next token from a row of logits z under a temperature T and a top-k cut, as
 * {@link Sampler} defines the draw, without sorting the vocabulary.
 *
 * <p><b>The draw</b> (the definition, which {@link #chooseBySorting} implements literally):
 * p = softmax(z) as the model's output activation computes it (floats); the symbols in order of
 * p, highest first (ties: lower index first), cut to the k first (0 = all); weights
 * w_j = exp((ln p_j − ln p_max) / T) (temperature in log space); u = r · Σ_j w_j for one uniform
 * r in [0, 1) from the generator; the symbol is the first j in that order whose running sum of
 * weights exceeds u. Top-1 is the argmax and draws nothing.
 *
 * <p><b>Without sorting.</b> The top k are found by selection (quickselect, O(V)) and the symbol
 * by a weighted selection over the same order: partition around a pivot, compare u with the
 * mass ranked before it, keep the side that holds u (O(V) expected). Its weights are
 * exp(d_j / T) with d_j = z_j − max z, one exponential per symbol and no logarithm: they differ
 * from the definition's by at most a few float roundings of p (relative 4·2⁻²⁴/T; less for a
 * p below the smallest normal float, bounded absolutely), and its sums are added in another
 * order. So the draw is decided here only when u lies further than that bound from both ends of
 * the chosen symbol's interval, which then is the interval the definition finds; otherwise (about
 * once in 10⁴ draws, and for non-finite logits) {@link #chooseBySorting} decides. The
 * result is the definition's, bit for bit, for every input.
 *
 * <p>Holds its scratch arrays: one chooser per thread.
 */
public final class TokenChooser {
  private final double temperature;
  private final int topK;
  private final int width;
  /** Safety factor on the rounding bound (tests set it huge to exercise the fallback). */
  private final double margin;
  private final float[] p;
  private final double[] weight;
  private final int[] order;
  private long draws, fallbacks;

  /** A chooser for rows of {@code width} logits (V). */
  public TokenChooser(double temperature, int topK, int width) {
    this(temperature, topK, width, 3.0);
  }

  TokenChooser(double temperature, int topK, int width, double margin) {
    requireValid(temperature, topK);
    if (width < 1) {
      throw new IllegalArgumentException("token chooser: expected at least 1 symbol, found " + width);
    }
    this.temperature = temperature;
    this.topK = topK;
    this.width = width;
    this.margin = margin;
    this.p = new float[width];
    this.weight = new double[width];
    this.order = new int[width];
  }

  /** Checks a temperature (positive, finite) and a top-k (0 = all, or positive). */
  static void requireValid(double temperature, int topK) {
    if (!(temperature > 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException("temperature: expected a positive finite number, found " + temperature);
    }
    if (topK < 0) {
      throw new IllegalArgumentException("top-k: expected 0 (all symbols) or a positive number, found " + topK);
    }
  }

  /** The symbol drawn from logits z[off .. off + V) (draws one r from {@code rng} unless top-1). */
  public int choose(float[] z, int off, Rng rng) {
    int v = width;
    System.arraycopy(z, off, p, 0, v);
    OutputActivation.softmaxRow(p, 0, v, p); // in place: the output activation's arithmetic
    float zMax = Float.NEGATIVE_INFINITY;
    int best = 0;
    for (int j = 0; j < v; j++) {
      zMax = Math.max(zMax, z[off + j]);
      if (p[j] > p[best]) {
        best = j;
      }
    }
    int keep = topK == 0 ? v : Math.min(topK, v);
    if (!finite(p) || !Float.isFinite(zMax)) { // NaN or infinite logits: the definition's comparisons decide
      fallbacks++;
      return chooseBySorting(p, keep == 1 ? 0 : rng.nextDouble());
    }
    if (keep == 1) {
      return best; // the first index of the largest p: the definition's first symbol
    }
    for (int j = 0; j < v; j++) {
      order[j] = j;
    }
    if (keep < v) {
      select(keep);
    }
    // Weights, and the bound on how far each may be from the definition's.
    double pMax = p[best];
    // The float roundings of p (2·2⁻²⁴ in ln p_j − ln p_max, doubled for safety), and the
    // double roundings of both computations (below 1e-12 in the exponent for |d| < 10⁴).
    double relative = (4.0 * 0x1p-24 + 1e-12) / temperature + 1e-12;
    double tinyBound = Math.pow(2.0 * Float.MIN_NORMAL / pMax, 1.0 / temperature) * (1 + relative);
    double total = 0, absolute = 0;
    for (int i = 0; i < keep; i++) {
      int j = order[i];
      weight[j] = Math.exp((double) (z[off + j] - zMax) / temperature);
      total += weight[j];
      if (p[j] < Float.MIN_NORMAL) {
        absolute += tinyBound;
      }
    }
    double r = rng.nextDouble();
    double u = r * total;
    draws++;
    double tolerance = margin * (total * (relative + 4.0 * keep * 0x1p-52) + 2 * absolute) + Double.MIN_NORMAL;
    int chosen = findInterval(keep, u, tolerance);
    if (chosen >= 0) {
      return chosen;
    }
    fallbacks++;
    return chooseBySorting(p, r);
  }

  /** Draws (with a uniform number: not top-1) so far, and how many of them the definition decided. */
  public long draws() {
    return draws;
  }

  public long fallbacks() {
    return fallbacks;
  }

  /**
   * Weighted selection over order[0 .. keep): the symbol whose interval of the running sums
   * (in the order of p) holds u, or −1 when u lies within {@code tolerance} of either end.
   */
  private int findInterval(int keep, double u, double tolerance) {
    int lo = 0, hi = keep;
    double base = 0; // the mass ranked before order[lo .. hi)
    while (hi - lo > 1) {
      int mid = partition(lo, hi, lo + (hi - lo) / 2); // order[mid] is the pivot, its place found
      double before = 0;
      for (int i = lo; i < mid; i++) {
        before += weight[order[i]];
      }
      if (u < base + before) {
        hi = mid;
      } else if (u < base + before + weight[order[mid]]) {
        base += before;
        lo = mid;
        hi = mid + 1;
      } else {
        base += before + weight[order[mid]];
        lo = mid + 1;
      }
    }
    if (lo >= hi) {
      return -1; // u beyond the last interval of the range: a rounding case
    }
    int s = order[lo];
    boolean clear = u - base > tolerance && base + weight[s] - u > tolerance;
    return clear ? s : -1;
  }

  /** Puts the k first symbols (in the order of p) into order[0 .. k), in any order (quickselect). */
  private void select(int k) {
    int lo = 0, hi = width;
    while (hi - lo > 1) {
      int mid = partition(lo, hi, lo + (hi - lo) / 2);
      if (mid == k || mid == k - 1) {
        return;
      }
      if (mid > k) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
  }

  /**
   * Partitions order[lo .. hi) around the symbol at {@code pivotAt}: those ranked before it
   * first, then it, then those after; returns its new position.
   */
  private int partition(int lo, int hi, int pivotAt) {
    int pivot = order[pivotAt];
    swap(pivotAt, hi - 1);
    int store = lo;
    for (int i = lo; i < hi - 1; i++) {
      if (before(order[i], pivot)) {
        swap(i, store++);
      }
    }
    swap(store, hi - 1);
    return store;
  }

  /** Whether symbol a comes before symbol b: higher p, or equal p and lower index. */
  private boolean before(int a, int b) {
    return p[a] > p[b] || p[a] == p[b] && a < b;
  }

  private void swap(int i, int j) {
    int t = order[i];
    order[i] = order[j];
    order[j] = t;
  }

  private static boolean finite(float[] a) {
    for (float x : a) {
      if (!Float.isFinite(x)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The definition, literally: sort by p (highest first, ties by index), cut to k, weights
   * exp((ln p_j − ln p_max)/T), u = r · their sum, walk. {@code r} is the uniform draw.
   */
  int chooseBySorting(float[] probabilities, double r) {
    Integer[] sorted = new Integer[probabilities.length];
    for (int i = 0; i < sorted.length; i++) {
      sorted[i] = i;
    }
    Arrays.sort(sorted, (a, b) -> {
      int c = Double.compare(-probabilities[a], -probabilities[b]);
      return c != 0 ? c : Integer.compare(a, b);
    });
    int keep = topK == 0 ? probabilities.length : Math.min(topK, probabilities.length);
    if (keep == 1) {
      return sorted[0];
    }
    double[] w = new double[keep];
    double logMax = Math.log(probabilities[sorted[0]]);
    double total = 0;
    for (int j = 0; j < keep; j++) {
      w[j] = Math.exp((Math.log(probabilities[sorted[j]]) - logMax) / temperature);
      total += w[j];
    }
    double u = r * total;
    for (int j = 0; j < keep; j++) {
      u -= w[j];
      if (u < 0) {
        return sorted[j];
      }
    }
    return sorted[keep - 1]; // u landed on the rounding error at the top end
  }
}
