package org.rnn4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.data.NumericTable;
import org.rnn4j.data.SeriesForecaster;
import org.rnn4j.data.SeriesSpec;
import org.rnn4j.data.StoryCorpus;
import org.rnn4j.data.TextCorpus;
import org.rnn4j.io.ModelFile;
import org.rnn4j.lm.BitsPerCharacter;
import org.rnn4j.lm.CharModel;
import org.rnn4j.lm.Sampler;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;

/** Batch inference on Spark gives, series by series and text by text, what the one-process commands give. */
class SparkPredictorTest {
  /** 100,000 series (the module's pom sets it; a run from an IDE takes 5,000). */
  static final int SERIES = Integer.getInteger("rnn4j.spark.predictSeries", 5000), ROWS = 10;

  @TempDir Path dir;

  /** Row t of series s: a sine with the series' own frequency and phase, and a cosine feature. */
  static float[] point(int s, int t) {
    double w = 0.2 + (s % 97) * 0.01, phase = (s % 13) * 0.5;
    return new float[] {(float) Math.sin(w * t + phase), (float) Math.cos(w * t)};
  }

  @Test
  void forecastsOfManySeriesLongOrWideAreThoseOfRnnPredictSeriesBySeries() throws IOException {
    SeriesSpec spec = new SeriesSpec(List.of("value", "cos"), 1, 2, 6, new float[] {0.1f, -0.05f}, new float[] {0.7f, 0.6f});
    RnnModel rnn = new RnnModel(ModelConfig.builder().cell("gru").inputSize(2).hiddenSize(6).outputSize(1).build(), 3);
    Path file = dir.resolve("model.safetensors");
    ModelFile.save(file, rnn, spec.toMetadata());

    SparkSession spark = LocalSpark.session();
    JavaRDD<Row> rows = LocalSpark.context().parallelize(range(SERIES), 4).flatMap(s -> {
      List<Row> out = new ArrayList<>();
      for (int t = ROWS - 1; t >= 0; t--) { // in reverse: the order column, not the row order, must count
        float[] p = point(s, t);
        out.add(RowFactory.create((long) s, t, p[0], p[1]));
      }
      return out.iterator();
    });
    StructType schema = new StructType().add("id", DataTypes.LongType).add("t", DataTypes.IntegerType)
        .add("value", DataTypes.FloatType).add("cos", DataTypes.FloatType);
    Dataset<Row> table = spark.createDataFrame(rows, schema);
    SparkPredictor predictor = SparkPredictor.load(spark, file.toString());
    JavaRDD<Row> wideRows = LocalSpark.context().parallelize(range(SERIES), 4).map(s -> {
      float[][] columns = columns(s);
      return RowFactory.create((long) s, columns[0], columns[1]);
    });
    Dataset<Row> wide = spark.createDataFrame(wideRows, new StructType().add("id", DataTypes.LongType)
        .add("value", DataTypes.createArrayType(DataTypes.FloatType)).add("cos", DataTypes.createArrayType(DataTypes.FloatType)));

    RnnModel loaded = ModelFile.load(file);
    for (Dataset<Row> series : List.of(table, wide)) {
      List<Row> forecasts = predictor.forecast(series, "id", "t", 2).collectAsList();
      assertThat(forecasts).hasSize(2 * SERIES);
      Map<Long, float[]> byId = new HashMap<>();
      for (Row r : forecasts) {
        byId.computeIfAbsent(r.getLong(0), k -> new float[2])[(int) (r.getLong(1) - ROWS)] = r.getFloat(2);
      }
      for (int s = 0; s < SERIES; s++) {
        float[][] expected = SeriesForecaster.forecast(loaded, spec, NumericTable.of("series " + s, spec.features(), columns(s)), 2);
        assertThat(byId.get((long) s)).as("series %d", s).containsExactly(expected[0][0], expected[1][0]);
      }
    }
  }

  /** Series s as rnn predict reads it: its value and cos columns in time order. */
  static float[][] columns(int s) {
    float[][] columns = new float[2][ROWS];
    for (int t = 0; t < ROWS; t++) {
      float[] p = point(s, t);
      columns[0][t] = p[0];
      columns[1][t] = p[1];
    }
    return columns;
  }

  static List<Integer> range(int n) {
    List<Integer> r = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      r.add(i);
    }
    return r;
  }

  @Test
  void textsAreScoredAndSampledAsInOneProcess() throws IOException {
    String text = StoryCorpus.defaultText().substring(0, 3000);
    TextCorpus corpus = TextCorpus.of("text", text);
    CharModel lm = CharModel.create(corpus.vocabulary(), "lstm", 16, 1, 0, 7);
    Path file = dir.resolve("lm.safetensors");
    lm.save(file, Map.of());
    SparkSession spark = LocalSpark.session();
    List<Row> input = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      input.add(RowFactory.create((long) i, text.substring(i * 200, i * 200 + 50 + i * 10)));
    }
    Dataset<Row> texts = spark.createDataFrame(input, new StructType().add("id", DataTypes.LongType)
        .add("text", DataTypes.StringType)).repartition(3);
    SparkPredictor predictor = SparkPredictor.load(spark, file.toString());
    for (Row r : predictor.score(texts, "text").collectAsList()) {
      int[] tokens = corpus.vocabulary().encode(r.getString(1));
      assertThat(r.getDouble(2)).isEqualTo(BitsPerCharacter.of(lm, tokens));
      assertThat(r.getInt(3)).isEqualTo(tokens.length);
    }
    for (Row r : predictor.sample(texts, "id", "text", 30, 0.8, 0, 5).collectAsList()) {
      long seed = Seeds.mix(5, String.valueOf(r.getLong(0)).hashCode());
      assertThat(r.getString(2)).isEqualTo(new Sampler(0.8, 0, seed).generate(lm, r.getString(1), 30));
    }
  }

  @Test
  void aLongTextScoredInPartitionsHasItsOneStreamBitsPerCharacter() throws IOException {
    String text = StoryCorpus.defaultText().substring(0, 6000);
    TextCorpus corpus = TextCorpus.of("text", text);
    CharModel lm = CharModel.create(corpus.vocabulary(), "lstm", 16, 1, 0, 7);
    Path file = dir.resolve("lm.safetensors");
    lm.save(file, Map.of());
    SavedModel saved = SavedModel.read(file.toString(), LocalSpark.context().hadoopConfiguration());
    JavaRDD<String> pieces = LocalSpark.context().parallelize(List.of(text.split("(?<=\n)")), 4);
    double oneStream = BitsPerCharacter.of(lm, corpus.tokens().toArray());
    TextScore exact = TextScore.of(LocalSpark.context(), saved, pieces, text.length());
    assertThat(exact.characters()).isEqualTo(text.length());
    assertThat(exact.bpc()).isCloseTo(oneStream, org.assertj.core.data.Percentage.withPercentage(1e-9));
    TextScore warmed = TextScore.of(LocalSpark.context(), saved, pieces, 500);
    assertThat(warmed.bpc()).isCloseTo(oneStream, org.assertj.core.data.Percentage.withPercentage(0.1));
  }
}
