package org.rnn4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * Options of {@code rnn train --classify FILE}: sequence classification on the user's own file
 * (label TAB text lines, or a CSV of numeric rows grouped into sequences by an id column). The
 * options it shares with other forms of {@code train} (--tokens, --features, --val-fraction,
 * --delimiter) are theirs; {@link #requireOnlyOptionsOf} refuses any option the file's form does
 * not read, so none is silently ignored.
 */
final class ClassifyOptions {
  @Option(names = "--classify", paramLabel = "FILE",
      description = {"Train a sequence classifier on FILE: 'label<TAB>text' lines (UTF-8), or, for a .csv file, rows of "
          + "numbers where consecutive rows with the same --id form one sequence labelled by --label.",
          "The model is a GRU (any --cell) read to each sequence's last step, with a softmax over the classes; the best",
          "(validation accuracy) goes to RUN/model.safetensors; then try 'rnn classify --model ...'."})
  Path file;

  // Unset is null, so the option can be refused for a text file rather than ignored.
  @Option(names = "--id", paramLabel = "COLUMN",
      description = "The CSV column whose value groups consecutive rows into one sequence, with --classify FILE.csv "
          + "(default: id).")
  String id;

  @Option(names = "--label", paramLabel = "COLUMN",
      description = "The CSV column holding each sequence's class, with --classify FILE.csv (default: label).")
  String label;

  /** The options of {@code train} that every classifier run reads, besides the model and training options. */
  private static final Set<String> COMMON = Set.of("--classify", "--val-fraction", "--json", "--run-dir", "--debug",
      "--threads", "--resume");
  private static final Set<String> TEXT = Set.of("--tokens");
  /** The options that name the data: a resumed run is given them again (the rest is the run's). */
  static final Set<String> DATA = Set.of("--classify", "--val-fraction", "--tokens", "--id", "--label", "--features",
      "--delimiter");
  private static final Set<String> CSV = Set.of("--id", "--label", "--features", "--delimiter");

  /** Whether the file is the CSV form (by its name), else label TAB text lines. */
  boolean csv() {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
  }

  String id() {
    return id != null ? id : "id";
  }

  String label() {
    return label != null ? label : "label";
  }

  /**
   * Refuses the options given that this form does not read (e.g. --tokens for a CSV, --id for
   * texts, --forecast or --mapping for either): {@code modelOptions} are the model and training
   * options, which every form reads.
   */
  void requireOnlyOptionsOf(ParseResult parsed, Set<String> modelOptions) {
    Set<String> allowed = new TreeSet<>(COMMON);
    allowed.addAll(modelOptions);
    allowed.addAll(csv() ? CSV : TEXT);
    Set<String> other = GivenOptions.outside(parsed, allowed);
    if (!other.isEmpty()) {
      throw new IllegalArgumentException("--classify: expected only options of classifying " + (csv()
          ? "a CSV file of sequences (--id, --label, --features, --delimiter)" : "texts (--tokens)")
          + ", the model and training options, found " + String.join(", ", other));
    }
  }
}
