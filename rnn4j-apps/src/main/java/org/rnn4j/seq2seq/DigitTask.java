package org.rnn4j.seq2seq;

import java.util.Arrays;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.rnn4j.data.Vocabulary;

/** Digit strings of random length in [min, max] and a fixed rearrangement of them: reverse or sort. */
public final class DigitTask implements Seq2SeqTask {
  private static final String DIGITS = "0123456789";
  private final String name, description;
  private final int minLength, maxLength;
  private final UnaryOperator<String> rearrange;
  private final Settings defaults;

  private DigitTask(String name, String description, int minLength, int maxLength, UnaryOperator<String> rearrange,
      Settings defaults) {
    if (minLength <= 0 || maxLength < minLength) {
      throw new IllegalArgumentException(name + ": expected 0 < min length <= max length, found " + minLength + ", "
          + maxLength);
    }
    this.name = name;
    this.description = description + ", " + minLength + "–" + maxLength + " digits";
    this.minLength = minLength;
    this.maxLength = maxLength;
    this.rearrange = rearrange;
    this.defaults = defaults;
  }

  /** "31415" → "51413". */
  public static DigitTask reverse(int minLength, int maxLength) {
    return new DigitTask("reverse", "reverse a digit string", minLength, maxLength,
        s -> new StringBuilder(s).reverse().toString(), new Settings(10000, 1000, 8, 32, 0.01, 0.7, 32, 16));
  }

  /** "31415" → "11345". */
  public static DigitTask sort(int minLength, int maxLength) {
    return new DigitTask("sort", "sort the digits of a string", minLength, maxLength, s -> {
      char[] c = s.toCharArray();
      Arrays.sort(c);
      return new String(c);
    }, new Settings(10000, 1000, 8, 32, 0.01, 0.7, 32, 16));
  }

  @Override public String name() { return name; }
  @Override public String description() { return description; }
  @Override public Vocabulary sourceVocabulary() { return Seq2SeqTask.source(DIGITS); }
  @Override public Vocabulary targetVocabulary() { return Seq2SeqTask.target(DIGITS); }
  @Override public Settings defaults() { return defaults; }

  @Override
  public Pair generate(Random rng) {
    int n = minLength + rng.nextInt(maxLength - minLength + 1);
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(DIGITS.charAt(rng.nextInt(10)));
    }
    return new Pair(sb.toString(), rearrange.apply(sb.toString()));
  }
}
