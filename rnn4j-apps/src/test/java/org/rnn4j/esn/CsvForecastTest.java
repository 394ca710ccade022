package org.rnn4j.esn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvForecastTest {
  @TempDir Path dir;

  /** A CSV with a time column and a noisy two-tone series in column "load". */
  static Path writeSeries(Path dir, int rows) throws Exception {
    StringBuilder csv = new StringBuilder("time, load ,other\n");
    java.util.Random rng = new java.util.Random(5);
    for (int t = 0; t < rows; t++) {
      double v = 50 + 10 * Math.sin(0.3 * t) + 4 * Math.sin(0.071 * t) + 0.2 * rng.nextGaussian();
      csv.append(String.format(Locale.ROOT, "%d,%.4f,x%n", t, v));
    }
    Path file = dir.resolve("series.csv");
    Files.writeString(file, csv);
    return file;
  }

  @Test
  void forecastsAColumnAndBeatsPersistence() throws Exception {
    double[] series = column(writeSeries(dir, 1200), "load");
    assertThat(series).hasSize(1200);
    EsnBenchmark.Result r = EsnBenchmark.forecast("series.csv:load", series, EsnBenchmark.defaults("csv").build());
    assertThat(r.testTruth()).hasSize(240);
    assertThat(r.testNrmse()).isLessThan(0.5 * r.baseline());
    assertThat(r.testPrediction()[0]).isBetween(30.0, 70.0); // back in the series' own units
  }

  @Test
  void badCsvIsOneDescriptiveLine() throws Exception {
    Path file = writeSeries(dir, 10);
    assertThatThrownBy(() -> column(file, "price"))
        .hasMessage(file + ": expected a column 'price', found columns time, load, other");
    assertThatThrownBy(() -> column(file, "other"))
        .hasMessage(file + " line 2, column 'other': expected a finite number, found 'x'");
    Path empty = dir.resolve("empty.csv");
    Files.writeString(empty, "\n");
    assertThatThrownBy(() -> column(empty, "load")).hasMessageContaining("found an empty file");
    assertThatThrownBy(() -> EsnBenchmark.forecast("short", new double[50], EsnConfig.builder().build()))
        .hasMessageContaining("found 50 values");
    double[] constant = new double[500];
    assertThatThrownBy(() -> EsnBenchmark.forecast("flat", constant, EsnConfig.builder().build()))
        .hasMessage("flat: expected a training part that varies, found a constant 0.0");
  }

  /** One numeric column of a CSV file, as the esn command reads it. */
  private static double[] column(Path file, String name) throws Exception {
    float[] v = org.rnn4j.csv.CsvFile.read(file, ',').numbers(java.util.List.of(name), org.rnn4j.csv.MissingValues.ERROR)
        .table().column(name);
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return d;
  }
}
