package org.rnn4j.data;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Symbols ↔ token ids of a text model. A symbol is one Unicode code point ({@link Level#CHAR}) or
 * one run of non-whitespace characters ({@link Level#WORD}; whitespace only separates words).
 * Ids {@code 0 … r−1} are the model's reserved tokens in the order given (e.g. {@link #BOS} and
 * {@link #EOS} of a decoder, {@link #UNK}); the symbols follow, so symbol k has id r + k.
 *
 * <p>Unknown symbols: {@link #encode} maps a symbol outside the vocabulary to {@link #UNK}'s id
 * when {@code UNK} is reserved, and otherwise rejects it with an error naming it.
 *
 * <p>JSON form ({@link #toJson}): a character vocabulary without reserved tokens whose symbols
 * ascend by code point (a language model's, {@link #of(String)}) is one JSON string of all
 * symbols; any other is {@code {"level": "char"|"word", "reserved": [...], "symbols": [...]}}.
 */
public final class Vocabulary {
  /** How text splits into symbols. */
  public enum Level {
    CHAR, WORD;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Level parse(String s) {
      for (Level l : values()) {
        if (l.id().equals(s)) {
          return l;
        }
      }
      throw new IllegalArgumentException("token level: expected char or word, found '" + s + "'");
    }
  }

  /** Conventional names of reserved tokens: begin and end of a sequence, and an unknown symbol. */
  public static final String BOS = "<bos>", EOS = "<eos>", UNK = "<unk>";

  private final Level level;
  private final List<String> reserved;
  private final List<String> symbols;
  private final Map<String, Integer> ids = new HashMap<>(); // every reserved name and symbol
  private final int unknown; // UNK's id, or −1
  // CHAR: the code points of the one-character names ascending, and the id of each (lookups without a String per character).
  private final int[] sortedCodePoints;
  private final int[] sortedIds;

  private Vocabulary(Level level, List<String> reserved, List<String> symbols) {
    this.level = level;
    this.reserved = List.copyOf(reserved);
    this.symbols = List.copyOf(symbols);
    if (symbols.isEmpty()) {
      throw new IllegalArgumentException("vocabulary: expected at least one symbol, found none");
    }
    for (String name : reserved) {
      if (name.isEmpty() || name.codePoints().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("vocabulary: expected reserved names without whitespace, found '" + name + "'");
      }
      add(name);
    }
    for (String s : symbols) {
      boolean ok = level == Level.CHAR ? s.codePointCount(0, s.length()) == 1
          : !s.isEmpty() && s.codePoints().noneMatch(Character::isWhitespace);
      if (!ok) {
        throw new IllegalArgumentException("vocabulary: expected " + (level == Level.CHAR ? "one character"
            : "a word without whitespace") + " per symbol, found '" + abbreviate(s) + "'");
      }
      add(s);
    }
    this.unknown = ids.getOrDefault(UNK, -1);
    List<Map.Entry<String, Integer>> chars = new ArrayList<>();
    if (level == Level.CHAR) { // the symbols, and any reserved name of one character
      ids.entrySet().stream().filter(e -> e.getKey().codePointCount(0, e.getKey().length()) == 1).forEach(chars::add);
      chars.sort(Comparator.comparingInt(e -> e.getKey().codePointAt(0)));
    }
    this.sortedCodePoints = chars.stream().mapToInt(e -> e.getKey().codePointAt(0)).toArray();
    this.sortedIds = chars.stream().mapToInt(Map.Entry::getValue).toArray();
  }

  private void add(String name) {
    if (ids.putIfAbsent(name, ids.size()) != null) {
      throw new IllegalArgumentException("vocabulary: expected distinct reserved names and symbols, found '"
          + abbreviate(name) + "' twice");
    }
  }

  /** A character language model's vocabulary of these code points, which must be distinct and ascending. */
  public static Vocabulary ofCodePoints(int[] codePoints) {
    List<String> symbols = new ArrayList<>(codePoints.length);
    for (int i = 0; i < codePoints.length; i++) {
      if (!Character.isValidCodePoint(codePoints[i]) || (i > 0 && codePoints[i] <= codePoints[i - 1])) {
        throw new IllegalArgumentException("vocabulary: expected distinct code points in ascending order, found "
            + codePoints[i] + " at " + i);
      }
      symbols.add(Character.toString(codePoints[i]));
    }
    return new Vocabulary(Level.CHAR, List.of(), symbols);
  }

  /** A character language model's vocabulary: the distinct code points of a non-empty text, ascending, none reserved. */
  public static Vocabulary of(String text) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException("vocabulary: expected a non-empty text, found an empty one");
    }
    return build(Level.CHAR, List.of(), List.of(text));
  }

  /**
   * The distinct symbols of {@code texts} at {@code level}, sorted (characters by code point, words by
   * {@link String#compareTo}) so the same texts always give the same ids, after the {@code reserved} names.
   * A word equal to a reserved name is that reserved token.
   */
  public static Vocabulary build(Level level, List<String> reserved, Collection<String> texts) {
    Set<String> distinct = level == Level.CHAR
        ? new TreeSet<>(Comparator.comparingInt((String s) -> s.codePointAt(0))) : new TreeSet<>();
    for (String text : texts) {
      distinct.addAll(split(level, text));
    }
    distinct.removeIf(reserved::contains);
    return new Vocabulary(level, reserved, new ArrayList<>(distinct));
  }

  /** A vocabulary of the given symbols in the given order (e.g. a task's fixed alphabet). */
  public static Vocabulary of(Level level, List<String> reserved, List<String> symbols) {
    return new Vocabulary(level, reserved, symbols);
  }

  /** The symbols of a text in order: its code points, or its whitespace-separated words. */
  public static List<String> split(Level level, String text) {
    List<String> out = new ArrayList<>();
    if (level == Level.CHAR) {
      text.codePoints().forEach(cp -> out.add(Character.toString(cp)));
      return out;
    }
    int i = 0, n = text.length();
    while (i < n) {
      while (i < n && Character.isWhitespace(text.codePointAt(i))) {
        i += Character.charCount(text.codePointAt(i));
      }
      int start = i;
      while (i < n && !Character.isWhitespace(text.codePointAt(i))) {
        i += Character.charCount(text.codePointAt(i));
      }
      if (i > start) {
        out.add(text.substring(start, i));
      }
    }
    return out;
  }

  public Level level() { return level; }

  /** The reserved names, ids 0 … r−1. */
  public List<String> reserved() { return reserved; }

  /** Reserved tokens plus symbols. */
  public int size() {
    return reserved.size() + symbols.size();
  }

  /** The id of a reserved name or symbol, or −1. */
  public int id(String symbol) {
    return ids.getOrDefault(symbol, -1);
  }

  /** The code point of the character symbol with this id. */
  public int codePoint(int id) {
    if (level != Level.CHAR || id < reserved.size() || id >= size()) {
      throw new IllegalArgumentException("code point: expected the id of a character symbol in [" + reserved.size()
          + ", " + size() + "), found " + id + " in a " + level.id() + " vocabulary");
    }
    return symbols.get(id - reserved.size()).codePointAt(0);
  }

  /** Whether a character vocabulary has an id for this code point (a symbol, or a reserved name of one character). */
  public boolean contains(int codePoint) {
    return level == Level.CHAR && Arrays.binarySearch(sortedCodePoints, codePoint) >= 0;
  }

  /**
   * The id of each symbol of {@code text}; a symbol outside the vocabulary maps to {@link #UNK}
   * when it is reserved and is otherwise an error naming it.
   */
  public int[] encode(String text) {
    if (level == Level.CHAR) {
      int[] cps = text.codePoints().toArray();
      int[] out = new int[cps.length];
      for (int i = 0; i < cps.length; i++) {
        int k = Arrays.binarySearch(sortedCodePoints, cps[i]);
        out[i] = k >= 0 ? sortedIds[k] : unknownId(describe(cps[i]) + " at character " + i);
      }
      return out;
    }
    List<String> words = split(level, text);
    int[] out = new int[words.size()];
    for (int i = 0; i < out.length; i++) {
      Integer id = ids.get(words.get(i));
      out[i] = id != null ? id : unknownId("'" + abbreviate(words.get(i)) + "' at word " + i);
    }
    return out;
  }

  private int unknownId(String what) {
    if (unknown < 0) {
      throw new IllegalArgumentException("text: expected symbols of the model's vocabulary, found " + what
          + " (vocabulary: " + abbreviate(toJson()) + ")");
    }
    return unknown;
  }

  /** The text of ids: characters joined, or words joined by one space; a reserved id shows as its name. */
  public String decode(int[] tokens) {
    StringBuilder s = new StringBuilder(tokens.length);
    for (int i = 0; i < tokens.length; i++) {
      int t = tokens[i];
      if (t < 0 || t >= size()) {
        throw new IllegalArgumentException("token: expected an index in [0, " + size() + "), found " + t);
      }
      if (i > 0 && level == Level.WORD) {
        s.append(' ');
      }
      s.append(t < reserved.size() ? reserved.get(t) : symbols.get(t - reserved.size()));
    }
    return s.toString();
  }

  public String toJson() {
    try {
      if (isLanguageModelForm()) {
        return JSON.std.asString(String.join("", symbols));
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("level", level.id());
      m.put("reserved", reserved);
      m.put("symbols", symbols);
      return JSON.std.asString(m);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private boolean isLanguageModelForm() {
    if (level != Level.CHAR || !reserved.isEmpty()) {
      return false;
    }
    for (int k = 1; k < symbols.size(); k++) {
      if (symbols.get(k - 1).codePointAt(0) >= symbols.get(k).codePointAt(0)) {
        return false;
      }
    }
    return true;
  }

  /** Parses what {@link #toJson()} wrote (either form). */
  public static Vocabulary fromJson(String json) {
    Object parsed;
    try {
      parsed = JSON.std.anyFrom(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("vocabulary: expected a JSON string of symbols, found '" + abbreviate(json) + "'");
    }
    if (parsed instanceof String s && !s.isEmpty()) {
      int[] cps = s.codePoints().toArray();
      if (!Arrays.equals(cps, Arrays.stream(cps).distinct().sorted().toArray())) {
        throw new IllegalArgumentException("vocabulary: expected distinct symbols in ascending order, found '"
            + abbreviate(s) + "'");
      }
      return of(s);
    }
    if (parsed instanceof Map<?, ?> m) {
      if (!m.keySet().equals(Set.of("level", "reserved", "symbols")) || !(m.get("level") instanceof String level)) {
        throw new IllegalArgumentException("vocabulary: expected an object with the keys level (a string), reserved and "
            + "symbols, found '" + abbreviate(json) + "'");
      }
      return new Vocabulary(Level.parse(level), strings(m.get("reserved"), "reserved"), strings(m.get("symbols"), "symbols"));
    }
    throw new IllegalArgumentException("vocabulary: expected a non-empty JSON string of symbols or an object {level, "
        + "reserved, symbols}, found '" + abbreviate(json) + "'");
  }

  private static List<String> strings(Object value, String key) {
    if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
      List<String> out = new ArrayList<>();
      list.forEach(o -> out.add((String) o));
      return out;
    }
    throw new IllegalArgumentException("vocabulary '" + key + "': expected a list of strings, found "
        + abbreviate(String.valueOf(value)));
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
