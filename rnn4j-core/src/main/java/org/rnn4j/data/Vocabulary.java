package org.rnn4j.data;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * The symbols of a character-level model: distinct Unicode code points in ascending order, so
 * the same text always gives the same indices. Stored in a model file as one JSON string of all
 * symbols (readable, and escaped by the JSON writer).
 */
public final class Vocabulary {
  private final int[] codePoints; // ascending, distinct

  private Vocabulary(int[] sortedDistinct) {
    this.codePoints = sortedDistinct;
  }

  /** The distinct code points of a non-empty text. */
  public static Vocabulary of(String text) {
    int[] cps = text.codePoints().distinct().sorted().toArray();
    if (cps.length == 0) {
      throw new IllegalArgumentException("vocabulary: expected a non-empty text, found an empty one");
    }
    return new Vocabulary(cps);
  }

  /** A vocabulary of these code points, which must be distinct and ascending. */
  public static Vocabulary ofCodePoints(int[] codePoints) {
    for (int i = 0; i < codePoints.length; i++) {
      if (!Character.isValidCodePoint(codePoints[i]) || (i > 0 && codePoints[i] <= codePoints[i - 1])) {
        throw new IllegalArgumentException("vocabulary: expected distinct code points in ascending order, found "
            + codePoints[i] + " at " + i);
      }
    }
    if (codePoints.length == 0) {
      throw new IllegalArgumentException("vocabulary: expected at least one symbol, found none");
    }
    return new Vocabulary(codePoints.clone());
  }

  /** Parses what {@link #toJson()} wrote. */
  public static Vocabulary fromJson(String json) {
    Object parsed;
    try {
      parsed = JSON.std.anyFrom(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("vocabulary: expected a JSON string of symbols, found '" + abbreviate(json) + "'");
    }
    if (!(parsed instanceof String s) || s.isEmpty()) {
      throw new IllegalArgumentException("vocabulary: expected a non-empty JSON string of symbols, found '" + abbreviate(json) + "'");
    }
    int[] cps = s.codePoints().toArray();
    int[] sorted = Arrays.stream(cps).distinct().sorted().toArray();
    if (!Arrays.equals(cps, sorted)) {
      throw new IllegalArgumentException("vocabulary: expected distinct symbols in ascending order, found '" + abbreviate(s) + "'");
    }
    return new Vocabulary(cps);
  }

  public String toJson() {
    try {
      return JSON.std.asString(new String(codePoints, 0, codePoints.length));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int size() {
    return codePoints.length;
  }

  public int codePoint(int index) {
    return codePoints[index];
  }

  public boolean contains(int codePoint) {
    return Arrays.binarySearch(codePoints, codePoint) >= 0;
  }

  /** The index of each code point of {@code text}; a symbol outside the vocabulary is an error naming it. */
  public int[] encode(String text) {
    int[] cps = text.codePoints().toArray();
    int[] out = new int[cps.length];
    for (int i = 0; i < cps.length; i++) {
      int k = Arrays.binarySearch(codePoints, cps[i]);
      if (k < 0) {
        throw new IllegalArgumentException("text: expected symbols of the model's vocabulary, found "
            + describe(cps[i]) + " at character " + i + " (vocabulary: " + toJson() + ")");
      }
      out[i] = k;
    }
    return out;
  }

  public String decode(int[] tokens) {
    StringBuilder s = new StringBuilder(tokens.length);
    for (int t : tokens) {
      if (t < 0 || t >= codePoints.length) {
        throw new IllegalArgumentException("token: expected an index in [0, " + codePoints.length + "), found " + t);
      }
      s.appendCodePoint(codePoints[t]);
    }
    return s.toString();
  }

  /** A symbol for error messages: printable ones quoted, others as U+XXXX. */
  static String describe(int cp) {
    boolean printable = !Character.isISOControl(cp) && !Character.isWhitespace(cp);
    return (printable ? "'" + new String(Character.toChars(cp)) + "' " : "") + String.format("U+%04X", cp);
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 60) + "…";
  }
}
