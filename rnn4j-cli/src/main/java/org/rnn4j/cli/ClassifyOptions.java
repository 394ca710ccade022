package org.rnn4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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

  // Unset options are null, so an option of the other file form can be refused rather than ignored.
  /** The train command's --tokens when given (char by default), set by the command. */
  String tokens;

  @Option(names = "--id", paramLabel = "COLUMN",
      description = "The CSV column whose value groups consecutive rows into one sequence, with --classify FILE.csv "
          + "(default: id).")
  String id;

  @Option(names = "--label", paramLabel = "COLUMN",
      description = "The CSV column holding each sequence's class, with --classify FILE.csv (default: label).")
  String label;

  /** Whether the file is the CSV form (by its name), else label TAB text lines. */
  boolean csv() {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
  }

  String tokens() {
    return tokens != null ? tokens : "char";
  }

  String id() {
    return id != null ? id : "id";
  }

  String label() {
    return label != null ? label : "label";
  }

  /** Refuses the options of the other file form: --tokens for a CSV; --id, --label, --features for texts. */
  void requireOptionsOfTheFileForm(List<String> features) {
    if (csv() && tokens != null) {
      throw new IllegalArgumentException("--tokens: expected a text file (label<TAB>text) with it, found the CSV file " + file);
    }
    if (!csv() && (id != null || label != null || !features.isEmpty())) {
      throw new IllegalArgumentException((id != null ? "--id" : label != null ? "--label" : "--features")
          + ": expected a .csv file of sequences with it, found the text file " + file);
    }
  }
}
