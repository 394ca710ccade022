package org.rnn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnn4j.data.CsvTable;
import org.rnn4j.data.Example;
import org.rnn4j.data.SeriesSpec;
import org.rnn4j.data.SeriesWindows;
import org.rnn4j.io.ModelFile;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.train.Batches;
import org.rnn4j.train.Trainer;

/**
 * {@code rnn train --data FILE.csv --forecast COLUMN}: a many-to-many forecaster of one column,
 * validated on the last 20% of the rows against repeating the last known value. Writes the model
 * (with the normalisation in its metadata) and a plot of the validation part to the run directory.
 */
final class SeriesTraining {
  private SeriesTraining() {}

  static int run(Path data, SeriesOptions o, TrainingOptions t, Path runDir, PrintWriter out) throws IOException {
    if (data == null) {
      throw new IllegalArgumentException("--forecast: expected --data FILE.csv with that column, found no --data");
    }
    if (t.bidirectional) {
      throw new IllegalArgumentException("--bidirectional: expected a one-directional model for forecasting "
          + "(a backward direction would read the future), found --bidirectional");
    }
    long start = System.nanoTime();
    CsvTable table = CsvTable.read(data);
    SeriesSpec spec = SeriesSpec.fit(table, o.forecast, o.features, o.horizon, o.window);
    List<Example> windows = SeriesWindows.training(spec, table);
    ModelConfig config = DataTraining.model(t).inputSize(spec.features().size()).outputSize(1).loss("mse").build();
    RnnModel model = new RnnModel(config, t.seed);
    int validationStart = SeriesSpec.validationStart(table.rows());
    out.printf("series '%s' from %s: %d rows, inputs %s, horizon %d, window %d%n", spec.forecast(), data, table.rows(),
        spec.features(), spec.horizon(), spec.window());
    out.printf("training rows 0-%d (%d windows), validation rows %d-%d; model %s, hidden %d, layers %d%n", validationStart - 1,
        windows.size(), validationStart, table.rows() - 1, config.cell(), config.hiddenSize(), config.numLayers());
    out.flush();
    SeriesWindows.Validation[] last = {null};
    int epochs = new Trainer<>(model, DataTraining.training(t)).fit(Batches.of(windows), (epoch, stats) -> {
      last[0] = SeriesWindows.validate(model, spec, table);
      out.printf("epoch %3d  loss %.5f  val nrmse %.4f  (persistence %.4f)  (%.1f s)%n", epoch, stats.loss(), last[0].nrmse(),
          last[0].persistenceNrmse(), DataTraining.seconds(start));
      out.flush();
      return true;
    });
    SeriesWindows.Validation v = last[0];
    out.printf("result: validation nrmse = %.4f (persistence %.4f, lower is better) after %d epochs in %.1f s%n", v.nrmse(),
        v.persistenceNrmse(), epochs, DataTraining.seconds(start));
    Path dir = DataTraining.runDirectory(runDir);
    Files.createDirectories(dir);
    Path png = dir.resolve("validation.png");
    plot(png, spec, v);
    out.println("plot written to " + png);
    Path file = dir.resolve("model.safetensors");
    ModelFile.save(file, model, spec.toMetadata());
    out.println("model written to " + file);
    return 0;
  }

  private static void plot(Path png, SeriesSpec spec, SeriesWindows.Validation v) throws IOException {
    int n = v.truth().length;
    double[] rows = new double[n], truth = new double[n], predicted = new double[n];
    for (int i = 0; i < n; i++) {
      rows[i] = v.firstRow() + i;
      truth[i] = v.truth()[i];
      predicted[i] = v.predicted()[i];
    }
    Map<String, Plots.Series> series = new LinkedHashMap<>();
    series.put("truth", new Plots.Series(rows, truth));
    series.put("prediction (" + spec.horizon() + " ahead)", new Plots.Series(rows, predicted));
    Plots.line(png, String.format("%s on the validation rows: nrmse %.3f (persistence %.3f)", spec.forecast(), v.nrmse(),
        v.persistenceNrmse()), "row", spec.forecast(), series, false);
  }
}
