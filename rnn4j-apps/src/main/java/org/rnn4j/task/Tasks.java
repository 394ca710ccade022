package org.rnn4j.task;

import java.util.List;
import java.util.Locale;

/** The registry of built-in tasks by name. */
public final class Tasks {
  private Tasks() {}

  public static final List<String> NAMES = List.of(
      "addition", "xor", "sine", "majority", "echo", "count", "adding", "reber", "pattern", "sine-gen", "lookahead");

  /**
   * The task parameters some tasks take: echo's delay (also the lookahead task's distance k) and
   * the adding problem's sequence length.
   */
  public record Options(int echoDelay, int addingLength) {
    public static final Options DEFAULTS = new Options(3, Adding.DEFAULT_LENGTH);
  }

  /** A task by name. */
  public static Task create(String name, Options options) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "addition" -> new BinaryAddition();
      case "xor", "parity" -> new Parity();
      case "sine" -> new Sine();
      case "majority" -> new Majority();
      case "echo" -> new Echo(options.echoDelay());
      case "count" -> new Count();
      case "adding" -> new Adding(options.addingLength());
      case "reber" -> new Reber();
      case "pattern" -> new Pattern();
      case "sine-gen" -> new SineGeneration();
      case "lookahead" -> new Lookahead(options.echoDelay());
      default -> throw new IllegalArgumentException("task: expected one of " + String.join(", ", NAMES)
          + ", found '" + name + "'");
    };
  }
}
