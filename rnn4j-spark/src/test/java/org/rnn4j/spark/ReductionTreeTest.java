package org.rnn4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.data.ArrayDataset;
import org.rnn4j.data.TextCorpus;
import org.rnn4j.data.TokenStreams;
import org.rnn4j.model.Mapping;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.train.Batches;
import org.rnn4j.train.StreamTraining;
import org.rnn4j.train.TrainConfig;
import org.rnn4j.train.Trainer;

/**
 * The reduction tree: partitions' gradients added on executors in groups before the driver gives
 * the one-process weights (rows, and the char-LM's streams, whose states travel through the
 * tree), two runs bit-identical, and the driver receives only the last level's sums.
 */
class ReductionTreeTest {
  @TempDir Path dir;

  @AfterEach
  void noTree() {
    LocalSpark.context().setLocalProperty(DistributedObjective.REDUCE_FAN_IN, null);
  }

  @Test
  void rowsReducedInATreeGiveTheOneProcessWeights() {
    ModelConfig config = ModelConfig.builder().cell("lstm").inputSize(ExactTrainingTest.I).hiddenSize(8).outputSize(4)
        .loss("ce").mapping(Mapping.MANY_TO_ONE).build();
    Tensor[] data = ExactTrainingTest.data(config, true);
    TrainConfig tc = TrainConfig.builder().batchSize(10).maxSteps(ExactTrainingTest.STEPS).epochs(100).optimizer("adam")
        .lr(0.01).clipNorm(1).seed(5).build();
    RnnModel single = new RnnModel(config, 1);
    new Trainer<>(single, tc).fit(Batches.of(ArrayDataset.of(data[0], data[1], data[2], config.mapping(), config.loss(),
        false)), null);

    JavaSparkContext sc = LocalSpark.context();
    sc.setLocalProperty(DistributedObjective.REDUCE_FAN_IN, "2"); // 5 partitions: groups of 2 (3 sums), then 2 sums
    float[][] runs = new float[2][];
    long[] returned = new long[2];
    for (int run = 0; run < 2; run++) {
      RnnModel model = new RnnModel(config, 1);
      try (SparkSequences seq = SparkSequences.fromArrays(sc, data[0], data[1], data[2], config.mapping(), config.loss(),
          false, 5)) {
        Trainer<RowBatch> trainer = SparkTrainer.exact(sc, model, seq, tc);
        trainer.fit(seq.batches(), null);
        returned[run] = ((DistributedObjective<?>) trainer.model()).traffic().resultBytesPerStep();
      }
      runs[run] = model.parameters().values();
    }
    assertThat(ExactTrainingTest.relativeError(runs[0], single.parameters().values())).isLessThan(1e-5);
    assertThat(Arrays.equals(runs[0], runs[1])).as("two runs are bit-identical").isTrue();
    // At most two sums reach the driver per step (fewer when a short last minibatch leaves a group without rows), not five.
    long gradientBytes = 4L * single.parameters().size();
    assertThat(returned[0]).as("bytes per step").isGreaterThan(gradientBytes).isLessThanOrEqualTo(2 * gradientBytes);
  }

  @Test
  void streamsReducedInATreeKeepTheirStates() throws IOException {
    TextCorpus corpus = TextCorpus.of("text", StreamTrainingTest.text());
    ModelConfig config = StreamTrainingTest.config(corpus, 1, 0);
    RnnModel single = new RnnModel(config, 1);
    StreamTraining one = new StreamTraining(new Trainer<>(single, StreamTrainingTest.TC), single,
        new TokenStreams(corpus.training(), StreamTrainingTest.B), StreamTrainingTest.K);
    for (int s = 0; s < StreamTrainingTest.STEPS; s++) {
      one.step();
    }
    Path text = dir.resolve("text.txt");
    Files.writeString(text, StreamTrainingTest.text(), StandardCharsets.UTF_8);
    JavaSparkContext sc = LocalSpark.context();
    sc.setLocalProperty(DistributedObjective.REDUCE_FAN_IN, "2");
    RnnModel model = new RnnModel(config, 1);
    try (SparkTextStreams streams = SparkTextStreams.fromText(sc, text.toString(), StreamTrainingTest.B, 3, Integer.MAX_VALUE);
        SparkStreamTraining training = SparkStreamTraining.start(sc, model, streams, StreamTrainingTest.K,
            StreamTrainingTest.TC)) {
      for (int s = 0; s < StreamTrainingTest.STEPS; s++) {
        training.step();
      }
    }
    assertThat(ExactTrainingTest.relativeError(model.parameters().values(), single.parameters().values())).isLessThan(1e-5);
  }

  @Test
  void aFanInOfOneIsRefused() {
    JavaSparkContext sc = LocalSpark.context();
    sc.setLocalProperty(DistributedObjective.REDUCE_FAN_IN, "1");
    assertThatThrownBy(() -> DistributedObjective.reduceFanIn(sc))
        .hasMessage("--reduce-fan-in: expected 0 (no tree) or a fan-in of at least 2, found 1");
    assertThat(DistributedObjective.parseFanIn("0")).isZero();
    assertThat(DistributedObjective.parseFanIn("16")).isEqualTo(16);
  }
}
