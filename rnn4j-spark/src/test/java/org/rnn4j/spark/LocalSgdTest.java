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
import org.rnn4j.io.ModelFile;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.train.Checkpoint;
import org.rnn4j.train.TrainConfig;
import org.rnn4j.train.Trainer;

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

  /**
   * The driver's Trainer counts local SGD's updates: a validation after a round names the global
   * step, keeps the best model in its file, counts patience, and a plateau schedule's cut reaches
   * the executors (one-step rounds of plain SGD on equal parts stay exact steps across the cut).
   */
  @Test
  void theTrainerValidatesKeepsTheBestAndCutsThePlateauRateInLocalSgd() throws IOException {
    TrainConfig plateau = StreamTrainingTest.TC.toBuilder().optimizer("sgd").lr(0.5).clipNorm(0).schedule("plateau")
        .gamma(0.1).plateauPatience(1).patience(2).build();
    JavaSparkContext sc = LocalSpark.context();
    double[] scores = {3.0, 2.0, 2.5, 2.6}; // a new best, a new best, then two validations without one
    try (SparkTextStreams streams = streams(3)) {
      RnnModel exact = new RnnModel(config(), 1), local = new RnnModel(config(), 1);
      Path bestFile = dir.resolve("best.safetensors");
      float[] bestValues = null;
      try (SparkStreamTraining a = SparkStreamTraining.start(sc, exact, streams, StreamTrainingTest.K, plateau);
          SparkStreamTraining b = SparkStreamTraining.localSgd(sc, local, streams, StreamTrainingTest.K, plateau, 1)) {
        int[] next = {0, 0};
        a.trainer().keepBest(() -> scores[next[0]++], dir.resolve("exact.safetensors"), Map.of());
        b.trainer().keepBest(() -> scores[next[1]++], bestFile, Map.of());
        for (int v = 0; v < scores.length; v++) {
          for (int s = 0; s < 2; s++) {
            a.step();
            b.step();
          }
          a.trainer().validate();
          b.trainer().validate();
          assertThat(b.trainer().patienceRunOut()).isEqualTo(v == 3);
          if (v == 1) {
            bestValues = local.parameters().values().clone();
          }
        }
        assertThat(b.trainer().best()).isEqualTo(new Trainer.Best(4, 2.0));
        assertThat(b.schedule().lr(b.updates())).isEqualTo(a.schedule().lr(a.updates())).isLessThan(0.5 * 0.1 + 1e-9);
        assertThat(b.checkpoint(Map.of()).state().bestStep()).isEqualTo(4);
      }
      assertThat(ExactTrainingTest.relativeError(local.parameters().values(), exact.parameters().values()))
          .as("plain SGD rounds across two rate cuts").isLessThan(1e-5);
      RnnModel best = ModelFile.load(bestFile);
      assertThat(best.parameters().values()).containsExactly(bestValues);
    }
  }
}
