package org.rnn4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.rnn4j.data.CsvTable;

/** Any bytes as a CSV file, every column then read as numbers: values or an IllegalArgumentException. */
class CsvTableFuzzTest {
  @FuzzTest(maxDuration = Contract.DURATION)
  void read(byte[] data) throws Exception {
    Contract.runOnFile(data, ".csv", IllegalArgumentException.class, file -> {
      CsvTable t = CsvTable.read(file);
      for (String column : t.header()) {
        t.column(column);
      }
    });
  }
}
