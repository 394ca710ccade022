package org.rnn4j.csv;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Any bytes as a CSV file, then every column read as numbers under each missing-value policy:
 * each step gives values or an IllegalArgumentException with a message, nothing else. Inputs
 * (replayed by every build): {@code src/test/resources/org/rnn4j/csv/CsvFileFuzzTestInputs/read/};
 * the {@code seed-*} files are hand-written, the rest came from fuzzing (see docs/reliability.md).
 */
class CsvFileFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void read(byte[] data) throws Exception {
    Path dir = Files.createTempDirectory("rnn4j-fuzz");
    Path file = dir.resolve("input.csv");
    try {
      Files.write(file, data);
      CsvFile csv;
      try {
        csv = CsvFile.read(file, ',');
      } catch (IllegalArgumentException e) {
        requireMessage(e);
        return;
      }
      for (MissingValues policy : MissingValues.values()) {
        try {
          csv.numbers(csv.header(), policy);
        } catch (IllegalArgumentException e) {
          requireMessage(e);
        }
      }
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }
  }

  private static void requireMessage(IllegalArgumentException e) {
    if (e.getMessage() == null || e.getMessage().isBlank()) {
      throw new AssertionError("documented IllegalArgumentException without a message", e);
    }
  }
}
