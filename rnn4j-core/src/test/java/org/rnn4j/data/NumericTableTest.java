package org.rnn4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class NumericTableTest {
  @Test
  void holdsCopiesOfNamedColumns() {
    float[] v = {1.5f, 2.5f};
    NumericTable t = NumericTable.of("s.csv", List.of("t", "v"), new float[][] {{0, 1}, v});
    v[0] = 99;
    assertThat(t.names()).containsExactly("t", "v");
    assertThat(t.rows()).isEqualTo(2);
    assertThat(t.column("v")).containsExactly(1.5f, 2.5f);
    t.column("v")[1] = 7;
    assertThat(t.column("v")).containsExactly(1.5f, 2.5f);
  }

  @Test
  void errorsNameTheSourceAndTheColumn() {
    NumericTable t = NumericTable.of("s.csv", List.of("t", "value"), new float[][] {{0}, {1}});
    assertThatThrownBy(() -> t.column("price")).hasMessage("s.csv: expected a column 'price', found columns t, value");
    assertThatThrownBy(() -> NumericTable.of("s.csv", List.of("a", "a"), new float[][] {{0}, {1}}))
        .hasMessage("s.csv: expected one distinct name per column, found names [a, a] for 2 columns");
    assertThatThrownBy(() -> NumericTable.of("s.csv", List.of("a", "b"), new float[][] {{0}, {1, 2}}))
        .hasMessage("s.csv: expected columns of equal length, found 1 rows in 'a' and 2 in 'b'");
    assertThatThrownBy(() -> NumericTable.of("s.csv", List.of("a"), new float[][] {{0, Float.NaN}}))
        .hasMessage("s.csv row 1, column 'a': expected a finite number, found NaN");
  }
}
