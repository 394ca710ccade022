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
import org.rnn4j.data.TextCorpus;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.train.Checkpoint;
import org.rnn4j.train.TrainConfig;

/** The communication-light mode: local SGD over the char-LM's streams, with parameter and optimizer-state averaging. */
class LocalSgdTest {
  @TempDir Path dir;

  SparkTextStreams streams(int partitions) throws IOException {
    Path f = dir.resolve("text.txt");
    Files.writeString(f, StreamTrainingTest.text(), StandardCharsets.UTF_8);
    return SparkTextStreams.fromText(LocalSpark.context(), f.toString(), StreamTrainingTest.B, partitions, 0);
  }

  static ModelConfig config() {
    return StreamTrainingTest.config(TextCorpus.of("text", StreamTrainingTest.text()), 1, 0);
  }

  @Test
  void oneStepRoundsOfPlainSgdOnEqualPartsAreExactSteps() throws IOException {
    TrainConfig sgd = StreamTrainingTest.TC.toBuilder().optimizer("sgd").lr(0.5).clipNorm(0).build();
    JavaSparkContext sc = LocalSpark.context();
    try (SparkTextStreams streams = streams(3)) { // 6 streams: 2 per partition
      RnnModel exact = new RnnModel(config(), 1), local = new RnnModel(config(), 1);
      try (SparkStreamTraining a = SparkStreamTraining.start(sc, exact, streams, StreamTrainingTest.K, sgd);
          SparkStreamTraining b = SparkStreamTraining.localSgd(sc, local, streams, StreamTrainingTest.K, sgd, 1)) {
        for (int s = 0; s < 10; s++) {
          a.step();
          b.step();
        }
      }
      assertThat(ExactTrainingTest.relativeError(local.parameters().values(), exact.parameters().values()))
          .isLessThan(1e-5);
    }
  }

  @Test
  void roundsOfAdamAreDeterministicAndResumeExactly() throws IOException {
    JavaSparkContext sc = LocalSpark.context();
    TrainConfig adam = StreamTrainingTest.TC;
    try (SparkTextStreams streams = streams(2)) {
      float[][] runs = new float[2][];
      for (int run = 0; run < 2; run++) {
        RnnModel model = new RnnModel(config(), 1);
        try (SparkStreamTraining t = SparkStreamTraining.localSgd(sc, model, streams, StreamTrainingTest.K, adam, 4)) {
          while (t.updates() < 12) {
            t.step(12 - t.updates());
          }
          assertThat(t.updates()).isEqualTo(12);
        }
        runs[run] = model.parameters().values();
      }
      assertThat(Arrays.equals(runs[0], runs[1])).as("bit-identical runs").isTrue();

      Path file = dir.resolve("checkpoint.safetensors");
      try (SparkStreamTraining t = SparkStreamTraining.localSgd(sc, new RnnModel(config(), 1), streams,
          StreamTrainingTest.K, adam, 4)) {
        t.step();
        t.checkpoint(Map.of()).save(file);
      }
      try (SparkStreamTraining t = SparkStreamTraining.resume(sc, Checkpoint.load(file), streams, StreamTrainingTest.K,
          adam, 4)) {
        assertThat(t.updates()).isEqualTo(4);
        while (t.updates() < 12) {
          t.step(12 - t.updates());
        }
        assertThat(Arrays.equals(t.model().parameters().values(), runs[0])).as("resumed bit-identical").isTrue();
      }
    }
  }
}
