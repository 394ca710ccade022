package org.rnn4j.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.rnn4j.csv.MissingValues;
import org.rnn4j.data.SeriesSpec;
import org.rnn4j.spark.SparkPredictor;
import org.rnn4j.spark.SparkSeries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "predict", mixinStandardHelpOptions = true,
    header = "Continue every series of a table, as 'rnn predict' continues one.",
    description = {"The model comes from 'rnn train --data FILE.csv --forecast COLUMN'; each --id-column value is one series, its "
            + "rows in --order-column order, and gets the forecasts 'rnn predict' gives it. --data and --out: CSV "
            + "(header row) or Parquet by their extension, any Hadoop path; --out is a directory of part files. "
            + "Without an --id-column in the data, the whole table is one series in file order. Missing cells: --missing, "
            + "per series, as 'rnn predict' handles them in one series."})
final class SparkPredictCommand implements Callable<Integer> {
  @ParentCommand SparkMain main;

  @Option(names = "--model", required = true, paramLabel = "RUN/model.safetensors", description = "A time-series model file.")
  String model;

  @Option(names = "--data", required = true, paramLabel = "PATH", description = "The series: .csv or .parquet.")
  String data;

  @Option(names = "--steps", description = "How many rows to forecast per series (default: the model's horizon).")
  Integer steps;

  @Option(names = "--out", paramLabel = "DIR", description = "Write the forecasts here (.csv or .parquet).")
  String outDir;

  @Option(names = "--id-column", defaultValue = "id", description = "The series key column (default: ${DEFAULT-VALUE}).")
  String idColumn;

  @Option(names = "--order-column", defaultValue = "t", description = "The time order within a series (default: ${DEFAULT-VALUE}).")
  String orderColumn;

  @Mixin CsvOptions csv;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    MissingValues missing = MissingValues.parse(csv.missing);
    char delimiter = csv.delimiter();
    SparkSession session = SparkSession.builder().sparkContext(main.spark().sc()).getOrCreate();
    SparkPredictor predictor = SparkPredictor.load(session, model);
    SeriesSpec series = SeriesSpec.fromMetadata(predictor.saved().metadata(), model);
    Dataset<Row> table = read(session, data, delimiter).repartition(main.partitions());
    List<String> columns = List.of(table.columns());
    String id = idColumn, order = orderColumn;
    if (!columns.contains(id)) { // one series in file order: by file, split, then place in the split's partition
      id = "__series";
      order = "__row";
      table = read(session, data, delimiter).withColumn(id, functions.lit(0)).withColumn(order, functions.struct(
          functions.col("_metadata.file_path"), functions.col("_metadata.file_block_start"),
          functions.monotonically_increasing_id()));
    } else if (!columns.contains(order)) {
      throw new IllegalArgumentException(data + ": expected the order column '" + order + "' (--order-column), found columns "
          + columns);
    }
    for (String f : series.features()) {
      if (!columns.contains(f)) {
        throw new IllegalArgumentException(data + ": expected the model's feature column '" + f + "', found columns " + columns);
      }
    }
    long start = System.nanoTime();
    Dataset<Row> forecasts = predictor.forecast(table, id, order, steps != null ? steps : series.horizon(), missing);
    if (id.equals("__series")) {
      forecasts = forecasts.drop(id);
    }
    if (outDir != null) {
      write(forecasts, outDir);
      Dataset<Row> written = read(session, outDir, ',');
      out.printf(Locale.ROOT, "%,d forecasts of %s written to %s (%.1f s)%n", written.count(), series.forecast(), outDir,
          (System.nanoTime() - start) / 1e9);
    } else {
      List<Row> rows = forecasts.orderBy(forecasts.columns()[0], "row").collectAsList(); // a stable listing
      out.println(String.join(",", forecasts.columns()));
      for (Row r : rows) {
        out.println(r.mkString(","));
      }
    }
    return 0;
  }

  private static Dataset<Row> read(SparkSession session, String path, char delimiter) {
    return SparkSeries.isCsv(path) ? session.read().option("header", true).option("sep", String.valueOf(delimiter)).csv(path)
        : session.read().parquet(path);
  }

  private static void write(Dataset<Row> rows, String path) {
    if (SparkSeries.isCsv(path)) {
      rows.write().mode("overwrite").option("header", true).csv(path);
    } else {
      rows.write().mode("overwrite").parquet(path);
    }
  }
}
