package org.rnn4j.train;

import java.util.Locale;

/** What the trainer does when a batch's loss or gradient is NaN or infinite. */
public enum NonFinitePolicy {
  /** Throw before the update, naming the step and the first parameter with a non-finite gradient. */
  STOP,
  /** Leave the parameters and optimizer state untouched, count the step as skipped, go on. */
  SKIP;

  public static NonFinitePolicy parse(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "stop" -> STOP;
      case "skip" -> SKIP;
      default -> throw new IllegalArgumentException("on_non_finite: expected stop or skip, found '" + s + "'");
    };
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
