package org.rnn4j.csv;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.rnn4j.data.NumericTable;
import org.rnn4j.data.TextCorpus;

/**
 * A CSV file as pandas, R or a spreadsheet writes it, read with FastCSV (RFC 4180: fields in
 * double quotes may hold the delimiter, quotes and line breaks): a header row of column names,
 * then one row per time step. Blank lines are skipped (as pandas does; so in a one-column file
 * a gap must be written as {@code NA}), cells trimmed, a UTF-8 byte-order mark dropped; an empty column name (pandas' index column) is named {@code Unnamed: i} as pandas
 * reads it back. Only the columns asked for are read as numbers ({@link #numbers}), so text
 * columns (dates, labels) may stand beside them. Every error names the file, the line as an
 * editor counts it (1-based; a quoted field with line breaks counts from where its row starts)
 * and the column.
 */
public final class CsvFile {
  private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
  private static final int QUOTED_CELL_MAX = 40;

  private final String source;
  private final List<String> header;
  private final List<String[]> rows; // trimmed cells, as many per row as the header has
  private final List<Long> lines;   // the line each row starts on

  private CsvFile(String source, List<String> header, List<String[]> rows, List<Long> lines) {
    this.source = source;
    this.header = List.copyOf(header);
    this.rows = rows;
    this.lines = lines;
  }

  /** Reads a UTF-8 file; invalid UTF-8 is an error naming the file and the byte offset. */
  public static CsvFile read(Path file, char delimiter) throws IOException {
    return parse(TextCorpus.decodeStrict(file.toString(), Files.readAllBytes(file)), file.toString(), delimiter);
  }

  /** Parses CSV text; {@code source} names it in error messages. */
  public static CsvFile parse(String text, String source, char delimiter) {
    requireDelimiter(delimiter);
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    List<String> header = null;
    List<String[]> rows = new ArrayList<>();
    List<Long> lines = new ArrayList<>();
    try (CsvReader<CsvRecord> reader = CsvReader.builder().fieldSeparator(delimiter).allowExtraFields(true)
        .allowMissingFields(true).ofCsvRecord(body)) {
      for (CsvRecord record : reader) {
        List<String> cells = record.getFields();
        if (cells.size() == 1 && cells.get(0).isBlank()) {
          continue;
        }
        if (header == null) {
          header = names(cells, source, record.getStartingLineNumber());
          continue;
        }
        if (cells.size() != header.size()) {
          throw new IllegalArgumentException(source + " line " + record.getStartingLineNumber() + ": expected " + header.size()
              + " cells (as the header), found " + cells.size() + (cells.size() > header.size()
                  ? " (a cell that contains '" + delimiter + "' must be in double quotes)" : ""));
        }
        String[] row = new String[cells.size()];
        for (int c = 0; c < row.length; c++) {
          row[c] = cells.get(c).strip();
        }
        rows.add(row);
        lines.add(record.getStartingLineNumber());
      }
    } catch (CsvParseException e) {
      throw new IllegalArgumentException(source + ": expected CSV (RFC 4180), found an error: " + e.getMessage()
          + (e.getCause() != null ? ": " + e.getCause().getMessage() : ""), e);
    } catch (IOException e) {
      throw new IllegalStateException("reading CSV from memory: " + e.getMessage(), e); // a String has no I/O to fail
    }
    if (header == null) {
      throw new IllegalArgumentException(source + ": expected a header row of column names, found an empty file");
    }
    return new CsvFile(source, header, rows, lines);
  }

  static void requireDelimiter(char delimiter) {
    if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
      throw new IllegalArgumentException("--delimiter: expected one character other than a double quote or a line break, found '"
          + delimiter + "'");
    }
  }

  private static List<String> names(List<String> cells, String source, long line) {
    List<String> names = new ArrayList<>();
    for (int c = 0; c < cells.size(); c++) {
      String name = cells.get(c).strip();
      name = name.isEmpty() ? "Unnamed: " + c : name;
      if (names.contains(name)) {
        throw new IllegalArgumentException(source + " line " + line + ": expected distinct column names, found '" + name + "' twice");
      }
      names.add(name);
    }
    return names;
  }

  public String source() {
    return source;
  }

  /** The column names, as in the header row. */
  public List<String> header() {
    return header;
  }

  /** The number of data rows. */
  public int rows() {
    return rows.size();
  }

  /** The cells of one column as text (trimmed), a data row each; a missing column is an error naming the columns. */
  public List<String> text(String column) {
    int c = header.indexOf(column);
    if (c < 0) {
      throw new IllegalArgumentException(source + ": expected a column '" + column + "', found columns " + String.join(", ", header));
    }
    List<String> cells = new ArrayList<>(rows.size());
    for (String[] row : rows) {
      cells.add(row[c]);
    }
    return cells;
  }

  /** The line a data row starts on, as an editor counts (1-based), for error messages. */
  public long line(int row) {
    return lines.get(row);
  }

  /**
   * The asked-for columns as numbers, with their missing cells handled by {@code missing}.
   *
   * @param table        the columns asked for, in the order asked
   * @param textColumns  the other columns whose cells are not all numbers (dates, labels): not read
   * @param missingCells the missing cells found in the columns read (filled, or their rows dropped)
   * @param droppedRows  the rows left out ({@link MissingValues#DROP})
   */
  public record Numbers(NumericTable table, List<String> textColumns, int missingCells, int droppedRows) {}

  /**
   * Reads {@code columns} as finite numbers: a missing column, a cell that is not a number, or a
   * missing cell the policy cannot fill is an error naming the file, the line and the column.
   */
  public Numbers numbers(List<String> columns, MissingValues missing) {
    return numbers(columns, missing, MissingValues.ERROR_HINT);
  }

  /**
   * {@link #numbers(List, MissingValues)} whose error for a missing cell under {@link
   * MissingValues#ERROR} ends with {@code gapHint} (what a command that takes no --missing says).
   */
  public Numbers numbers(List<String> columns, MissingValues missing, String gapHint) {
    int[] index = new int[columns.size()];
    for (int k = 0; k < index.length; k++) {
      index[k] = header.indexOf(columns.get(k));
      if (index[k] < 0) {
        throw new IllegalArgumentException(source + ": expected a column '" + columns.get(k) + "', found columns "
            + String.join(", ", header));
      }
    }
    int n = rows.size();
    float[][] values = new float[index.length][n];
    boolean[][] gap = new boolean[index.length][n];
    int missingCells = 0;
    for (int r = 0; r < n; r++) {
      for (int k = 0; k < index.length; k++) {
        String cell = rows.get(r)[index[k]];
        if (MissingValues.isMissing(cell)) {
          if (missing == MissingValues.ERROR) {
            throw new IllegalArgumentException(where(r, columns.get(k)) + "expected a number, found "
                + (cell.isEmpty() ? "an empty cell" : quote(cell) + " (a missing value)") + gapHint);
          }
          gap[k][r] = true;
          missingCells++;
        } else {
          values[k][r] = number(cell, r, columns.get(k));
        }
      }
    }
    float[][] table = missing.apply(values, gap, columns, this::where);
    int dropped = table.length == 0 ? 0 : n - table[0].length;
    return new Numbers(NumericTable.of(source, columns, table), textColumns(columns), missingCells, dropped);
  }

  /** The columns not asked for that hold a cell that is neither a number nor missing. */
  private List<String> textColumns(List<String> read) {
    List<String> text = new ArrayList<>();
    for (int c = 0; c < header.size(); c++) {
      if (read.contains(header.get(c))) {
        continue;
      }
      for (String[] row : rows) {
        if (!MissingValues.isMissing(row[c]) && !NUMBER.matcher(row[c]).matches()) {
          text.add(header.get(c));
          break;
        }
      }
    }
    return text;
  }

  private float number(String cell, int row, String column) {
    float v = number(cell);
    if (Float.isNaN(v)) {
      throw new IllegalArgumentException(where(row, column) + "expected a finite number, found " + quote(cell));
    }
    return v;
  }

  /**
   * A (trimmed) cell as this reader reads a number: decimal notation ('.' as the separator, an
   * optional exponent), finite as a float; NaN for anything else. Missing cells are {@link
   * MissingValues#isMissing}'s to recognise first.
   */
  public static float number(String cell) {
    if (NUMBER.matcher(cell).matches()) {
      float v = Float.parseFloat(cell);
      if (Float.isFinite(v)) {
        return v;
      }
    }
    return Float.NaN;
  }

  private String where(int row, String column) {
    return source + " line " + lines.get(row) + ", column '" + column + "': ";
  }

  private static String quote(String cell) {
    return "'" + (cell.length() > QUOTED_CELL_MAX ? cell.substring(0, QUOTED_CELL_MAX) + "..." : cell) + "'";
  }

  /**
   * Writes a header and equal-length columns as CSV (RFC 4180 quoting where a name needs it, '.' as
   * the decimal separator): whole numbers exactly, other values as the shortest float32 round trip.
   */
  public static void write(Path file, List<String> header, double[][] columns) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (CsvWriter w = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(file)) {
      w.writeRecord(header);
      String[] cells = new String[columns.length];
      for (int r = 0; r < (columns.length == 0 ? 0 : columns[0].length); r++) {
        for (int c = 0; c < columns.length; c++) {
          double v = columns[c][r];
          cells[c] = v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : Float.toString((float) v);
        }
        w.writeRecord(cells);
      }
    }
  }
}
