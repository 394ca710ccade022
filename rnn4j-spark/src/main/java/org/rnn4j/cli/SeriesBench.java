package org.rnn4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.rnn4j.data.NumericTable;
import org.rnn4j.data.SeriesForecaster;
import org.rnn4j.data.SeriesSpec;
import org.rnn4j.io.ModelFile;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.spark.SparkPredictor;

/**
 * {@code rnn-spark bench --series N}: batch inference throughput. N series of {@value #ROWS} rows
 * (a sine of the series' own frequency) are generated on the executors and cached, as a long table
 * (a row per time step: a shuffle groups them) and as a wide one (a row per series, arrays); a
 * forecaster with random weights continues each by {@value #STEPS} steps, on Spark ({@link SparkPredictor})
 * and in one process by {@code rnn predict}'s loop ({@link SeriesForecaster}, one series at a time),
 * both after a warm-up run.
 */
final class SeriesBench {
  static final int ROWS = 20, STEPS = 10, HIDDEN = 32;

  private SeriesBench() {}

  /** Times a warm-up run of a tenth of the series first (JIT, Spark's generated code), then the run itself. */
  static Map<String, Object> run(JavaSparkContext spark, int partitions, int count, long seed) throws IOException {
    time(spark, partitions, Math.max(1, count / 10), seed);
    return time(spark, partitions, count, seed);
  }

  private static Map<String, Object> time(JavaSparkContext spark, int partitions, int count, long seed) throws IOException {
    SeriesSpec spec = new SeriesSpec(List.of("value"), 1, 1, ROWS, new float[] {0f}, new float[] {1f});
    RnnModel model = new RnnModel(ModelConfig.builder().cell("elman").inputSize(1).hiddenSize(HIDDEN).outputSize(1).build(),
        seed);
    Path file = Files.createTempFile("rnn4j-bench-", ".safetensors");
    try {
      ModelFile.save(file, model, spec.toMetadata());
      List<Integer> ids = new ArrayList<>(count);
      for (int s = 0; s < count; s++) {
        ids.add(s);
      }
      SparkSession session = SparkSession.builder().sparkContext(spark.sc()).getOrCreate();
      Dataset<Row> table = session.createDataFrame(spark.parallelize(ids, partitions).flatMap(s -> {
        List<Row> rows = new ArrayList<>();
        for (int t = 0; t < ROWS; t++) {
          rows.add(RowFactory.create((long) s, t, value(s, t)));
        }
        return rows.iterator();
      }), new StructType().add("id", DataTypes.LongType).add("t", DataTypes.IntegerType)
          .add("value", DataTypes.FloatType)).cache();
      table.count(); // generated and cached before the clock starts
      Dataset<Row> wide = session.createDataFrame(spark.parallelize(ids, partitions).map(s -> {
        float[] v = new float[ROWS];
        for (int t = 0; t < ROWS; t++) {
          v[t] = value(s, t);
        }
        return RowFactory.create((long) s, v);
      }), new StructType().add("id", DataTypes.LongType).add("value", DataTypes.createArrayType(DataTypes.FloatType)))
          .cache();
      wide.count();
      SparkPredictor predictor = SparkPredictor.load(session, file.toString());
      long t0 = System.nanoTime();
      long forecasts = predictor.forecast(table, "id", "t", STEPS).count();
      double sparkSeconds = (System.nanoTime() - t0) / 1e9;
      t0 = System.nanoTime();
      predictor.forecast(wide, "id", "t", STEPS).count();
      double wideSeconds = (System.nanoTime() - t0) / 1e9;
      table.unpersist();
      wide.unpersist();

      RnnModel loaded = ModelFile.load(file);
      t0 = System.nanoTime();
      float[][] column = new float[1][ROWS];
      for (int s = 0; s < count; s++) {
        for (int t = 0; t < ROWS; t++) {
          column[0][t] = value(s, t);
        }
        SeriesForecaster.forecast(loaded, spec, NumericTable.of("series " + s, spec.features(), column), STEPS);
      }
      double oneSeconds = (System.nanoTime() - t0) / 1e9;
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("series", count);
      r.put("forecasts", forecasts);
      r.put("master", spark.master());
      r.put("partitions", partitions);
      r.put("spark_seconds", sparkSeconds);
      r.put("spark_series_per_s", count / sparkSeconds);
      r.put("spark_wide_seconds", wideSeconds);
      r.put("spark_wide_series_per_s", count / wideSeconds);
      r.put("one_process_seconds", oneSeconds);
      r.put("one_process_series_per_s", count / oneSeconds);
      return r;
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static float value(long s, int t) {
    return (float) Math.sin((0.1 + (s % 89) * 0.01) * t + (s % 7));
  }
}
