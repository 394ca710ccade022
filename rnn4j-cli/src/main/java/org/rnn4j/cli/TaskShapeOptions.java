package org.rnn4j.cli;

import org.rnn4j.task.Adding;
import org.rnn4j.task.Tasks;
import picocli.CommandLine.Option;

/** The built-in tasks' own settings, shared by {@code task} and {@code diagnose}. */
final class TaskShapeOptions {
  @Option(names = "--delay", defaultValue = "3", description = "Delay k of the echo task; distance k of the lookahead task (default: ${DEFAULT-VALUE}).")
  int delay;

  @Option(names = "--length", defaultValue = "" + Adding.DEFAULT_LENGTH,
      description = "Sequence length of the adding task (default: ${DEFAULT-VALUE}).")
  int length;

  Tasks.Options toOptions() {
    return new Tasks.Options(delay, length);
  }
}
