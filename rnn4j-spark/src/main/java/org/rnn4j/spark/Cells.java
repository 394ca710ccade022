package org.rnn4j.spark;

import org.rnn4j.csv.CsvFile;
import org.rnn4j.csv.MissingValues;

/**
 * A table's cells as Spark hands them over (text from a CSV, null for an empty CSV cell, any number
 * type from Parquet), read as {@code rnn train}'s CSV reader reads a cell.
 */
final class Cells {
  private Cells() {}

  /** Whether a cell stands for "no value": null, a missing marker ({@link MissingValues#isMissing}), or NaN. */
  static boolean isMissing(Object cell) {
    return cell == null || (cell instanceof String s && MissingValues.isMissing(s.strip()))
        || (cell instanceof Number n && Double.isNaN(n.doubleValue()));
  }

  /** What an error says was found in a missing cell: "an empty cell" or "'NA' (a missing value)". */
  static String missingFound(Object cell) {
    return cell == null || cell.toString().isBlank() ? "an empty cell" : "'" + cell + "' (a missing value)";
  }

  /** A present cell as a finite float; {@code place} ("FILE, column 'x': ") names it in an error. */
  static float finite(Object cell, String place) {
    float v = cell instanceof Number n ? n.floatValue() : CsvFile.number(cell.toString().strip());
    if (!Float.isFinite(v)) {
      throw new IllegalArgumentException(place + "expected a finite number, found '" + cell + "'");
    }
    return v;
  }
}
