package org.rnn4j.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.rnn4j.classify.FeatureEncoding;
import org.rnn4j.csv.CsvFile;
import org.rnn4j.csv.MissingValues;
import org.rnn4j.data.NumericTable;

/**
 * Sequences from a CSV file ({@link CsvFile}: a header row, then one row per step): consecutive
 * rows with the same value in the id column form one sequence; the label column, when asked for,
 * gives its class and must be the same on all its rows; the feature columns are numbers, none
 * missing (filling a gap from a neighbouring row could take it from another sequence). An id that
 * comes back after other ids is an error naming the line.
 *
 * @param labels one per sequence, or empty when no label column was asked for
 * @param rows each sequence's rows of feature values, in the order of {@code features}
 */
record SequenceCsv(List<String> features, List<String> ids, List<String> labels, List<float[][]> rows) {

  /** {@code labelColumn} null reads no labels; empty {@code features}: every column but the id and the label. */
  static SequenceCsv read(CsvFile file, String idColumn, String labelColumn, List<String> features) {
    requireColumn(file, idColumn, "--id");
    if (labelColumn != null) {
      requireColumn(file, labelColumn, "--label");
    }
    List<String> names = new ArrayList<>(features);
    if (names.isEmpty()) {
      for (String h : file.header()) {
        if (!h.equals(idColumn) && !h.equals(labelColumn)) {
          names.add(h);
        }
      }
    }
    if (names.isEmpty()) {
      throw new IllegalArgumentException(file.source() + ": expected at least one feature column besides '" + idColumn + "'"
          + (labelColumn == null ? "" : " and '" + labelColumn + "'") + ", found columns " + String.join(", ", file.header()));
    }
    for (String feature : features) {
      requireColumn(file, feature, "--features");
    }
    if (file.rows() == 0) {
      throw new IllegalArgumentException(file.source() + ": expected data rows after the header, found none");
    }
    NumericTable table = file.numbers(names, MissingValues.ERROR, FeatureEncoding.NO_GAPS).table();
    float[][] columns = new float[names.size()][];
    for (int j = 0; j < columns.length; j++) {
      columns[j] = table.column(names.get(j));
    }
    List<String> idCells = file.text(idColumn), labelCells = labelColumn == null ? null : file.text(labelColumn);
    List<String> ids = new ArrayList<>(), labels = new ArrayList<>();
    List<float[][]> rows = new ArrayList<>();
    List<float[]> current = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int r = 0; r < file.rows(); r++) {
      String id = idCells.get(r);
      if (ids.isEmpty() || !ids.get(ids.size() - 1).equals(id)) { // a new sequence starts
        if (!seen.add(id)) {
          throw new IllegalArgumentException(file.source() + " line " + file.line(r) + ": expected the rows of sequence '" + id
              + "' to be consecutive, found it again after other sequences");
        }
        if (!current.isEmpty()) {
          rows.add(current.toArray(float[][]::new));
          current.clear();
        }
        ids.add(id);
        if (labelCells != null) {
          if (labelCells.get(r).isEmpty()) {
            throw new IllegalArgumentException(file.source() + " line " + file.line(r) + ", column '" + labelColumn
                + "': expected the class of sequence '" + id + "', found an empty cell");
          }
          labels.add(labelCells.get(r));
        }
      } else if (labelCells != null && !labels.get(labels.size() - 1).equals(labelCells.get(r))) {
        throw new IllegalArgumentException(file.source() + " line " + file.line(r) + ", column '" + labelColumn + "': expected "
            + "the label of sequence '" + id + "' ('" + labels.get(labels.size() - 1) + "') on all its rows, found '"
            + labelCells.get(r) + "'");
      }
      float[] values = new float[columns.length];
      for (int j = 0; j < values.length; j++) {
        values[j] = columns[j][r];
      }
      current.add(values);
    }
    rows.add(current.toArray(float[][]::new));
    return new SequenceCsv(List.copyOf(names), ids, labels, rows);
  }

  private static void requireColumn(CsvFile file, String column, String option) {
    if (!file.header().contains(column)) {
      throw new IllegalArgumentException(file.source() + ": expected a column '" + column + "' (" + option + "), found columns "
          + String.join(", ", file.header()));
    }
  }
}
