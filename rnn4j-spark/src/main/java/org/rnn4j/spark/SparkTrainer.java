package org.rnn4j.spark;

import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.rnn4j.model.RnnModel;
import org.rnn4j.train.Checkpoint;
import org.rnn4j.train.TrainConfig;
import org.rnn4j.train.Trainer;

/**
 * Training on a Spark cluster with the one {@link Trainer}. {@link #exact} gives a trainer whose
 * every step is the step of one process with the whole minibatch (exact synchronous data
 * parallelism, see {@link DistributedObjective}); fit it with the data's own {@code batches()}.
 *
 * <pre>{@code
 * JavaSparkContext sc = JavaSparkContext.fromSparkContext(RnnSpark.session("local[2]", "train").sparkContext());
 * SparkSequences data = SparkSequences.fromArrays(sc, x, y, null, Mapping.MANY_TO_ONE, "ce", false, 2);
 * Trainer<RowBatch> trainer = SparkTrainer.exact(sc, new RnnModel(config, 1), data, TrainConfig.defaults());
 * trainer.fit(data.batches(), null);     // the model given is trained in place
 * }</pre>
 */
public final class SparkTrainer {
  private SparkTrainer() {}

  /** A trainer of {@code model} (updated in place) on {@code data}, one Spark job per step. */
  public static Trainer<RowBatch> exact(JavaSparkContext spark, RnnModel model, SparkSequences data, TrainConfig config) {
    return exact(spark, model, model.fileMetadata(), data, config);
  }

  /**
   * {@link #exact}, the checkpoints and best-model files carrying {@code fileMetadata}: that of the
   * model {@code model} is the network of (e.g. a classifier's, with its vocabulary and labels).
   */
  public static Trainer<RowBatch> exact(JavaSparkContext spark, RnnModel model, Map<String, String> fileMetadata,
      SparkSequences data, TrainConfig config) {
    return new Trainer<>(new DistributedObjective<>(spark, data.shards(), model, fileMetadata), config);
  }

  /**
   * A trainer that continues a checkpointed run on {@code data} (a run of {@link #exact}, or of
   * {@code rnn train} in one process: the checkpoints are the same files): the checkpoint's
   * optimizer, schedule and place in the data, so the same minibatches follow, and {@code config}'s
   * budgets. {@code model} is the checkpoint's network (trained in place), {@code fileMetadata} as
   * for {@link #exact}.
   */
  public static Trainer<RowBatch> resume(JavaSparkContext spark, RnnModel model, Map<String, String> fileMetadata,
      Checkpoint<?> checkpoint, SparkSequences data, TrainConfig config) {
    DistributedObjective<RowBatch> objective = new DistributedObjective<>(spark, data.shards(), model, fileMetadata);
    return Trainer.resume(new Checkpoint<>(objective, checkpoint.optimizer(), checkpoint.schedule(), checkpoint.state()),
        config);
  }
}
