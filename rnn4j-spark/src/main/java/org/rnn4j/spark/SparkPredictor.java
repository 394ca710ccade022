package org.rnn4j.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.rnn4j.csv.MissingValues;
import org.rnn4j.data.NumericTable;
import org.rnn4j.data.SeriesForecaster;
import org.rnn4j.data.SeriesSpec;
import org.rnn4j.data.Vocabulary;
import org.rnn4j.lm.BitsPerCharacter;
import org.rnn4j.lm.CharModel;
import org.rnn4j.lm.Sampler;
import org.rnn4j.model.RnnModel;

/**
 * Batch inference with a saved model over a Spark {@link Dataset}: the model file is read once
 * on the driver and broadcast; each executor core rebuilds the model once and keeps it for every
 * partition it runs (mapPartitions). Each sequence gets exactly what the one-process command
 * computes for it ({@code rnn predict}'s {@link SeriesForecaster}, {@link BitsPerCharacter},
 * {@link Sampler}), so the results do not depend on how the data is partitioned.
 */
public final class SparkPredictor {
  private final SavedModel saved;
  private final Broadcast<SavedModel> model;

  private SparkPredictor(SparkSession spark, SavedModel saved) {
    this.saved = saved;
    this.model = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(saved);
  }

  /** A predictor of the model file at {@code location} (any Hadoop path). */
  public static SparkPredictor load(SparkSession spark, String location) throws java.io.IOException {
    return new SparkPredictor(spark, SavedModel.read(location, spark.sparkContext().hadoopConfiguration()));
  }

  public SavedModel saved() {
    return saved;
  }

  /**
   * Continues every series of a table: a long table, one row per (series, time step), with the
   * series key in {@code idColumn}, the time order in {@code orderColumn} (sortable; text is read as
   * a number) and the model's feature columns; or a wide table, one row per series, whose feature
   * columns are arrays in time order ({@code orderColumn} is then not used), which needs no shuffle.
   * Values are numbers, or text read as {@code rnn predict} reads a CSV cell; a missing cell (null,
   * NaN, or a marker such as {@code NA}) is an error. Returns one row per forecast: the key, {@code
   * row} (the series' row count plus k, numbered as {@code rnn predict} numbers them) and the
   * forecast columns' values in the data's units, one column each.
   */
  public Dataset<Row> forecast(Dataset<Row> series, String idColumn, String orderColumn, int steps) {
    return forecast(series, idColumn, orderColumn, steps, MissingValues.ERROR);
  }

  /**
   * {@link #forecast(Dataset, String, String, int)} with each series' missing cells handled by
   * {@code missing} as {@code rnn predict --missing} handles them in a CSV of that one series (the
   * forecasts' rows are numbered on from the rows kept, as there).
   */
  public Dataset<Row> forecast(Dataset<Row> series, String idColumn, String orderColumn, int steps, MissingValues missing) {
    SeriesSpec spec = SeriesSpec.fromMetadata(saved.metadata(), saved.source());
    List<String> features = spec.features();
    Dataset<Row> wide = series.schema().apply(features.get(0)).dataType() instanceof ArrayType ? series
        : longToWide(series, idColumn, orderColumn, features);
    List<Column> columns = new ArrayList<>();
    columns.add(col(idColumn));
    features.forEach(f -> columns.add(col(f)));
    StructType out = new StructType().add(series.schema().apply(idColumn)).add("row", DataTypes.LongType);
    for (String f : spec.forecast()) {
      out = out.add(f, DataTypes.FloatType);
    }
    int horizonSteps = steps;
    return mapWithModel(wide.select(columns.toArray(Column[]::new)), "forecast", out, (rnn, saved, rows) -> {
      // Rebuilt here from the metadata: a SeriesSpec is not serializable.
      SeriesSpec seriesSpec = SeriesSpec.fromMetadata(saved.metadata(), saved.source());
      List<Row> result = new ArrayList<>();
      while (rows.hasNext()) {
        Row r = rows.next();
        List<String> names = seriesSpec.features();
        int nf = names.size(), n = r.getList(1).size();
        float[][] values = new float[nf][n];
        boolean[][] gap = new boolean[nf][n];
        MissingValues.Place place = (t, column) -> "series " + r.get(0) + ", row " + t + ", column '" + column + "': ";
        for (int f = 0; f < nf; f++) {
          List<Object> column = r.getList(f + 1);
          for (int t = 0; t < n; t++) {
            Object cell = column.get(t);
            gap[f][t] = Cells.isMissing(cell);
            if (gap[f][t] && missing == MissingValues.ERROR) {
              throw new IllegalArgumentException(place.of(t, names.get(f)) + "expected a number, found "
                  + Cells.missingFound(cell) + MissingValues.ERROR_HINT);
            }
            values[f][t] = gap[f][t] ? 0 : Cells.finite(cell, place.of(t, names.get(f)));
          }
        }
        NumericTable table = NumericTable.of("series " + r.get(0), names, missing.apply(values, gap, names, place));
        float[][] forecast = SeriesForecaster.forecast(rnn, seriesSpec, table, horizonSteps); // (steps, K)
        for (int k = 0; k < forecast.length; k++) {
          Object[] fields = new Object[2 + forecast[k].length];
          fields[0] = r.get(0);
          fields[1] = (long) table.rows() + k;
          for (int c = 0; c < forecast[k].length; c++) {
            fields[2 + c] = forecast[k][c];
          }
          result.add(RowFactory.create(fields));
        }
      }
      return result;
    });
  }

  /** One row per series: the feature columns as arrays in the order column's order (a shuffle by key). */
  private static Dataset<Row> longToWide(Dataset<Row> series, String idColumn, String orderColumn, List<String> features) {
    List<Column> fields = new ArrayList<>();
    boolean text = series.schema().apply(orderColumn).dataType().equals(DataTypes.StringType);
    fields.add((text ? col(orderColumn).cast(DataTypes.DoubleType) : col(orderColumn)).as("order")); // "10" after "9"
    features.forEach(f -> fields.add(col(f)));
    List<Column> arrays = new ArrayList<>();
    arrays.add(col(idColumn));
    features.forEach(f -> arrays.add(col("points").getField(f).as(f)));
    return series.groupBy(col(idColumn)).agg(sort_array(collect_list(struct(fields.toArray(Column[]::new)))).as("points"))
        .select(arrays.toArray(Column[]::new));
  }

  /**
   * Scores texts with a character language model: adds {@code bpc}, the bits per character of
   * the row's text read as one stream from the initial state (NaN below 2 characters), and {@code
   * characters}.
   */
  public Dataset<Row> score(Dataset<Row> texts, String textColumn) {
    StructType out = texts.schema().add("bpc", DataTypes.DoubleType).add("characters", DataTypes.IntegerType);
    int index = texts.schema().fieldIndex(textColumn);
    return mapWithModel(texts, "score", out, (rnn, saved, rows) -> {
      CharModel lm = new CharModel(rnn, vocabulary(saved));
      List<Row> result = new ArrayList<>();
      while (rows.hasNext()) {
        Row r = rows.next();
        String text = r.getString(index);
        int[] tokens = lm.vocabulary().encode(text);
        double bpc = tokens.length < 2 ? Double.NaN : BitsPerCharacter.of(lm, tokens);
        result.add(append(r, bpc, tokens.length));
      }
      return result;
    });
  }

  /**
   * Adds {@code sample}: each row's {@code primeColumn} followed by {@code length} characters drawn
   * as {@code rnn sample} draws them, with the seed {@code seed} mixed with the row's {@code
   * idColumn} value, so a row's sample does not depend on the partitioning.
   */
  public Dataset<Row> sample(Dataset<Row> primes, String idColumn, String primeColumn, int length, double temperature,
      int topK, long seed) {
    StructType out = primes.schema().add("sample", DataTypes.StringType);
    int prime = primes.schema().fieldIndex(primeColumn), id = primes.schema().fieldIndex(idColumn);
    return mapWithModel(primes, "sample", out, (rnn, saved, rows) -> {
      CharModel lm = new CharModel(rnn, vocabulary(saved));
      List<Row> result = new ArrayList<>();
      while (rows.hasNext()) {
        Row r = rows.next();
        long rowSeed = Seeds.mix(seed, String.valueOf(r.get(id)).hashCode());
        result.add(append(r, new Sampler(temperature, topK, rowSeed).generate(lm, r.getString(prime), length)));
      }
      return result;
    });
  }

  /** What one partition computes with the executor's replica of the model. */
  private interface PartitionWork extends java.io.Serializable {
    List<Row> apply(RnnModel rnn, SavedModel saved, java.util.Iterator<Row> rows) throws Exception;
  }

  /**
   * {@code rows.mapPartitions} with the model: each partition borrows the executor's replica for
   * {@code use} (built once per executor core from the broadcast file) and gives it back after.
   */
  private Dataset<Row> mapWithModel(Dataset<Row> rows, String use, StructType out, PartitionWork work) {
    Broadcast<SavedModel> m = model;
    return rows.mapPartitions((MapPartitionsFunction<Row, Row>) it -> {
      String key = use + ":" + m.id();
      RnnModel rnn = Replicas.borrow(key, () -> m.value().model());
      try {
        return work.apply(rnn, m.value(), it).iterator();
      } finally {
        Replicas.giveBack(key, rnn);
      }
    }, Encoders.row(out));
  }

  private static Vocabulary vocabulary(SavedModel m) {
    String json = m.metadata().get(CharModel.VOCABULARY_KEY);
    if (json == null) {
      throw new IllegalArgumentException(m.source() + ": expected a character language model (metadata "
          + CharModel.VOCABULARY_KEY + "), found none");
    }
    return Vocabulary.fromJson(json);
  }

  private static Row append(Row r, Object... more) {
    Object[] values = new Object[r.size() + more.length];
    for (int i = 0; i < r.size(); i++) {
      values[i] = r.get(i);
    }
    System.arraycopy(more, 0, values, r.size(), more.length);
    return RowFactory.create(values);
  }


}
