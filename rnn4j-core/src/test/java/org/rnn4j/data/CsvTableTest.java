package org.rnn4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableTest {
  @TempDir Path dir;

  @Test
  void parsesHeaderAndColumnsSkippingBlankLines() {
    CsvTable t = CsvTable.parse(List.of("t, value ,\"x\"", "0,1.5,-2", "", "1, 2.5e0 ,\"3\""), "s.csv");
    assertThat(t.header()).containsExactly("t", "value", "x");
    assertThat(t.rows()).isEqualTo(2);
    assertThat(t.column("value")).containsExactly(1.5f, 2.5f);
    assertThat(t.column("x")).containsExactly(-2f, 3f);
  }

  @Test
  void errorsNameTheLineAndColumn() {
    assertThatThrownBy(() -> CsvTable.parse(List.of("t,value", "0,1", "1,abc"), "s.csv").column("value"))
        .hasMessage("s.csv line 3, column 'value': expected a finite number, found 'abc'");
    assertThatThrownBy(() -> CsvTable.parse(List.of("t,value", "", "0,NaN"), "s.csv").column("value"))
        .hasMessage("s.csv line 3, column 'value': expected a finite number, found 'NaN'");
    assertThatThrownBy(() -> CsvTable.parse(List.of("t,value", "0"), "s.csv"))
        .hasMessage("s.csv line 2: expected 2 cells (as the header), found 1");
    assertThatThrownBy(() -> CsvTable.parse(List.of(), "s.csv")).hasMessageContaining("expected a header row");
    assertThatThrownBy(() -> CsvTable.parse(List.of("a,a"), "s.csv")).hasMessageContaining("distinct, non-empty column names");
    CsvTable t = CsvTable.parse(List.of("t,value", "0,1"), "s.csv");
    assertThatThrownBy(() -> t.column("price")).hasMessage("s.csv: expected a column 'price', found columns t, value");
  }

  @Test
  void nonNumericColumnsMayStandBesideTheOnesUsed() {
    CsvTable t = CsvTable.parse(List.of("date,load", "2026-11-24,1.5", "2026-11-25,2"), "s.csv");
    assertThat(t.column("load")).containsExactly(1.5f, 2f);
    assertThatThrownBy(() -> t.column("date")).hasMessageContaining("column 'date': expected a finite number, found '2026-11-24'");
  }

  @Test
  void writeThenReadRoundTrips() throws Exception {
    Path f = dir.resolve("a.csv");
    CsvTable.write(f, List.of("t", "v"), new double[][] {{0, 1, 123456789}, {0.25, -1e-3, 3.1415927}});
    CsvTable t = CsvTable.read(f);
    assertThat(t.column("t")).containsExactly(0f, 1f, 123456789f);
    assertThat(t.column("v")).containsExactly(0.25f, -1e-3f, 3.1415927f);
  }

  @Test
  void invalidUtf8IsAFormatErrorNamingTheFileAndOffset() throws Exception {
    Path file = dir.resolve("bad.csv");
    java.nio.file.Files.write(file, new byte[] {'t', ',', 'x', '\n', '1', ',', (byte) 0xC3, '\n'});
    assertThatThrownBy(() -> CsvTable.read(file)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage(file + ": expected UTF-8 text, found invalid bytes C3 at byte offset 6");
  }
}
