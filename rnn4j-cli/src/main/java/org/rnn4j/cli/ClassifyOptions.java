package org.rnn4j.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Options of {@code rnn train --classify FILE}: sequence classification on the user's own file
 * (label TAB text lines, or a CSV of numeric rows grouped into sequences by an id column); the
 * validation fraction and the CSV feature columns are the options of the same names that arrays
 * and series use.
 */
final class ClassifyOptions {
  @Option(names = "--classify", paramLabel = "FILE",
      description = {"Train a sequence classifier on FILE: 'label<TAB>text' lines (UTF-8), or, for a .csv file, rows of "
          + "numbers where consecutive rows with the same --id form one sequence labelled by --label.",
          "The model is a GRU (any --cell) read to each sequence's last step, with a softmax over the classes; the best",
          "(validation accuracy) goes to RUN/model.safetensors; then try 'rnn classify --model ...'."})
  Path file;

  @Option(names = "--tokens", defaultValue = "char",
      description = "Text tokens for --classify: char (every character) or word (whitespace-separated) (default: ${DEFAULT-VALUE}).")
  String tokens;

  @Option(names = "--id", paramLabel = "COLUMN", defaultValue = "id",
      description = "The CSV column whose value groups consecutive rows into one sequence, with --classify FILE.csv "
          + "(default: ${DEFAULT-VALUE}).")
  String id;

  @Option(names = "--label", paramLabel = "COLUMN", defaultValue = "label",
      description = "The CSV column holding each sequence's class, with --classify FILE.csv (default: ${DEFAULT-VALUE}).")
  String label;

  /** Whether the file is the CSV form (by its name), else label TAB text lines. */
  boolean csv() {
    return file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv");
  }
}
