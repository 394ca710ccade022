package org.rnn4j.layer;

import java.util.Locale;

/** How a bidirectional layer combines its two directions' outputs. */
public enum Fusion {
  /** [forward; reverse], width 2H: PyTorch's. */
  CONCAT,
  /** forward + reverse, width H. */
  SUM,
  /** (forward + reverse) / 2, width H. */
  AVERAGE;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Fusion parse(String s) {
    for (Fusion f : values()) {
      if (f.id().equals(s.toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    throw new IllegalArgumentException("fusion: expected concat, sum or average, found '" + s + "'");
  }
}
