package org.rnn4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.rnn4j.model.Batch;
import org.rnn4j.model.Mapping;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.train.TrainConfig;
import org.rnn4j.train.Trainer;

/** A task that fails is retried by Spark (local[2,4]: 4 attempts), and the run ends as an undisturbed one. */
class TaskRetryTest {
  /** Fails the first attempt of every task of every third step. */
  static final class FailingShard implements Shard<RowBatch> {
    private final Shard<RowBatch> shard;

    FailingShard(Shard<RowBatch> shard) {
      this.shard = shard;
    }

    @Override
    public Batch batch(RowBatch work) {
      if (TaskContext.get().attemptNumber() == 0 && TaskContext.get().stageId() % 3 == 0) {
        throw new IllegalStateException("injected failure of a first attempt");
      }
      return shard.batch(work);
    }
  }

  @Test
  void failedTasksAreRetriedAndChangeNothing() {
    ModelConfig config = ModelConfig.builder().cell("lstm").inputSize(ExactTrainingTest.I).hiddenSize(8).outputSize(4)
        .loss("ce").mapping(Mapping.MANY_TO_ONE).build();
    Tensor[] data = ExactTrainingTest.data(config, true);
    TrainConfig tc = TrainConfig.builder().batchSize(10).maxSteps(9).epochs(100).lr(0.01).seed(5).build();
    JavaSparkContext sc = LocalSpark.context();
    float[] undisturbed = ExactTrainingTest.distributed(config, data, tc, 2);
    RnnModel model = new RnnModel(config, 1);
    try (SparkSequences seq = SparkSequences.fromArrays(sc, data[0], data[1], data[2], config.mapping(), config.loss(),
        false, 2)) {
      JavaRDD<Shard<RowBatch>> failing = seq.shards().map(FailingShard::new);
      try (DistributedObjective<RowBatch> objective = new DistributedObjective<>(sc, failing, model)) {
        new Trainer<>(objective, tc).fit(seq.batches(), null);
      }
    }
    assertThat(Arrays.equals(model.parameters().values(), undisturbed)).isTrue();
  }
}
