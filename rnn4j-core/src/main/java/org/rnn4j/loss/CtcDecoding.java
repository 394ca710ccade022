package org.rnn4j.loss;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnn4j.tensor.Tensor;

/**
 * Label sequences from the per-frame class probabilities of a CTC-trained model (the softmax
 * outputs (T, B, C) of {@link org.rnn4j.model.RnnModel#forward}, blank = {@link CtcLoss#BLANK}).
 * A path of one class per frame maps to its labels by collapsing repeats, then dropping blanks
 * ("a a _ a b b" → "a a b").
 */
public final class CtcDecoding {
  private CtcDecoding() {}

  /**
   * Best path: the most probable class of every frame, collapsed. Fast, but it finds the best
   * <em>path</em>, not the best labelling: many paths map to one labelling, and their sum decides.
   */
  public static int[] greedy(Tensor probs, int sequence, int length) {
    int b = probs.dim(1), c = probs.dim(2);
    List<Integer> out = new ArrayList<>();
    int previous = CtcLoss.BLANK;
    for (int t = 0; t < length; t++) {
      int k = OutputActivation.argmax(probs.data(), (t * b + sequence) * c, c);
      if (k != CtcLoss.BLANK && k != previous) {
        out.add(k);
      }
      previous = k;
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Prefix beam search (Hannun et al., 2014): keeps the {@code width} most probable label
   * prefixes, each with the log-probability of the paths that map to it and end in a blank
   * (p_b) or in its last label (p_nb), so paths that collapse to one labelling are summed. Per
   * frame t and class k with probability p = p_t(k), a prefix ℓ goes to
   * <pre>
   *   k = blank:       ℓ,     p_b  += (p_b(ℓ) + p_nb(ℓ)) · p
   *   k = last of ℓ:   ℓ,     p_nb += p_nb(ℓ) · p;     ℓ + k, p_nb += p_b(ℓ) · p
   *   otherwise:       ℓ + k, p_nb += (p_b(ℓ) + p_nb(ℓ)) · p
   * </pre>
   */
  public static int[] beam(Tensor probs, int sequence, int length, int width) {
    if (width < 1) {
      throw new IllegalArgumentException("ctc beam width: expected a positive integer, found " + width);
    }
    int b = probs.dim(1), c = probs.dim(2);
    Map<Prefix, double[]> beams = new LinkedHashMap<>(); // prefix → {log p_b, log p_nb}
    beams.put(new Prefix(new int[0]), new double[] {0, Double.NEGATIVE_INFINITY});
    for (int t = 0; t < length; t++) {
      Map<Prefix, double[]> next = new LinkedHashMap<>();
      int off = (t * b + sequence) * c;
      for (Map.Entry<Prefix, double[]> e : beams.entrySet()) {
        Prefix prefix = e.getKey();
        double pb = e.getValue()[0], pnb = e.getValue()[1], total = CtcLoss.logAdd(pb, pnb);
        for (int k = 0; k < c; k++) {
          double p = Math.log(probs.data()[off + k]);
          if (k == CtcLoss.BLANK) {
            add(next, prefix, 0, total + p);
          } else if (k == prefix.last()) {
            add(next, prefix, 1, pnb + p);
            add(next, prefix.plus(k), 1, pb + p);
          } else {
            add(next, prefix.plus(k), 1, total + p);
          }
        }
      }
      List<Map.Entry<Prefix, double[]>> ranked = new ArrayList<>(next.entrySet());
      ranked.sort(Comparator.comparingDouble(e -> -CtcLoss.logAdd(e.getValue()[0], e.getValue()[1])));
      beams = new LinkedHashMap<>();
      for (Map.Entry<Prefix, double[]> e : ranked.subList(0, Math.min(width, ranked.size()))) {
        beams.put(e.getKey(), e.getValue());
      }
    }
    return beams.keySet().iterator().next().labels();
  }

  private static void add(Map<Prefix, double[]> beams, Prefix prefix, int which, double logP) {
    double[] p = beams.computeIfAbsent(prefix, k -> new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY});
    p[which] = CtcLoss.logAdd(p[which], logP);
  }

  /** A label sequence as a map key. */
  private record Prefix(int[] labels) {
    int last() {
      return labels.length == 0 ? CtcLoss.BLANK : labels[labels.length - 1];
    }

    Prefix plus(int k) {
      int[] l = Arrays.copyOf(labels, labels.length + 1);
      l[labels.length] = k;
      return new Prefix(l);
    }

    @Override public boolean equals(Object o) {
      return o instanceof Prefix p && Arrays.equals(labels, p.labels);
    }

    @Override public int hashCode() {
      return Arrays.hashCode(labels);
    }
  }
}
