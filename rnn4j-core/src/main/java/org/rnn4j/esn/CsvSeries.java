package org.rnn4j.esn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One numeric column of a CSV file, in row (time) order. The first line is a header of column
 * names; fields are separated by commas (no quoted commas); surrounding spaces and double quotes
 * are removed; blank lines are skipped. Every value of the column must be a finite number.
 */
public final class CsvSeries {
  private CsvSeries() {}

  public static double[] read(Path file, String column) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    int headerLine = 0;
    while (headerLine < lines.size() && lines.get(headerLine).isBlank()) {
      headerLine++;
    }
    if (headerLine == lines.size()) {
      throw new IllegalArgumentException(file + ": expected a header row of column names, found an empty file");
    }
    String[] header = fields(lines.get(headerLine));
    int index = Arrays.asList(header).indexOf(column);
    if (index < 0) {
      throw new IllegalArgumentException(file + ": expected a column '" + column + "', found columns "
          + String.join(", ", header));
    }
    List<Double> values = new ArrayList<>();
    for (int i = headerLine + 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      String[] f = fields(lines.get(i));
      String where = file + " line " + (i + 1) + ", column '" + column + "'";
      if (index >= f.length) {
        throw new IllegalArgumentException(where + ": expected " + header.length + " fields, found " + f.length);
      }
      double v;
      try {
        v = Double.parseDouble(f[index]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(where + ": expected a number, found '" + f[index] + "'");
      }
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException(where + ": expected a finite number, found '" + f[index] + "'");
      }
      values.add(v);
    }
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static String[] fields(String line) {
    String[] f = line.split(",", -1);
    for (int i = 0; i < f.length; i++) {
      String s = f[i].strip();
      if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
        s = s.substring(1, s.length() - 1);
      }
      f[i] = s;
    }
    return f;
  }
}
