package org.rnn4j.data;

import java.util.HashSet;
import java.util.List;

/**
 * A table of named numeric columns of equal length, rows in time order: what a time-series model
 * reads. Every value is finite; gaps and text are dealt with when the table is made (the CSV
 * reader of rnn4j-apps, {@code org.rnn4j.csv.CsvFile}, applies a missing-value policy and names the
 * file, line and column of a bad cell). {@code source} names the data in error messages.
 */
public final class NumericTable {
  private final String source;
  private final List<String> names;
  private final float[][] columns; // columns[c][r]: column c, row r

  private NumericTable(String source, List<String> names, float[][] columns) {
    this.source = source;
    this.names = names;
    this.columns = columns;
  }

  /**
   * A table of the given columns ({@code columns[c][r]}: column c, row r), copied; the names
   * must be distinct, the columns of equal length and every value finite.
   */
  public static NumericTable of(String source, List<String> names, float[][] columns) {
    if (names.size() != columns.length || new HashSet<>(names).size() != names.size()) {
      throw new IllegalArgumentException(source + ": expected one distinct name per column, found names " + names + " for "
          + columns.length + " columns");
    }
    float[][] copy = new float[columns.length][];
    for (int c = 0; c < columns.length; c++) {
      if (columns[c].length != columns[0].length) {
        throw new IllegalArgumentException(source + ": expected columns of equal length, found " + columns[0].length + " rows in '"
            + names.get(0) + "' and " + columns[c].length + " in '" + names.get(c) + "'");
      }
      for (int r = 0; r < columns[c].length; r++) {
        if (!Float.isFinite(columns[c][r])) {
          throw new IllegalArgumentException(source + " row " + r + ", column '" + names.get(c) + "': expected a finite number, found "
              + columns[c][r]);
        }
      }
      copy[c] = columns[c].clone();
    }
    return new NumericTable(source, List.copyOf(names), copy);
  }

  public String source() {
    return source;
  }

  /** The column names, in the order given. */
  public List<String> names() {
    return names;
  }

  public int rows() {
    return columns.length == 0 ? 0 : columns[0].length;
  }

  /** The values of the named column (a copy). */
  public float[] column(String name) {
    int c = names.indexOf(name);
    if (c < 0) {
      throw new IllegalArgumentException(source + ": expected a column '" + name + "', found columns " + String.join(", ", names));
    }
    return columns[c].clone();
  }
}
