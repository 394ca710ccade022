package org.rnn4j.lm;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * A character n-gram language model with interpolated Kneser–Ney smoothing, the reference that
 * gives a recurrent model's bits per character a scale. Tokens are ids in [0, V) (a character
 * model's vocabulary); the order N uses up to N − 1 previous tokens. With a fixed discount D
 * ({@value #DISCOUNT}) and c(·) counts over the training tokens:
 *
 * <pre>
 *   p_N(w | h) = max(c(h w) − D, 0) / c(h •) + D · N1+(h •) / c(h •) · p_{N−1}(w | h')
 *   p_k(w | h) = the same with continuation counts N1+(• h w) in place of c(h w), k &lt; N
 *   p_0(w)     = 1 / V
 * </pre>
 *
 * where h' is h without its oldest token, c(h •) = Σ_w c(h w) and N1+(h •) the number of
 * distinct w seen after h. A context never seen passes its whole mass to the lower order. The
 * lower orders count in how many contexts a token appears rather than how often, so a token
 * frequent only after one context is not overrated after others (Kneser and Ney 1995; Chen and
 * Goodman 1998). Every p_k sums to 1 over the vocabulary. At the start of a text the context is
 * shorter and the model starts at that order.
 */
public final class NGramModel implements Serializable {
  /** The absolute discount of every order (Kneser–Ney's usual 0.75; no per-order estimates). */
  public static final double DISCOUNT = 0.75;

  private final int order;
  private final int vocabularySize;
  /** Per order k = 1..N (index k − 1): counts of k-grams (order N) or their continuation counts. */
  private final Map<String, Integer>[] counts;
  /** Per order k: per context (the first k − 1 tokens) its total count and number of distinct followers. */
  private final Map<String, int[]>[] contexts;

  @SuppressWarnings("unchecked")
  private NGramModel(int order, int vocabularySize) {
    this.order = order;
    this.vocabularySize = vocabularySize;
    this.counts = new Map[order];
    this.contexts = new Map[order];
  }

  /** Counts the n-grams of {@code tokens} (ids in [0, vocabularySize)) up to {@code order}. */
  public static NGramModel train(int[] tokens, int vocabularySize, int order) {
    if (order < 1 || vocabularySize < 1) {
      throw new IllegalArgumentException("n-gram: expected an order >= 1 and a vocabulary >= 1, found order " + order
          + ", vocabulary " + vocabularySize);
    }
    NGramModel m = new NGramModel(order, vocabularySize);
    Map<String, Integer> highest = new HashMap<>();
    StringBuilder key = new StringBuilder();
    for (int t = 0; t + order <= tokens.length; t++) {
      key.setLength(0);
      for (int j = t; j < t + order; j++) {
        key.append(symbol(tokens[j], vocabularySize));
      }
      highest.merge(key.toString(), 1, Integer::sum);
    }
    // The few grams shorter than N at the very start have no N-gram of their own; they count
    // only through the continuation counts of the grams that extend them.
    m.counts[order - 1] = highest;
    for (int k = order - 1; k >= 1; k--) { // continuation counts: distinct left extensions of each k-gram
      Map<String, Integer> cont = new HashMap<>();
      for (String gram : m.counts[k].keySet()) {
        cont.merge(gram.substring(1), 1, Integer::sum);
      }
      m.counts[k - 1] = cont;
    }
    for (int k = 1; k <= order; k++) {
      Map<String, int[]> ctx = new HashMap<>();
      m.counts[k - 1].forEach((gram, c) -> {
        int[] stats = ctx.computeIfAbsent(gram.substring(0, gram.length() - 1), g -> new int[2]);
        stats[0] += c;
        stats[1]++;
      });
      m.contexts[k - 1] = ctx;
    }
    return m;
  }

  public int order() { return order; }

  /** p(w | history): the probability of token w after the given previous tokens (only the last N − 1 count). */
  public double probability(int[] history, int w) {
    int[] tokens = java.util.Arrays.copyOf(history, history.length + 1);
    tokens[history.length] = w;
    return probabilityAt(tokens, history.length);
  }

  /** p(tokens[t] | tokens[t − N + 1 .. t − 1]), with the shorter context that exists near the start. */
  private double probabilityAt(int[] tokens, int t) {
    int k = Math.min(order, t + 1);
    StringBuilder h = new StringBuilder();
    for (int j = t - (k - 1); j < t; j++) {
      h.append(symbol(tokens[j], vocabularySize));
    }
    return probability(k, h.toString(), symbol(tokens[t], vocabularySize));
  }

  private double probability(int k, String h, char w) {
    if (k == 0) {
      return 1.0 / vocabularySize;
    }
    double lower = probability(k - 1, h.isEmpty() ? h : h.substring(1), w);
    int[] stats = contexts[k - 1].get(h);
    if (stats == null) {
      return lower;
    }
    int c = counts[k - 1].getOrDefault(h + w, 0);
    return (Math.max(c - DISCOUNT, 0) + DISCOUNT * stats[1] * lower) / stats[0];
  }

  /** Mean −log₂ p(x_t | x_{t−N+1 .. t−1}) over the tokens, the first ones with their shorter contexts. */
  public double bitsPerCharacter(int[] tokens) {
    if (tokens.length == 0) {
      throw new IllegalArgumentException("n-gram bits per character: expected at least one token, found none");
    }
    return bits(tokens, 0) / tokens.length;
  }

  /**
   * Σ −log₂ p(x_t | x_{t−N+1 .. t−1}) over t in [from, n): each token with the history before it in
   * {@code tokens} (shorter near their start), so a part of a text preceded by its N − 1 tokens
   * before {@code from} scores as it does within the whole text.
   */
  public double bits(int[] tokens, int from) {
    double bits = 0;
    for (int t = from; t < tokens.length; t++) {
      bits -= Math.log(probabilityAt(tokens, t)) / Math.log(2);
    }
    return bits;
  }

  /** A token id as one char of a gram's key (vocabularies are far below 65,536 symbols). */
  private static char symbol(int token, int vocabularySize) {
    if (token < 0 || token >= vocabularySize || token > Character.MAX_VALUE) {
      throw new IllegalArgumentException("n-gram: expected token ids in [0, " + vocabularySize + "), found " + token);
    }
    return (char) token;
  }
}
