package org.rnn4j.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A numeric CSV table: a header row of column names, then one comma-separated row of numbers
 * per time step (no quoted commas). Blank lines are skipped; cells are trimmed and surrounding
 * double quotes removed, as {@code esn}'s CSV reader does. Every error names the source, the line and
 * the column.
 *
 * @param columns {@code columns[c][r]} is the value of column c in data row r
 */
public record CsvTable(String source, List<String> header, float[][] columns) {

  public int rows() {
    return columns.length == 0 ? 0 : columns[0].length;
  }

  public static CsvTable read(Path file) throws IOException {
    return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
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
    List<float[]> rows = new ArrayList<>();
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
      float[] row = new float[cells.length];
      for (int c = 0; c < cells.length; c++) {
        row[c] = number(unquote(cells[c].trim()), source, i + 1, header.get(c));
      }
      rows.add(row);
    }
    float[][] columns = new float[header.size()][rows.size()];
    for (int r = 0; r < rows.size(); r++) {
      for (int c = 0; c < header.size(); c++) {
        columns[c][r] = rows.get(r)[c];
      }
    }
    return new CsvTable(source, List.copyOf(header), columns);
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

  /** The values of the named column. */
  public float[] column(String name) {
    int c = header.indexOf(name);
    if (c < 0) {
      throw new IllegalArgumentException(source + ": expected a column '" + name + "', found columns " + header);
    }
    return columns[c];
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
