package org.rnn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.rnn4j.csv.MissingValues;
import org.rnn4j.data.NumericTable;
import org.rnn4j.data.SeriesSpec;
import org.rnn4j.data.SeriesWindows;
import org.rnn4j.io.ModelFile;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.spark.RowBatch;
import org.rnn4j.spark.RunDirectory;
import org.rnn4j.spark.SparkSequences;
import org.rnn4j.spark.SparkSeries;
import org.rnn4j.train.Trainer;
import picocli.CommandLine.ParseResult;

/**
 * {@code rnn-spark train --data TABLE --forecast A[,B…]}: {@link SeriesTraining} with the table read
 * by Spark on the executors ({@link SparkSeries}: CSV or Parquet, the normalisation measured on
 * the cluster) and every step on the executors. The same model (initialised from the same seed),
 * minibatches, validation, output and run directory as {@code rnn train}; the validation tail of the
 * table is collected on the driver, which validates and keeps the best model.
 */
final class SparkSeriesTraining {
  private SparkSeriesTraining() {}

  static int run(JavaSparkContext spark, int partitions, String data, SeriesOptions o, CsvOptions csv, TrainingOptions t,
      String runDir, ParseResult parsed, boolean json, PrintWriter out) throws IOException {
    if (data == null) {
      throw new IllegalArgumentException("--forecast: expected --data TABLE (.csv, or Parquet) with those columns, found no"
          + " --data");
    }
    if (t.bidirectional) {
      throw new IllegalArgumentException("--bidirectional: expected a one-directional model for forecasting "
          + "(a backward direction would read the future), found --bidirectional");
    }
    long start = System.nanoTime();
    MissingValues missing = MissingValues.parse(csv.missing);
    SparkDataRun<RnnModel> run = SparkDataRun.start(spark, runDir, parsed, t, SeriesTraining.DATA, ModelFile::fromFile);
    List<String> features = SeriesSpec.features(o.forecast, o.features);
    SparkSession session = SparkSession.builder().sparkContext(spark.sc()).getOrCreate();
    try (SparkSeries table = SparkSeries.read(session, data, features, csv.delimiter(), missing)) {
      SeriesSpec spec = table.fit(o.forecast, o.horizon, o.window);
      NumericTable tail = table.validationTail(spec);
      long offset = table.tailStart(spec);
      int tailFirst = (int) (SeriesSpec.validationStart((int) table.size()) - offset);
      RunDirectory dir = run.dir(); // made once the table has been read
      Path local = dir.local();
      RnnModel model = run.model(() -> new RnnModel(DataTraining.model(t).inputSize(spec.features().size())
          .outputSize(spec.outputs()).loss("mse").build(), t.seed));
      if (run.resumed()) {
        SeriesTraining.requireSameSeries(spec, dir.toString(), local.resolve(DataTraining.MODEL_FILE));
      }
      ModelConfig config = model.config();
      try (SparkSequences windows = table.windows(spec, partitions)) {
        long rows = table.size();
        int validationStart = SeriesSpec.validationStart((int) rows);
        out.printf("series %s from %s: %d rows%s%n", String.join(", ", spec.forecast()), data, rows,
            csv.gapNotes(table.missingCells(), table.droppedRows()));
        out.printf("inputs %s, horizon %d, window %d; training rows 0-%d (%d windows in %d partitions), validation rows %d-%d;"
            + " model %s, hidden %d, layers %d%n", spec.features(), spec.horizon(), spec.window(), validationStart - 1,
            windows.size(), windows.partitions(), validationStart, rows - 1, config.cell(), config.hiddenSize(),
            config.numLayers());
        Path file = local.resolve(DataTraining.MODEL_FILE);
        SeriesWindows.Validation[] last = {null};
        Trainer<RowBatch> trainer = run.trainer(spark, model, model.fileMetadata(), windows)
            .keepBest(() -> (last[0] = validate(model, spec, tail, tailFirst, offset)).nrmse(), file, spec.toMetadata());
        run.printResumed(out, trainer);
        out.flush();
        int[] bestEpoch = {DataTraining.bestEpoch(trainer)}; // a resumed run's best may be older
        int epochs = trainer.fit(windows.exampleBatches(), (epoch, stats) -> {
          boolean best = DataTraining.isNewBest(trainer);
          bestEpoch[0] = best ? epoch : bestEpoch[0];
          if (best) {
            dir.publish(DataTraining.MODEL_FILE);
          }
          out.printf("epoch %3d  loss %.5f  val nrmse %.4f%s  (persistence %.4f)%s  (%.1f s)%n", epoch, stats.loss(),
              last[0].nrmse(), SeriesTraining.perColumn(last[0]), last[0].persistenceNrmse(), best ? "  best" : "",
              DataTraining.seconds(start));
          out.flush();
          return true;
        });
        dir.publish(Trainer.CHECKPOINT_FILE);
        Trainer.Best best = DataTraining.best(trainer, "validation nrmse");
        SeriesWindows.Validation v = validate(ModelFile.load(file), spec, tail, tailFirst, offset);
        double seconds = DataTraining.seconds(start);
        out.printf("result: validation nrmse = %.4f%s (persistence %.4f, lower is better) at step %d, epoch %d of %d, in %.1f"
            + " s%n", v.nrmse(), SeriesTraining.perColumn(v), v.persistenceNrmse(), best.step(), bestEpoch[0], epochs, seconds);
        if (trainer.stopReason() == Trainer.StopReason.PATIENCE) {
          out.printf("stopped early: %d validations in a row without a new best (--patience %d)%n", run.config().patience(),
              run.config().patience());
        }
        out.printf("best model (step %d, epoch %d) written to %s/%s; the last (step %d) is in %s/%s%n", best.step(),
            bestEpoch[0], dir, DataTraining.MODEL_FILE, trainer.state().step(), dir, Trainer.CHECKPOINT_FILE);
        for (Map.Entry<String, Path> png : SeriesTraining.plot(local, spec, v).entrySet()) {
          dir.publish(png.getValue().getFileName().toString());
          out.println("plot of " + png.getKey() + " written to " + dir + "/" + png.getValue().getFileName());
        }
        if (json) {
          out.println(Json.line(SeriesTraining.jsonFields(new org.apache.hadoop.fs.Path(data).getName(), spec, v, trainer,
              bestEpoch[0], epochs, seconds)));
        }
      }
    }
    return 0;
  }

  /** The validation of the table's tail, its rows numbered as in the whole table. */
  private static SeriesWindows.Validation validate(RnnModel model, SeriesSpec spec, NumericTable tail, int first, long offset) {
    SeriesWindows.Validation v = SeriesWindows.validate(model, spec, tail, first);
    return new SeriesWindows.Validation((int) (v.firstRow() + offset), v.targets(), v.truth(), v.predicted(), v.persistence());
  }
}
