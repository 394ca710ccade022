package org.rnn4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Sequences from a CSV file (read with jackson-dataformat-csv's streaming parser: a header row of
 * column names, then one row per step, quoting allowed): consecutive rows with the same value in the id column form
 * one sequence; the label column, when asked for, gives its class and must be the same on all its
 * rows; the feature columns are numbers. An id that comes back after other ids, a row of the wrong
 * width or a cell that is no finite number is an error naming the file, the line and the column.
 *
 * @param labels one per sequence, or empty when no label column was asked for
 * @param rows each sequence's rows of feature values, in the order of {@code features}
 */
record SequenceCsv(List<String> features, List<String> ids, List<String> labels, List<float[][]> rows) {

  /** Reads {@code file}; {@code labelColumn} null reads no labels; empty {@code features}: every other column. */
  static SequenceCsv read(Path file, String idColumn, String labelColumn, List<String> features) throws IOException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(file.toString(), reader, idColumn, labelColumn, features);
    }
  }

  static SequenceCsv read(String name, Reader reader, String idColumn, String labelColumn, List<String> features)
      throws IOException {
    CsvFactory factory = CsvFactory.builder().enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();
    try (CsvParser parser = (CsvParser) factory.createParser(reader)) {
      List<String> header = nextRow(parser);
      if (header == null) {
        throw new IllegalArgumentException(name + ": expected a header row of column names, found an empty file");
      }
      int id = column(name, header, idColumn, "--id");
      int label = labelColumn == null ? -1 : column(name, header, labelColumn, "--label");
      List<String> names = new ArrayList<>(features);
      if (names.isEmpty()) {
        for (String h : header) {
          if (!h.equals(idColumn) && !h.equals(labelColumn)) {
            names.add(h);
          }
        }
      }
      if (names.isEmpty()) {
        throw new IllegalArgumentException(name + ": expected at least one feature column besides '" + idColumn + "'"
            + (labelColumn == null ? "" : " and '" + labelColumn + "'") + ", found columns " + String.join(", ", header));
      }
      int[] feature = new int[names.size()];
      for (int j = 0; j < feature.length; j++) {
        feature[j] = column(name, header, names.get(j), "--features");
      }
      List<String> ids = new ArrayList<>(), labels = new ArrayList<>();
      List<float[][]> rows = new ArrayList<>();
      List<float[]> current = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (List<String> cells = nextRow(parser); cells != null; cells = nextRow(parser)) {
        long line = parser.currentTokenLocation().getLineNr();
        if (cells.size() != header.size()) {
          throw new IllegalArgumentException(name + " line " + line + ": expected " + header.size() + " fields (the header's), "
              + "found " + cells.size());
        }
        String rowId = cells.get(id);
        if (ids.isEmpty() || !ids.get(ids.size() - 1).equals(rowId)) { // a new sequence starts
          if (!seen.add(rowId)) {
            throw new IllegalArgumentException(name + " line " + line + ": expected the rows of sequence '" + rowId
                + "' to be consecutive, found it again after other sequences");
          }
          if (!current.isEmpty()) {
            rows.add(current.toArray(float[][]::new));
            current.clear();
          }
          ids.add(rowId);
          if (label >= 0) {
            labels.add(cells.get(label));
          }
        } else if (label >= 0 && !labels.get(labels.size() - 1).equals(cells.get(label))) {
          throw new IllegalArgumentException(name + " line " + line + ", column '" + labelColumn + "': expected the label of "
              + "sequence '" + rowId + "' ('" + labels.get(labels.size() - 1) + "') on all its rows, found '"
              + cells.get(label) + "'");
        }
        float[] values = new float[feature.length];
        for (int j = 0; j < feature.length; j++) {
          values[j] = number(name, line, names.get(j), cells.get(feature[j]));
        }
        current.add(values);
      }
      if (current.isEmpty()) {
        throw new IllegalArgumentException(name + ": expected data rows after the header, found none");
      }
      rows.add(current.toArray(float[][]::new));
      return new SequenceCsv(List.copyOf(names), ids, labels, rows);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(name + " line " + e.getLocation().getLineNr() + ": expected CSV, found "
          + e.getOriginalMessage().lines().findFirst().orElse("malformed input"));
    }
  }

  /** The next row's fields (the parser, without a schema, gives each row as an array of strings), or null at the end. */
  private static List<String> nextRow(CsvParser parser) throws IOException {
    JsonToken token = parser.nextToken();
    if (token == null) {
      return null;
    }
    List<String> cells = new ArrayList<>();
    for (token = parser.nextToken(); token != null && token != JsonToken.END_ARRAY; token = parser.nextToken()) {
      cells.add(parser.getText());
    }
    return cells;
  }

  private static int column(String name, List<String> header, String column, String option) {
    int k = header.indexOf(column);
    if (k < 0) {
      throw new IllegalArgumentException(name + ": expected a column '" + column + "' (" + option + "), found columns "
          + String.join(", ", header));
    }
    return k;
  }

  private static float number(String name, long line, String column, String cell) {
    try {
      float v = Float.parseFloat(cell.strip());
      if (Float.isFinite(v)) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(name + " line " + line + ", column '" + column + "': expected a finite number, found '"
        + cell + "'");
  }
}
