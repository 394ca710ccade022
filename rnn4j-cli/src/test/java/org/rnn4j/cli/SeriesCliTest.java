package org.rnn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnn4j.cli.CliTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.csv.CsvFile;
import org.rnn4j.csv.MissingValues;
import org.rnn4j.data.NumericTable;
import org.rnn4j.io.SafeTensors;

/** {@code rnn train --forecast} and {@code rnn predict} on CSV files as pandas writes them, in-process. */
class SeriesCliTest {
  @TempDir Path dir;

  private static double value(int t) {
    return Math.sin(0.5 * t) + 0.5 * Math.sin(1.3 * t);
  }

  /**
   * Columns {@code date} ("Jan 1, 2020", quoted: it holds the delimiter), {@code value} and {@code cos};
   * the rows where {@code gap} holds have an empty value cell, as pandas writes NaN.
   */
  private Path csv(String name, int rows, char delimiter, IntPredicate gap) throws Exception {
    DateTimeFormatter date = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ROOT);
    StringBuilder sb = new StringBuilder(String.join(String.valueOf(delimiter), "date", "value", "cos")).append('\n');
    for (int t = 0; t < rows; t++) {
      sb.append('"').append(LocalDate.of(2020, 1, 1).plusDays(t).format(date)).append('"').append(delimiter)
          .append(gap.test(t) ? "" : String.format(Locale.ROOT, "%.5f", value(t))).append(delimiter)
          .append(String.format(Locale.ROOT, "%.5f", Math.cos(0.5 * t))).append('\n');
    }
    Path file = dir.resolve(name);
    Files.writeString(file, sb);
    return file;
  }

  private static final String[] SMALL = {"--window", "10", "--hidden", "12", "--lr", "0.01"};

  private static CliTest.Run train(Path csv, Path runDir, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("train", "--data", csv.toString(), "--run-dir", runDir.toString()));
    args.addAll(List.of(SMALL));
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }

  @Test
  void quotedDatesAreSkippedAndTheBestModelIsKeptAndReportedAsJson() throws Exception {
    Path csv = csv("pandas.csv", 300, ',', t -> false);
    Path runDir = dir.resolve("run");
    CliTest.Run r = train(csv, runDir, "--forecast", "value", "--epochs", "6", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("series value from " + csv + ": 300 rows; text columns not read: date");
    Map<String, Object> j = r.json();
    assertThat(j).containsKeys("task", "metric", "value", "baseline", "best_step", "best_epoch", "seconds", "epochs", "stop",
        "targets");
    assertThat(j.get("task")).isEqualTo("pandas.csv:value");
    double value = ((Number) j.get("value")).doubleValue(), baseline = ((Number) j.get("baseline")).doubleValue();
    assertThat(value).isLessThan(0.5 * baseline);
    // model.safetensors is the best validation's model; the checkpoint is the last step.
    Map<String, String> best = SafeTensors.read(runDir.resolve("model.safetensors")).metadata();
    assertThat(best.get("train.best_step")).isEqualTo(j.get("best_step").toString());
    assertThat(Double.parseDouble(best.get("train.best_score"))).isEqualTo(value);
    assertThat(best).containsEntry("rnn4j.series.features", "value");
    assertThat(r.out()).contains("result: validation nrmse = " + String.format("%.4f", value),
        "at step " + j.get("best_step") + ", epoch " + j.get("best_epoch") + " of 6");
    assertThat(runDir.resolve("checkpoint.safetensors")).exists();
    assertThat(runDir.resolve("validation.png")).exists();

    CliTest.Run p = run("predict", "--model", runDir.resolve("model.safetensors").toString(), "--data", csv.toString(),
        "--steps", "3");
    assertThat(p.code()).as(p.err()).isZero();
    assertThat(p.out()).startsWith("row,value\n300,");
  }

  @Test
  void gapsAreAnErrorNamingLineAndColumnUntilAPolicyIsChosen() throws Exception {
    Path csv = csv("gaps.csv", 200, ',', t -> t == 5 || t == 6 || t == 120);
    CliTest.Run error = train(csv, dir.resolve("e"), "--forecast", "value", "--epochs", "1");
    assertThat(error.code()).isEqualTo(2);
    assertThat(error.err().strip()).isEqualTo("error: " + csv + " line 7, column 'value': expected a number, found an empty cell; "
        + "to fill or drop such gaps use --missing previous, interpolate or drop");
    String[][] policies = {{"drop", "3 missing cells, 3 rows dropped", "197 rows"}, {"previous", "3 missing cells filled with "
        + "the value above", "200 rows"}, {"interpolate", "3 missing cells interpolated", "200 rows"}};
    for (String[] p : policies) {
      CliTest.Run r = train(csv, dir.resolve(p[0]), "--forecast", "value", "--epochs", "1", "--missing", p[0]);
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out()).contains("from " + csv + ": " + p[2] + "; text columns not read: date; " + p[1]);
    }
    // predict reads with the same options
    CliTest.Run p = run("predict", "--model", dir.resolve("drop/model.safetensors").toString(), "--data", csv.toString());
    assertThat(p.code()).isEqualTo(2);
    assertThat(p.err()).contains("line 7, column 'value': expected a number, found an empty cell");
    assertThat(run("predict", "--model", dir.resolve("drop/model.safetensors").toString(), "--data", csv.toString(),
        "--missing", "interpolate").code()).isZero();
  }

  @Test
  void aBadCellOrRowIsOneLineNamingTheLine() throws Exception {
    Path csv = dir.resolve("bad.csv");
    Files.writeString(csv, "date,value\n\"Jan 1, 2020\",0.0\nJan 2, 2020,1.0\n");
    CliTest.Run unquoted = run("train", "--data", csv.toString(), "--forecast", "value");
    assertThat(unquoted.code()).isEqualTo(2);
    assertThat(unquoted.err().strip()).isEqualTo("error: " + csv + " line 3: expected 2 cells (as the header), found 3 "
        + "(a cell that contains ',' must be in double quotes)");
    Files.writeString(csv, "date,value\n\"Jan 1, 2020\",0.0\n\"Jan 2, 2020\",1.0x\n");
    CliTest.Run text = run("train", "--data", csv.toString(), "--forecast", "value");
    assertThat(text.err().strip()).isEqualTo("error: " + csv + " line 3, column 'value': expected a finite number, found '1.0x'");
    CliTest.Run badPolicy = run("train", "--data", csv.toString(), "--forecast", "value", "--missing", "zero");
    assertThat(badPolicy.err().strip()).isEqualTo("error: --missing: expected error, drop, previous or interpolate, found 'zero'");
    CliTest.Run twice = run("train", "--data", csv("ok.csv", 50, ',', t -> false).toString(), "--forecast", "value,value");
    assertThat(twice.err().strip()).isEqualTo("error: --forecast: expected one or more distinct columns, found [value, value]");
  }

  @Test
  void severalColumnsAreForecastTogetherAndPredictWritesThemAll() throws Exception {
    Path csv = csv("semicolons.csv", 300, ';', t -> false);
    Path runDir = dir.resolve("multi");
    CliTest.Run r = train(csv, runDir, "--forecast", "value,cos", "--epochs", "6", "--delimiter", ";", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    Map<String, Object> j = r.json();
    assertThat(j.get("task")).isEqualTo("semicolons.csv:value,cos");
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Number>> targets = (Map<String, Map<String, Number>>) j.get("targets");
    assertThat(targets).containsOnlyKeys("value", "cos");
    double rms = 0;
    for (Map<String, Number> t : targets.values()) {
      assertThat(t.get("value").doubleValue()).isLessThan(t.get("baseline").doubleValue());
      rms += t.get("value").doubleValue() * t.get("value").doubleValue() / 2;
    }
    assertThat(((Number) j.get("value")).doubleValue()).isCloseTo(Math.sqrt(rms), org.assertj.core.data.Offset.offset(1e-9));
    assertThat(runDir.resolve("validation-value.png")).exists();
    assertThat(runDir.resolve("validation-cos.png")).exists();

    Path pred = dir.resolve("pred.csv");
    CliTest.Run p = run("predict", "--model", runDir.resolve("model.safetensors").toString(), "--data", csv.toString(),
        "--delimiter", ";", "--steps", "4", "--out", pred.toString());
    assertThat(p.code()).as(p.err()).isZero();
    assertThat(p.out()).startsWith("row,value,cos\n300,");
    NumericTable f = CsvFile.read(pred, ',').numbers(List.of("row", "value", "cos"), MissingValues.ERROR).table();
    assertThat(f.column("row")).containsExactly(300, 301, 302, 303);
    for (int k = 0; k < 4; k++) {
      assertThat((double) f.column("cos")[k]).isCloseTo(Math.cos(0.5 * (300 + k)), org.assertj.core.data.Offset.offset(0.5));
    }
  }

  @Test
  void patienceStopsAfterThatManyValidationsWithoutANewBest() throws Exception {
    Path csv = csv("p.csv", 150, ',', t -> false);
    CliTest.Run r = train(csv, dir.resolve("p"), "--forecast", "value", "--epochs", "60", "--patience", "2", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    Map<String, Object> j = r.json();
    assertThat(j.get("stop")).isEqualTo("patience");
    int epochs = ((Number) j.get("epochs")).intValue();
    assertThat(epochs).isLessThan(60);
    assertThat(((Number) j.get("best_epoch")).intValue()).isEqualTo(epochs - 2);
    assertThat(r.out()).contains("stopped early: 2 validations in a row without a new best (--patience 2)");
  }

  @Test
  void anEchoStateNetworkIsSavedAndContinuedByPredict() throws Exception {
    Path csv = csv("esn.csv", 600, '\t', t -> false);
    Path model = dir.resolve("esn.safetensors");
    CliTest.Run r = run("esn", "--data", csv.toString(), "--forecast", "value", "--delimiter", "tab", "--units", "80",
        "--save", model.toString(), "--plot-dir", dir.resolve("plots").toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("model written to " + model);
    CliTest.Run p = run("predict", "--model", model.toString(), "--data", csv.toString(), "--delimiter", "tab", "--steps", "5");
    assertThat(p.code()).as(p.err()).isZero();
    String[] lines = p.out().strip().split("\n");
    assertThat(lines).hasSize(6);
    assertThat(lines[0]).isEqualTo("row,value");
    for (int k = 0; k < 5; k++) {
      String[] cells = lines[k + 1].split(",");
      assertThat(cells[0]).isEqualTo(String.valueOf(600 + k));
      assertThat(Double.parseDouble(cells[1])).isCloseTo(value(600 + k), org.assertj.core.data.Offset.offset(0.05));
    }
    CliTest.Run taskSave = run("esn", "--task", "narma10", "--save", model.toString());
    assertThat(taskSave.code()).isEqualTo(2);
    assertThat(taskSave.err().strip()).startsWith("error: --save: expected --data FILE --forecast COL");
  }
}
