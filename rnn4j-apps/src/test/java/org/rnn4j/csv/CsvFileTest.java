package org.rnn4j.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.data.NumericTable;

class CsvFileTest {
  @TempDir Path dir;

  private static CsvFile csv(String text) {
    return CsvFile.parse(text, "s.csv", ',');
  }

  @Test
  void quotedFieldsMayHoldTheDelimiterQuotesAndLineBreaks() {
    CsvFile f = csv("date,\"value\"\n\"Jan 1, 2020\",0.0\n\"Jan \"\"2\"\",\n2020\", 1.5 \n");
    assertThat(f.header()).containsExactly("date", "value");
    assertThat(f.rows()).isEqualTo(2);
    CsvFile.Numbers n = f.numbers(List.of("value"), MissingValues.ERROR);
    assertThat(n.table().column("value")).containsExactly(0f, 1.5f);
    assertThat(n.textColumns()).containsExactly("date");
  }

  @Test
  void blankLinesAByteOrderMarkAndPandasIndexColumn() {
    CsvFile f = csv("\uFEFF,t,v\n\n0,0,1e-3\n  \n1,1,\"-2\"\r\n");
    assertThat(f.header()).containsExactly("Unnamed: 0", "t", "v");
    NumericTable t = f.numbers(List.of("v", "t"), MissingValues.ERROR).table();
    assertThat(t.names()).containsExactly("v", "t");
    assertThat(t.column("v")).containsExactly(1e-3f, -2f);
  }

  @Test
  void anyOneCharacterDelimiter() {
    CsvFile f = CsvFile.parse("date;load\n2026-11-24;1.5\n2026-11-25;2\n", "s.csv", ';');
    assertThat(f.numbers(List.of("load"), MissingValues.ERROR).table().column("load")).containsExactly(1.5f, 2f);
    assertThat(CsvFile.parse("a\tb\n1\t2\n", "s.tsv", '\t').header()).containsExactly("a", "b");
    assertThatThrownBy(() -> CsvFile.parse("a\n", "s.csv", '"'))
        .hasMessage("--delimiter: expected one character other than a double quote or a line break, found '\"'");
  }

  @Test
  void errorsNameTheFileLineAndColumn() {
    // line 4: the quoted field of row 2 spans lines 2-3, as an editor shows them
    CsvFile f = csv("t,value\n\"a\nb\",1\n1,abc\n");
    assertThatThrownBy(() -> f.numbers(List.of("value"), MissingValues.ERROR))
        .hasMessage("s.csv line 4, column 'value': expected a finite number, found 'abc'");
    assertThatThrownBy(() -> csv("t,value\n0,1e39\n").numbers(List.of("value"), MissingValues.DROP))
        .hasMessage("s.csv line 2, column 'value': expected a finite number, found '1e39'");
    assertThatThrownBy(() -> csv("t,value\n0,0x1p3\n").numbers(List.of("value"), MissingValues.ERROR))
        .hasMessage("s.csv line 2, column 'value': expected a finite number, found '0x1p3'");
    assertThatThrownBy(() -> csv("date,value\nJan 1, 2020,0.0\n"))
        .hasMessage("s.csv line 2: expected 2 cells (as the header), found 3 (a cell that contains ',' must be in double quotes)");
    assertThatThrownBy(() -> csv("t,value\n0\n")).hasMessage("s.csv line 2: expected 2 cells (as the header), found 1");
    assertThatThrownBy(() -> csv("\n\n")).hasMessage("s.csv: expected a header row of column names, found an empty file");
    assertThatThrownBy(() -> csv("a, a\n")).hasMessage("s.csv line 1: expected distinct column names, found 'a' twice");
    assertThatThrownBy(() -> csv("a,b\n\"x\"y,1\n")).hasMessageStartingWith("s.csv: expected CSV (RFC 4180), found an error:")
        .hasMessageContaining("line 2").hasMessageContaining("after closing quote");
    assertThatThrownBy(() -> csv("t,value\n0,1\n").numbers(List.of("price"), MissingValues.ERROR))
        .hasMessage("s.csv: expected a column 'price', found columns t, value");
  }

  private static final String GAPS = "t,a,b\n0,1,10\n1,,11\n2,NA,12\n3,4,n/a\n4,5,14\n";

  @Test
  void missingCellsAreAnErrorUnlessAPolicyIsChosen() {
    assertThatThrownBy(() -> csv(GAPS).numbers(List.of("a"), MissingValues.ERROR))
        .hasMessage("s.csv line 3, column 'a': expected a number, found an empty cell; "
            + "to fill or drop such gaps use --missing previous, interpolate or drop");
    assertThatThrownBy(() -> csv(GAPS).numbers(List.of("b"), MissingValues.ERROR))
        .hasMessageStartingWith("s.csv line 5, column 'b': expected a number, found 'n/a' (a missing value);");
    assertThat(csv(GAPS).numbers(List.of("t"), MissingValues.ERROR).table().column("t")).containsExactly(0, 1, 2, 3, 4);
  }

  @Test
  void dropLeavesOutRowsWithAGapInAnyColumnRead() {
    CsvFile.Numbers n = csv(GAPS).numbers(List.of("a", "b"), MissingValues.DROP);
    assertThat(n.table().column("a")).containsExactly(1, 5);
    assertThat(n.table().column("b")).containsExactly(10, 14);
    assertThat(n.missingCells()).isEqualTo(3);
    assertThat(n.droppedRows()).isEqualTo(3);
    assertThat(csv(GAPS).numbers(List.of("b"), MissingValues.DROP).table().column("b")).containsExactly(10, 11, 12, 14);
  }

  @Test
  void previousRepeatsTheValueAbove() {
    CsvFile.Numbers n = csv(GAPS).numbers(List.of("a", "b"), MissingValues.PREVIOUS);
    assertThat(n.table().column("a")).containsExactly(1, 1, 1, 4, 5);
    assertThat(n.table().column("b")).containsExactly(10, 11, 12, 12, 14);
    assertThat(n.missingCells()).isEqualTo(3);
    assertThat(n.droppedRows()).isZero();
    assertThatThrownBy(() -> csv("v\n\nNA\n2\n").numbers(List.of("v"), MissingValues.PREVIOUS))
        .hasMessage("s.csv line 3, column 'v': expected a value above this missing cell to repeat (--missing previous), "
            + "found none; --missing drop leaves such rows out");
  }

  @Test
  void interpolateIsLinearByRow() {
    CsvFile.Numbers n = csv(GAPS).numbers(List.of("a", "b"), MissingValues.INTERPOLATE);
    assertThat(n.table().column("a")).containsExactly(1, 2, 3, 4, 5);
    assertThat(n.table().column("b")).containsExactly(10, 11, 12, 13, 14);
    assertThatThrownBy(() -> csv("v\n1\n2\nNaN\n").numbers(List.of("v"), MissingValues.INTERPOLATE))
        .hasMessageStartingWith("s.csv line 4, column 'v': expected a value below this missing cell to interpolate to");
    assertThatThrownBy(() -> csv("v\nNaN\n2\n").numbers(List.of("v"), MissingValues.INTERPOLATE))
        .hasMessageStartingWith("s.csv line 2, column 'v': expected a value above this missing cell to interpolate from");
  }

  @Test
  void policiesByName() {
    assertThat(MissingValues.parse("interpolate")).isEqualTo(MissingValues.INTERPOLATE);
    assertThatThrownBy(() -> MissingValues.parse("mean"))
        .hasMessage("--missing: expected error, drop, previous or interpolate, found 'mean'");
  }

  @Test
  void writeThenReadRoundTripsAndQuotesNamesThatNeedIt() throws Exception {
    Path f = dir.resolve("out/a.csv");
    CsvFile.write(f, List.of("t", "co2, ppm"), new double[][] {{0, 1, 123456789}, {0.25, -1e-3, 3.1415927}});
    assertThat(Files.readString(f)).startsWith("t,\"co2, ppm\"\n0,0.25\n");
    CsvFile back = CsvFile.read(f, ',');
    NumericTable t = back.numbers(back.header(), MissingValues.ERROR).table();
    assertThat(t.column("t")).containsExactly(0f, 1f, 123456789f);
    assertThat(t.column("co2, ppm")).containsExactly(0.25f, -1e-3f, 3.1415927f);
  }

  @Test
  void invalidUtf8IsAnErrorNamingTheFileAndOffset() throws Exception {
    Path file = dir.resolve("bad.csv");
    Files.write(file, new byte[] {'t', ',', 'x', '\n', '1', ',', (byte) 0xC3, '\n'});
    assertThatThrownBy(() -> CsvFile.read(file, ',')).isInstanceOf(IllegalArgumentException.class)
        .hasMessage(file + ": expected UTF-8 text, found invalid bytes C3 at byte offset 6");
  }
}
