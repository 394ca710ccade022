package org.rnn4j.seq2seq;

import java.util.List;

/**
 * Translations against their references: the exact match (the fraction of outputs equal to their
 * reference) and the character error rate (the Levenshtein distance in code points summed over the
 * pairs, divided by the references' summed length, so long references weigh more; it can exceed 1
 * when outputs are much longer than their references).
 */
public record TranslationScore(double exactMatch, double characterErrorRate, int pairs) {

  public static TranslationScore of(List<String> outputs, List<String> references) {
    if (outputs.size() != references.size() || references.isEmpty()) {
      throw new IllegalArgumentException("translation score: expected one output per reference, at least one, found "
          + outputs.size() + " outputs and " + references.size() + " references");
    }
    int exact = 0;
    long edits = 0, length = 0;
    for (int i = 0; i < references.size(); i++) {
      String out = outputs.get(i), ref = references.get(i);
      exact += out.equals(ref) ? 1 : 0;
      edits += editDistance(out, ref);
      length += ref.codePointCount(0, ref.length());
    }
    return new TranslationScore(exact / (double) references.size(), edits / (double) Math.max(1, length),
        references.size());
  }

  /**
   * The score the best model is kept by, lower is better: 1 − exact match, ties broken by the
   * character error rate. The error rate enters capped at 1 and divided by n + 1, so it moves the
   * score by less than one exact match (1/n) and only orders models of equal exact match.
   */
  public double validationScore() {
    return (1 - exactMatch) + Math.min(characterErrorRate, 1) / (pairs + 1);
  }

  /** Insertions, deletions and substitutions of code points that turn a into b. */
  public static int editDistance(String a, String b) {
    int[] x = a.codePoints().toArray(), y = b.codePoints().toArray();
    int[] previous = new int[y.length + 1], current = new int[y.length + 1];
    for (int j = 0; j <= y.length; j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= x.length; i++) {
      current[0] = i;
      for (int j = 1; j <= y.length; j++) {
        int substitute = previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[y.length];
  }
}
