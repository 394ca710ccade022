package org.rnn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rnn4j.csv.CsvFile;
import org.rnn4j.data.Example;
import org.rnn4j.data.NumericTable;
import org.rnn4j.data.SeriesSpec;
import org.rnn4j.data.SeriesWindows;
import org.rnn4j.io.ModelFile;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.model.Batch;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.train.Batches;
import org.rnn4j.train.Trainer;
import picocli.CommandLine.ParseResult;

/**
 * {@code rnn train --data FILE.csv --forecast A[,B…]}: a many-to-many forecaster of one or more
 * columns, validated after every epoch on the last 20% of the rows by NRMSE (per column, and
 * overall as their root mean square) against persistence, repeating the last known values. The
 * run directory gets the best model so far (with the normalisation in its metadata), the last
 * one in the checkpoint, and plots of the best model on the validation part.
 */
final class SeriesTraining {
  private SeriesTraining() {}

  /** The options that name the data: a resumed run is given them again (the rest is the run's). */
  static final Set<String> DATA = Set.of("--data", "--forecast", "--features", "--horizon", "--window", "--delimiter",
      "--missing");

  static int run(Path data, SeriesOptions o, CsvOptions csv, TrainingOptions t, Path runDir, Path resume, boolean json,
      ParseResult parsed, PrintWriter out) throws IOException {
    if (data == null) {
      throw new IllegalArgumentException("--forecast: expected --data FILE.csv with those columns, found no --data");
    }
    if (t.bidirectional) {
      throw new IllegalArgumentException("--bidirectional: expected a one-directional model for forecasting "
          + "(a backward direction would read the future), found --bidirectional");
    }
    long start = System.nanoTime();
    Set<String> columns = new LinkedHashSet<>(o.forecast); // each once; SeriesSpec.fit reports a repeated --forecast column
    columns.addAll(o.features);
    CsvFile.Numbers read = csv.read(data, List.copyOf(columns));
    NumericTable table = read.table();
    SeriesSpec spec = SeriesSpec.fit(table, o.forecast, o.features, o.horizon, o.window);
    List<Example> windows = SeriesWindows.training(spec, table);
    DataTraining.Start<RnnModel> run = DataTraining.start(runDir, resume, t, parsed, DATA, () -> new RnnModel(
        DataTraining.model(t).inputSize(spec.features().size()).outputSize(spec.outputs()).loss("mse").build(), t.seed),
        ModelFile::fromFile);
    Path dir = run.dir(), file = dir.resolve(DataTraining.MODEL_FILE);
    RnnModel model = run.model();
    ModelConfig config = model.config();
    if (run.resumed()) {
      requireSameSeries(spec, dir.toString(), file);
    }
    int validationStart = SeriesSpec.validationStart(table.rows());
    out.printf("series %s from %s: %d rows%s%n", String.join(", ", spec.forecast()), data, table.rows(), csv.notes(read));
    out.printf("inputs %s, horizon %d, window %d; training rows 0-%d (%d windows), validation rows %d-%d; model %s, hidden %d,"
        + " layers %d%n", spec.features(), spec.horizon(), spec.window(), validationStart - 1, windows.size(), validationStart,
        table.rows() - 1, config.cell(), config.hiddenSize(), config.numLayers());
    run.printResumed(out);
    out.flush();

    SeriesWindows.Validation[] last = {null};
    Trainer<Batch> trainer = run.trainer().checkpointsIn(dir)
        .keepBest(() -> (last[0] = SeriesWindows.validate(model, spec, table)).nrmse(), file, spec.toMetadata());
    int[] bestEpoch = {DataTraining.bestEpoch(trainer)}; // a resumed run's best may be older
    int epochs = trainer.fit(Batches.of(windows), (epoch, stats) -> {
      boolean best = DataTraining.isNewBest(trainer);
      bestEpoch[0] = best ? epoch : bestEpoch[0];
      out.printf("epoch %3d  loss %.5f  val nrmse %.4f%s  (persistence %.4f)%s  (%.1f s)%n", epoch, stats.loss(), last[0].nrmse(),
          perColumn(last[0]), last[0].persistenceNrmse(), best ? "  best" : "", DataTraining.seconds(start));
      out.flush();
      return true;
    });
    Trainer.Best best = DataTraining.best(trainer, "validation nrmse");
    SeriesWindows.Validation v = SeriesWindows.validate(ModelFile.load(file), spec, table);
    double seconds = DataTraining.seconds(start);
    out.printf("result: validation nrmse = %.4f%s (persistence %.4f, lower is better) at step %d, epoch %d of %d, in %.1f s%n",
        v.nrmse(), perColumn(v), v.persistenceNrmse(), best.step(), bestEpoch[0], epochs, seconds);
    DataTraining.printFiles(out, trainer, dir, bestEpoch[0]);
    for (Map.Entry<String, Path> png : plot(dir, spec, v).entrySet()) {
      out.println("plot of " + png.getKey() + " written to " + png.getValue());
    }
    if (json) {
      out.println(Json.line(jsonFields(data.getFileName().toString(), spec, v, trainer, bestEpoch[0], epochs, seconds)));
    }
    return 0;
  }

  /**
   * A resumed run reads the series it was trained on: the same columns, horizon and window, and
   * the same normalisation (the data the run's best model file states).
   */
  static void requireSameSeries(SeriesSpec spec, String dir, Path bestFile) throws IOException {
    if (!Files.isRegularFile(bestFile)) {
      return; // stopped before its first validation: nothing states the data yet
    }
    Map<String, String> saved = SafeTensors.read(bestFile).metadata();
    for (Map.Entry<String, String> e : spec.toMetadata().entrySet()) {
      if (!e.getValue().equals(saved.get(e.getKey()))) {
        throw new IllegalArgumentException("--resume: expected the series the run in " + dir + " was trained on, found another "
            + e.getKey() + ": " + e.getValue() + " (the run's: " + saved.get(e.getKey()) + ")");
      }
    }
  }

  /**
   * The fields of the {@code --json} result line of the table {@code data} (its file name): the
   * best model's validation {@code v} beside persistence, in all and per forecast column.
   */
  static Map<String, Object> jsonFields(String data, SeriesSpec spec, SeriesWindows.Validation v, Trainer<?> trainer,
      int bestEpoch, int epochs, double seconds) {
    Map<String, Object> m = DataTraining.jsonFields(data + ":" + String.join(",", spec.forecast()), "nrmse", v.nrmse(),
        v.persistenceNrmse(), trainer, bestEpoch, epochs, seconds);
    Map<String, Object> perTarget = new LinkedHashMap<>();
    for (int k = 0; k < spec.outputs(); k++) {
      Map<String, Object> scores = new LinkedHashMap<>();
      scores.put("value", v.nrmse(k));
      scores.put("baseline", v.persistenceNrmse(k));
      perTarget.put(spec.forecast().get(k), scores);
    }
    m.put("targets", perTarget);
    return m;
  }

  /** " (value 0.0812, cos 0.1033)" for several forecast columns; "" for one. */
  static String perColumn(SeriesWindows.Validation v) {
    if (v.targets().size() == 1) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    for (int k = 0; k < v.targets().size(); k++) {
      parts.add(String.format("%s %.4f", v.targets().get(k), v.nrmse(k)));
    }
    return " (" + String.join(", ", parts) + ")";
  }

  /** validation.png for one forecast column; validation-COLUMN.png for each of several. */
  static Map<String, Path> plot(Path dir, SeriesSpec spec, SeriesWindows.Validation v) throws IOException {
    Map<String, Path> files = new LinkedHashMap<>();
    for (int k = 0; k < spec.outputs(); k++) {
      String column = spec.forecast().get(k);
      Path png = dir.resolve(spec.outputs() == 1 ? "validation.png" : "validation-" + column.replaceAll("[^A-Za-z0-9._-]", "_") + ".png");
      int n = v.truth()[k].length;
      double[] rows = new double[n], truth = new double[n], predicted = new double[n];
      for (int i = 0; i < n; i++) {
        rows[i] = v.firstRow() + i;
        truth[i] = v.truth()[k][i];
        predicted[i] = v.predicted()[k][i];
      }
      Map<String, Plots.Series> series = new LinkedHashMap<>();
      series.put("truth", new Plots.Series(rows, truth));
      series.put("prediction (" + spec.horizon() + " ahead)", new Plots.Series(rows, predicted));
      Plots.line(png, String.format("%s on the validation rows: nrmse %.3f (persistence %.3f)", column, v.nrmse(k),
          v.persistenceNrmse(k)), "row", column, series, false);
      files.put(column, png);
    }
    return files;
  }
}
