package org.rnn4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.rnn4j.csv.CsvFile;
import org.rnn4j.csv.MissingValues;
import picocli.CommandLine.Option;

/** How the series commands ({@code train --forecast}, {@code predict}, {@code esn --data}) read a CSV file. */
final class CsvOptions {
  @Option(names = "--delimiter", defaultValue = ",", paramLabel = "C",
      description = "The CSV field delimiter: one character, or 'tab' (default: '${DEFAULT-VALUE}').")
  String delimiter;

  @Option(names = "--missing", defaultValue = "error", paramLabel = "POLICY",
      description = "Missing cells (empty, NA, NaN, null) in the columns read: error, drop (the row), previous (repeat the "
          + "value above) or interpolate (linear between the values around) (default: ${DEFAULT-VALUE}).")
  String missing;

  /** The named columns of {@code file} as numbers, gaps handled as {@code --missing} says. */
  CsvFile.Numbers read(Path file, List<String> columns) throws IOException {
    MissingValues policy = MissingValues.parse(missing); // a bad option value is reported before the file is read
    return CsvFile.read(file, delimiter()).numbers(columns, policy);
  }

  char delimiter() {
    if (delimiter.equals("tab") || delimiter.equals("\\t")) {
      return '\t';
    }
    if (delimiter.length() != 1) {
      throw new IllegalArgumentException("--delimiter: expected one character or 'tab', found '" + delimiter + "'");
    }
    return delimiter.charAt(0);
  }

  /**
   * What reading did beside the numbers, for the run's summary: "; not read: date (text); 3 missing
   * cells interpolated", or "" when there is nothing to say.
   */
  String notes(CsvFile.Numbers n) {
    StringBuilder sb = new StringBuilder();
    if (!n.textColumns().isEmpty()) {
      sb.append("; text columns not read: ").append(String.join(", ", n.textColumns()));
    }
    return sb.append(gapNotes(n.missingCells(), n.droppedRows())).toString();
  }

  /** "; 3 missing cells interpolated" (or "filled with the value above", or ", 2 rows dropped"), or "" without gaps. */
  String gapNotes(long missingCells, long droppedRows) {
    if (missingCells == 0) {
      return "";
    }
    String cells = "; " + missingCells + (missingCells == 1 ? " missing cell" : " missing cells");
    return cells + switch (MissingValues.parse(missing)) {
      case DROP -> ", " + droppedRows + (droppedRows == 1 ? " row" : " rows") + " dropped";
      case PREVIOUS -> " filled with the value above";
      case INTERPOLATE -> " interpolated";
      case ERROR -> throw new IllegalStateException("--missing error reports the first missing cell");
    };
  }
}
