package org.rnn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.rnn4j.cli.CliTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.csv.CsvFile;
import org.rnn4j.csv.MissingValues;
import org.rnn4j.data.NumericTable;
import org.rnn4j.io.Npy;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.tensor.Tensor;

/** {@code rnn data}, {@code rnn train --data/--inputs} and {@code rnn predict}, in-process. */
class DataCliTest {
  @TempDir Path dir;

  private Path sineCsv(int rows) {
    Path csv = dir.resolve("series.csv");
    CliTest.Run r = run("data", "sine", "--rows", String.valueOf(rows), "--out", csv.toString());
    assertThat(r.code()).as(r.err()).isZero();
    return csv;
  }

  @Test
  void seriesTrainingBeatsPersistenceAndPredictContinuesTheSeries() throws Exception {
    Path csv = sineCsv(400);
    Path runDir = dir.resolve("run");
    CliTest.Run r = run("train", "--data", csv.toString(), "--forecast", "value", "--window", "20", "--hidden", "16",
        "--epochs", "5", "--lr", "0.01", "--run-dir", runDir.toString());
    assertThat(r.code()).as(r.err()).isZero();
    Matcher m = Pattern.compile("validation nrmse = ([0-9.]+) \\(persistence ([0-9.]+)").matcher(r.out());
    assertThat(m.find()).as(r.out()).isTrue();
    assertThat(Double.parseDouble(m.group(1))).isLessThan(0.5 * Double.parseDouble(m.group(2)));
    assertThat(runDir.resolve("model.safetensors")).exists();
    assertThat(runDir.resolve("validation.png")).exists();

    Path pred = dir.resolve("pred.csv");
    CliTest.Run p = run("predict", "--model", runDir.resolve("model.safetensors").toString(), "--data", csv.toString(),
        "--steps", "12", "--out", pred.toString());
    assertThat(p.code()).as(p.err()).isZero();
    assertThat(p.out()).startsWith("row,value\n400,");
    NumericTable forecast = CsvFile.read(pred, ',').numbers(java.util.List.of("row", "value"), MissingValues.ERROR).table();
    assertThat(forecast.column("row")).hasSize(12).startsWith(400f, 401f);
    for (float v : forecast.column("value")) {
      assertThat(v).isFinite().isBetween(-2f, 2f); // de-normalised: the signal's own range
    }
  }

  @Test
  void badCsvIsOneLineAndExitCode2() throws Exception {
    Path csv = dir.resolve("bad.csv");
    Files.writeString(csv, "t,value\n0,1\n1,x\n");
    CliTest.Run nonNumeric = run("train", "--data", csv.toString(), "--forecast", "value");
    assertThat(nonNumeric.code()).isEqualTo(2);
    assertThat(nonNumeric.err().strip()).isEqualTo("error: " + csv + " line 3, column 'value': expected a finite number, found 'x'");

    Path good = sineCsv(40);
    CliTest.Run missing = run("train", "--data", good.toString(), "--forecast", "price");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err().strip()).isEqualTo("error: " + good + ": expected a column 'price', found columns t, value, cos");
    CliTest.Run tooShort = run("train", "--data", good.toString(), "--forecast", "value");
    assertThat(tooShort.code()).isEqualTo(2);
    assertThat(tooShort.err().strip()).startsWith("error: " + good + ": expected at least 63 data rows for window 50").endsWith("found 40");
  }

  @Test
  void predictNeedsASeriesModel() throws Exception {
    Path csv = sineCsv(100);
    Path model = dir.resolve("m.safetensors");
    assertThat(run("task", "xor", "--epochs", "1", "--save", model.toString()).code()).isZero();
    CliTest.Run r = run("predict", "--model", model.toString(), "--data", csv.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith("error: " + model + ": expected a time-series model").doesNotContain("\n");
  }

  @Test
  void arrayTrainingClassifiesVariableLengthSequences() throws Exception {
    Path data = dir.resolve("waves");
    assertThat(run("data", "waves", "--count", "400", "--steps", "24", "--min-steps", "12", "--out", data.toString()).code()).isZero();
    CliTest.Run r = run("train", "--inputs", data.resolve("inputs.npy").toString(), "--targets", data.resolve("targets.npy").toString(),
        "--lengths", data.resolve("lengths.npy").toString(), "--mapping", "many-to-one", "--loss", "ce", "--hidden", "24",
        "--epochs", "12", "--run-dir", dir.resolve("run").toString(), "--json");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("arrays: 400 sequences of 24 steps, input 1, output 3 classes at 1 output step(s)", "training 360, validation 40");
    Matcher m = Pattern.compile("result: validation accuracy = ([0-9.]+) \\(higher is better; always the most frequent class: "
        + "([0-9.]+)\\)").matcher(r.out());
    assertThat(m.find()).as(r.out()).isTrue();
    assertThat(Double.parseDouble(m.group(1))).isGreaterThan(0.9);
    Map<String, Object> j = r.json();
    assertThat(j).containsKeys("task", "metric", "value", "baseline", "best_step", "best_epoch", "seconds", "epochs", "stop");
    assertThat(j).containsEntry("task", "inputs.npy").containsEntry("metric", "accuracy").containsEntry("stop", "epochs");
    assertThat(((Number) j.get("value")).doubleValue()).isEqualTo(Double.parseDouble(m.group(1)), within(1e-4));
    assertThat(((Number) j.get("baseline")).doubleValue()).isBetween(0.2, 0.5); // three classes
    // the best validation's model (score 1 - accuracy), and the last step in the checkpoint
    Map<String, String> best = SafeTensors.read(dir.resolve("run/model.safetensors")).metadata();
    assertThat(best.get("train.best_step")).isEqualTo(j.get("best_step").toString());
    assertThat(1 - Double.parseDouble(best.get("train.best_score"))).isEqualTo(((Number) j.get("value")).doubleValue(), within(1e-9));
    assertThat(dir.resolve("run/checkpoint.safetensors")).exists();
  }

  @Test
  void jsonNeedsAValidationPartAndSeriesOrArrays() throws Exception {
    Path x = dir.resolve("x.npy"), y = dir.resolve("y.npy");
    Npy.write(x, Tensor.zeros(10, 5, 2));
    Npy.write(y, Tensor.zeros(10, 5, 1));
    CliTest.Run noValidation = run("train", "--inputs", x.toString(), "--targets", y.toString(), "--val-fraction", "0", "--json");
    assertThat(noValidation.code()).isEqualTo(2);
    assertThat(noValidation.err().strip()).isEqualTo("error: --json: expected a validation part to score, found --val-fraction 0");
    CliTest.Run task = run("train", "--task", "xor", "--json");
    assertThat(task.code()).isEqualTo(2);
    assertThat(task.err().strip()).isEqualTo("error: --json: expected the language model, --classify, --pairs, --forecast or --inputs training, found --task xor");
  }

  @Test
  void wrongArrayShapesAreOneLineAndExitCode2() throws Exception {
    Path x = dir.resolve("x.npy"), y = dir.resolve("y.npy");
    Npy.write(x, Tensor.zeros(10, 5, 2));
    Npy.write(y, Tensor.zeros(10, 4, 1));
    CliTest.Run r = run("train", "--inputs", x.toString(), "--targets", y.toString(), "--mapping", "many-to-many");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo(
        "error: targets (N, T_out, O) for many-to-many with loss mse: expected shape [10, 5, *], found [10, 4, 1]");
  }

  @Test
  void dataRejectsANonPositiveSize() {
    CliTest.Run r = run("data", "sine", "--rows", "0", "--out", dir.resolve("s.csv").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("error: --rows: expected a positive integer, found 0");
  }
}
