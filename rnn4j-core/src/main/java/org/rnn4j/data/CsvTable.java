package org.rnn4j.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV table: a header row of column names, then one comma-separated row per time step (no
 * quoted commas). Blank lines are skipped; cells are trimmed and surrounding double quotes
 * removed. Columns are parsed as numbers only when asked for, so a table may carry other columns
 * (dates, labels) beside the numeric ones. Every error names the source, the line and the column.
 */
public final class CsvTable {
  private final String source;
  private final List<String> header;
  private final List<String[]> cells; // data rows, each as trimmed, unquoted cells
  private final List<Integer> lineNumbers; // the file line of each data row, for errors

  private CsvTable(String source, List<String> header, List<String[]> cells, List<Integer> lineNumbers) {
    this.source = source;
    this.header = List.copyOf(header);
    this.cells = cells;
    this.lineNumbers = lineNumbers;
  }

  /** A table of numeric columns ({@code columns[c][r]}: column c, row r), e.g. generated data. */
  public static CsvTable of(String source, List<String> header, float[][] columns) {
    List<String[]> rows = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    for (int r = 0; r < (columns.length == 0 ? 0 : columns[0].length); r++) {
      String[] row = new String[columns.length];
      for (int c = 0; c < columns.length; c++) {
        row[c] = Float.toString(columns[c][r]);
      }
      rows.add(row);
      lines.add(r + 2);
    }
    return new CsvTable(source, header, rows, lines);
  }

  public String source() {
    return source;
  }

  public List<String> header() {
    return header;
  }

  public int rows() {
    return cells.size();
  }

  /** Reads a UTF-8 file; invalid UTF-8 is an error naming the file and the byte offset. */
  public static CsvTable read(Path file) throws IOException {
    return parse(TextCorpus.decodeStrict(file.toString(), Files.readAllBytes(file)).lines().toList(), file.toString());
  }

  /** Parses CSV lines; {@code source} names the data in error messages. */
  public static CsvTable parse(List<String> lines, String source) {
    int first = 0;
    while (first < lines.size() && lines.get(first).isBlank()) {
      first++;
    }
    if (first == lines.size()) {
      throw new IllegalArgumentException(source + ": expected a header row of column names, found an empty file");
    }
    List<String> header = new ArrayList<>();
    for (String name : lines.get(first).split(",", -1)) {
      String n = unquote(stripBom(name.trim()));
      if (n.isEmpty() || header.contains(n)) {
        throw new IllegalArgumentException(source + " line " + (first + 1) + ": expected distinct, non-empty column names, found '"
            + lines.get(first) + "'");
      }
      header.add(n);
    }
    List<String[]> rows = new ArrayList<>();
    List<Integer> lineNumbers = new ArrayList<>();
    for (int i = first + 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      String[] cells = line.split(",", -1);
      if (cells.length != header.size()) {
        throw new IllegalArgumentException(source + " line " + (i + 1) + ": expected " + header.size() + " cells (as the header), found "
            + cells.length);
      }
      for (int c = 0; c < cells.length; c++) {
        cells[c] = unquote(cells[c].trim());
      }
      rows.add(cells);
      lineNumbers.add(i + 1);
    }
    return new CsvTable(source, header, rows, lineNumbers);
  }

  private static String stripBom(String s) {
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1).trim() : s;
  }

  private static float number(String cell, String source, int line, String column) {
    try {
      float v = Float.parseFloat(cell);
      if (Float.isFinite(v)) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below with the position
    }
    throw new IllegalArgumentException(source + " line " + line + ", column '" + column + "': expected a finite number, found '"
        + cell + "'");
  }

  /** The values of the named column, parsed as finite numbers. */
  public float[] column(String name) {
    int c = header.indexOf(name);
    if (c < 0) {
      throw new IllegalArgumentException(source + ": expected a column '" + name + "', found columns "
          + String.join(", ", header));
    }
    float[] values = new float[cells.size()];
    for (int r = 0; r < values.length; r++) {
      values[r] = number(cells.get(r)[c], source, lineNumbers.get(r), name);
    }
    return values;
  }

  /** Writes a header and equal-length columns as CSV ('.' as the decimal separator). */
  public static void write(Path file, List<String> header, double[][] columns) throws IOException {
    StringBuilder sb = new StringBuilder(String.join(",", header)).append('\n');
    int rows = columns[0].length;
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < columns.length; c++) {
        double v = columns[c][r];
        // Whole numbers (time indices) stay exact; everything else as the shortest float32 round trip.
        String cell = v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : Float.toString((float) v);
        sb.append(c > 0 ? "," : "").append(cell);
      }
      sb.append('\n');
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, sb, StandardCharsets.UTF_8);
  }
}
