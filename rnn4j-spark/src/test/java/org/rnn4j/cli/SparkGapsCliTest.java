package org.rnn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * {@code rnn-spark train --missing previous|interpolate}: the gaps of a table read in splits are
 * filled as {@code rnn train} fills them in one pass, and the gaps it cannot fill are its errors.
 */
class SparkGapsCliTest extends SparkCommandTest {
  @Test
  void gapsAcrossSplitsAreFilledAsRnnTrainFillsThem() throws IOException {
    Path sine = dir.resolve("sine.csv");
    assertThat(rnn("data", "sine", "--out", sine.toString()).code()).isZero();
    List<String> lines = new ArrayList<>(Files.readAllLines(sine));
    for (int r = 120; r < 520; r++) { // cos missing for 400 rows: longer than a 4 KB split, so a whole split has none
      setCell(lines, r, 2, r % 2 == 0 ? "" : "NA");
    }
    for (int r = 613; r < 1000; r += 89) { // a few single gaps, in the validation part too
      setCell(lines, r, 1 + r % 2, "");
    }
    int boundary = firstRowOfSplit(lines, 4); // value missing around the first row of split 4 (one row before, two after)
    for (int r = boundary - 1; r <= boundary + 2; r++) {
      setCell(lines, r, 1, "NA");
    }
    assertThat(lines.get(1 + firstRowOfSplit(lines, 4)).split(",", -1)[1]).isEqualTo("NA"); // the split starts with a gap
    boolean wholeSplit = false;
    for (int k = 1; k < 6; k++) {
      wholeSplit |= firstRowOfSplit(lines, k) >= 120 && firstRowOfSplit(lines, k + 1) <= 520;
    }
    assertThat(wholeSplit).as("a split inside the cos gaps").isTrue();
    Path csv = dir.resolve("gaps.csv");
    Files.write(csv, lines);
    SparkSession session = org.rnn4j.spark.LocalSpark.session();
    session.conf().set("spark.sql.files.maxPartitionBytes", "4096");
    try {
      for (String policy : List.of("previous", "interpolate")) {
        String[] options = {"train", "--data", csv.toString(), "--forecast", "value", "--features", "cos", "--window", "10",
            "--epochs", "1", "--hidden", "5", "--missing", policy};
        Run one = rnn(with(options, "--run-dir", dir.resolve("one-" + policy).toString()));
        assertThat(one.code()).as(one.err()).isZero();
        Run two = spark(with(options, "--master", "local[2]", "--partitions", "3", "--run-dir",
            dir.resolve("two-" + policy).toString()));
        assertThat(two.code()).as(two.err()).isZero();
        String rows = one.out().lines().findFirst().orElseThrow().replaceAll(".*: ", "");
        assertThat(rows).matches("1000 rows; 40\\d missing cells (filled with the value above|interpolated)");
        assertThat(two.out().lines().findFirst().orElseThrow()).endsWith(": " + rows);
        Path a = dir.resolve("one-" + policy + "/model.safetensors"), b = dir.resolve("two-" + policy + "/model.safetensors");
        assertThat(seriesMetadata(b)).as(policy).isEqualTo(seriesMetadata(a));
        assertThat(relativeError(b, a)).as(policy).isLessThan(1e-5);
        assertThat(epochLines(two.out())).as(policy).isEqualTo(epochLines(one.out()));
      }
      // The same table as Parquet part files: its null cells are the gaps.
      String parquet = dir.resolve("gaps.parquet").toString();
      session.read().option("header", true).csv(csv.toString()).selectExpr("try_cast(t as float) as t",
          "try_cast(value as float) as value", "try_cast(cos as float) as cos").write().parquet(parquet);
      Run three = spark("train", "--data", parquet, "--forecast", "value", "--features", "cos", "--window", "10", "--epochs",
          "1", "--hidden", "5", "--missing", "interpolate", "--master", "local[2]", "--partitions", "2", "--run-dir",
          dir.resolve("three").toString());
      assertThat(three.code()).as(three.err()).isZero();
      assertThat(seriesMetadata(dir.resolve("three/model.safetensors")))
          .isEqualTo(seriesMetadata(dir.resolve("one-interpolate/model.safetensors")));
    } finally {
      session.conf().unset("spark.sql.files.maxPartitionBytes");
    }
  }

  @Test
  void gapsThatCannotBeFilledAreOneLineAndExitCode2() throws IOException {
    Path first = dir.resolve("first.csv"), last = dir.resolve("last.csv");
    Files.writeString(first, "t,x,y\n0,1,\n1,2,NA\n2,3,4\n");
    Files.writeString(last, "t,x,y\n0,1,5\n1,2,6\n2,,7\n");
    String[] firstError = {"previous", "repeat (--missing previous), found none; --missing drop leaves such rows out",
        "interpolate", "interpolate from (--missing interpolate), found none; --missing drop leaves such rows out"};
    for (int i = 0; i < firstError.length; i += 2) {
      Run r = spark("train", "--data", first.toString(), "--forecast", "x", "--features", "y", "--missing", firstError[i],
          "--master", "local[2]");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err().strip()).isEqualTo("error: " + sparkName(first) + ", column 'y': expected a value above this "
          + "missing cell to " + firstError[i + 1]);
    }
    Run r = spark("train", "--data", last.toString(), "--forecast", "x", "--missing", "interpolate", "--master", "local[2]");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("error: " + sparkName(last) + ", column 'x': expected a value below this missing "
        + "cell to interpolate to (--missing interpolate), found none; --missing previous repeats the last value, --missing "
        + "drop leaves such rows out");
  }

  /** Sets a cell of data row r (0-based) of a CSV's lines. */
  private static void setCell(List<String> lines, int r, int column, String value) {
    String[] cells = lines.get(r + 1).split(",", -1);
    cells[column] = value;
    lines.set(r + 1, String.join(",", cells));
  }

  /**
   * The first data row of split k of 4 KB splits of the file these lines make: Hadoop's line reader
   * gives a split [s, s + 4096) the lines that start after s, up to the one starting at s + 4096.
   */
  private static int firstRowOfSplit(List<String> lines, int k) {
    long offset = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (offset > 4096L * k) {
        return i - 1;
      }
      offset += lines.get(i).getBytes(StandardCharsets.UTF_8).length + 1;
    }
    return lines.size() - 1;
  }
}
