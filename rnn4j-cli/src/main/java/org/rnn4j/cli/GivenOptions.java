package org.rnn4j.cli;

import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The options a command line gave, against those a form of training reads: every form refuses
 * an option it would ignore, with one line naming it.
 */
final class GivenOptions {
  private GivenOptions() {}

  /** The options given (longest names, sorted) that are not in {@code allowed}. */
  static Set<String> outside(ParseResult parsed, Set<String> allowed) {
    Set<String> other = new TreeSet<>();
    for (OptionSpec option : parsed.matchedOptions()) {
      if (!allowed.contains(option.longestName())) {
        other.add(option.longestName());
      }
    }
    return other;
  }

  /** An error {@code message} followed by the options outside {@code allowed} ("[--a, --b]"), when there are any. */
  static void requireOnly(ParseResult parsed, Set<String> allowed, String message) {
    Set<String> other = outside(parsed, allowed);
    if (!other.isEmpty()) {
      throw new IllegalArgumentException(message + other);
    }
  }
}
