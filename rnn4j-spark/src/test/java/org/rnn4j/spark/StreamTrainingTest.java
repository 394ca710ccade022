package org.rnn4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.data.StoryCorpus;
import org.rnn4j.data.TextCorpus;
import org.rnn4j.data.TokenStreams;
import org.rnn4j.lm.CharModel;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.train.Checkpoint;
import org.rnn4j.train.StreamTraining;
import org.rnn4j.train.TrainConfig;
import org.rnn4j.train.Trainer;

/**
 * The character language model's streams on Spark: each partition owns some of the B streams and
 * their carried state, and the run equals {@code StreamTraining}'s in one process, across the end
 * of a pass (where the state restarts); checkpoints resume either way.
 */
class StreamTrainingTest {
  static final int B = 6, K = 20, STEPS = 12;
  static final TrainConfig TC = TrainConfig.builder().batchSize(B).maxSteps(STEPS).epochs(1000).lr(0.01).clipNorm(5)
      .seed(3).build();

  @TempDir Path dir;

  /** About 1000 characters of the built-in corpus, ending with a newline: 8 windows of 20 steps per pass. */
  static String text() {
    String s = StoryCorpus.defaultText();
    return s.substring(0, s.indexOf('\n', 1000) + 1);
  }

  Path textFile() throws IOException {
    Path f = dir.resolve("text.txt");
    Files.writeString(f, text(), StandardCharsets.UTF_8);
    return f;
  }

  static ModelConfig config(TextCorpus corpus, int layers, double dropout) {
    return CharModel.config("lstm", corpus.vocabulary().size(), 12, layers, dropout);
  }

  @Test
  void partitionsOwningStreamsGiveTheOneProcessWeights() throws IOException {
    TextCorpus corpus = TextCorpus.of("text", text());
    ModelConfig config = config(corpus, 1, 0);
    RnnModel single = new RnnModel(config, 1);
    StreamTraining one = new StreamTraining(new Trainer<>(single, TC), single, new TokenStreams(corpus.training(), B), K);
    for (int s = 0; s < STEPS; s++) {
      one.step();
    }
    assertThat(one.epochs()).as("the run crosses the end of a pass").isGreaterThan(1);

    JavaSparkContext sc = LocalSpark.context();
    float[][] runs = new float[2][];
    for (int run = 0; run < 2; run++) {
      try (SparkTextStreams streams = SparkTextStreams.fromText(sc, textFile().toString(), B, 4, Integer.MAX_VALUE)) {
        assertThat(streams.vocabulary().toJson()).isEqualTo(corpus.vocabulary().toJson());
        assertThat(streams.validation()).isEqualTo(corpus.validation().toArray());
        assertThat(streams.length()).isEqualTo(new TokenStreams(corpus.training(), B).length());
        RnnModel model = new RnnModel(config, 1);
        try (SparkStreamTraining training = SparkStreamTraining.start(sc, model, streams, K, TC)) {
          for (int s = 0; s < STEPS; s++) {
            training.step();
          }
        }
        runs[run] = model.parameters().values();
      }
    }
    assertThat(ExactTrainingTest.relativeError(runs[0], single.parameters().values())).isLessThan(1e-5);
    assertThat(Arrays.equals(runs[0], runs[1])).as("bit-identical runs").isTrue();
  }

  @Test
  void checkpointsResumeExactlyAndInOneProcess() throws IOException {
    TextCorpus corpus = TextCorpus.of("text", text());
    ModelConfig config = config(corpus, 2, 0.2);
    JavaSparkContext sc = LocalSpark.context();
    try (SparkTextStreams streams = SparkTextStreams.fromText(sc, textFile().toString(), B, 3, 0)) {
      RnnModel whole = new RnnModel(config, 1);
      try (SparkStreamTraining training = SparkStreamTraining.start(sc, whole, streams, K, TC)) {
        for (int s = 0; s < STEPS; s++) {
          training.step();
        }
      }
      RnnModel first = new RnnModel(config, 1);
      Path file = dir.resolve("checkpoint.safetensors");
      try (SparkStreamTraining training = SparkStreamTraining.start(sc, first, streams, K, TC)) {
        for (int s = 0; s < 5; s++) {
          training.step();
        }
        training.checkpoint(Map.of()).save(file);
      }
      RnnModel resumed;
      try (SparkStreamTraining training = SparkStreamTraining.resume(sc, Checkpoint.load(file), streams, K, TC)) {
        for (long s = training.updates(); s < STEPS; s++) {
          training.step();
        }
        resumed = training.model();
      }
      assertThat(Arrays.equals(resumed.parameters().values(), whole.parameters().values()))
          .as("a resumed distributed run ends bit-identical to one never stopped").isTrue();
    }
  }

  @Test
  void aOneProcessCheckpointResumesOnSpark() throws IOException {
    TextCorpus corpus = TextCorpus.of("text", text());
    ModelConfig config = config(corpus, 1, 0);
    TokenStreams tokens = new TokenStreams(corpus.training(), B);
    RnnModel single = new RnnModel(config, 1);
    StreamTraining one = new StreamTraining(new Trainer<>(single, TC), single, tokens, K);
    Path file = dir.resolve("one.safetensors");
    for (int s = 0; s < STEPS; s++) {
      one.step();
      if (s == 8) {
        one.checkpoint(Map.of()).save(file);
      }
    }
    JavaSparkContext sc = LocalSpark.context();
    try (SparkTextStreams streams = SparkTextStreams.fromText(sc, textFile().toString(), B, 2, 0);
        SparkStreamTraining training = SparkStreamTraining.resume(sc, Checkpoint.load(file), streams, K, TC)) {
      for (long s = training.updates(); s < STEPS; s++) {
        training.step();
      }
      assertThat(ExactTrainingTest.relativeError(training.model().parameters().values(), single.parameters().values()))
          .isLessThan(1e-5);
    }
  }

}
