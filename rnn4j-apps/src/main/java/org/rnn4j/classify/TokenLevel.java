package org.rnn4j.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How a text is cut into tokens: one per Unicode code point, or one per whitespace-separated word. */
public enum TokenLevel {
  CHAR,
  WORD;

  /** The tokens of {@code text} in order; an empty or all-blank text has none. */
  public List<String> split(String text) {
    List<String> tokens = new ArrayList<>();
    if (this == CHAR) {
      text.codePoints().forEach(cp -> tokens.add(Character.toString(cp)));
    } else {
      for (String word : text.strip().split("\\s+")) {
        if (!word.isEmpty()) {
          tokens.add(word);
        }
      }
    }
    return tokens;
  }

  /** The name used on the command line and in model files: "char" or "word". */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static TokenLevel parse(String s) {
    for (TokenLevel level : values()) {
      if (level.id().equals(s)) {
        return level;
      }
    }
    throw new IllegalArgumentException("tokens: expected char or word, found '" + s + "'");
  }
}
