package org.rnn4j.task;

import java.util.List;
import java.util.Locale;

/** The registry of built-in tasks by name. */
public final class Tasks {
  private Tasks() {}

  public static final List<String> NAMES = List.of("addition", "xor", "sine", "majority", "echo", "count", "pattern", "sine-gen");

  /** A task by name; {@code delay} is used by echo. */
  public static Task create(String name, int delay) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "addition" -> new BinaryAddition();
      case "xor", "parity" -> new Parity();
      case "sine" -> new Sine();
      case "majority" -> new Majority();
      case "echo" -> new Echo(delay);
      case "count" -> new Count();
      case "pattern" -> new Pattern();
      case "sine-gen" -> new SineGeneration();
      default -> throw new IllegalArgumentException("task: expected one of " + String.join(", ", NAMES)
          + ", found '" + name + "'");
    };
  }
}
