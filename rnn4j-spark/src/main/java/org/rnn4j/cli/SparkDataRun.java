package org.rnn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.rnn4j.model.RnnModel;
import org.rnn4j.model.Trainable;
import org.rnn4j.spark.RowBatch;
import org.rnn4j.spark.RunDirectory;
import org.rnn4j.spark.SparkSequences;
import org.rnn4j.spark.SparkTrainer;
import org.rnn4j.train.Checkpoint;
import org.rnn4j.train.TrainConfig;
import org.rnn4j.train.Trainer;
import picocli.CommandLine.ParseResult;

/**
 * How {@code rnn-spark train} on own data (a forecaster, a classifier of texts, arrays) starts, as
 * {@link DataTraining#start} starts {@code rnn train}'s: in a new run directory with the training
 * settings written to its {@value DataTraining#CONFIG_FILE} (made when first asked for, {@link
 * #dir}, so data that fails to read leaves no directory behind), or, with {@code --resume DIR}, from DIR's
 * settings (the budgets given now applied) and checkpoint. The directory may be any Hadoop path
 * ({@link RunDirectory}); a resumed run fetches its files into the directory's local copy. The run
 * files are {@code rnn train}'s, so either command resumes the other's run.
 *
 * @param <M> the model kind its files hold (a network, a classifier)
 */
final class SparkDataRun<M extends Trainable<?>> {
  private final String location;
  private final Configuration hadoop;
  private RunDirectory dir; // a new run's is made by the first dir()
  private final TrainConfig config;
  private final Checkpoint<M> checkpoint; // null for a new run

  private SparkDataRun(String location, Configuration hadoop, RunDirectory dir, TrainConfig config,
      Checkpoint<M> checkpoint) {
    this.location = location;
    this.hadoop = hadoop;
    this.dir = dir;
    this.config = config;
    this.checkpoint = checkpoint;
  }

  /**
   * Starts a run in {@code runDir} (null: runs/TIME), or continues the one {@code --resume} names:
   * refuses then, as {@code rnn train} does, options other than the data options ({@code data}) and
   * budgets, and a run directory without its settings and checkpoint; {@code reader} reads the checkpoint's model.
   */
  static <M extends Trainable<?>> SparkDataRun<M> start(JavaSparkContext spark, String runDir, ParseResult parsed,
      TrainingOptions t, Set<String> data, Checkpoint.ModelReader<M> reader) throws IOException {
    if (!parsed.hasMatchedOption("--resume")) {
      return new SparkDataRun<>(runDir != null ? runDir : DataTraining.runDirectory(null).toString(),
          spark.hadoopConfiguration(), null, DataTraining.training(t), null);
    }
    String resume = parsed.matchedOption("--resume").stringValues().get(0); // as given: a URI is no file Path
    Set<String> allowed = new HashSet<>(data);
    allowed.addAll(Set.of("--master", "--partitions", "--reduce-fan-in")); // where and how it runs, not what it trains
    DataTraining.requireResumable(parsed, allowed, runDir, resume);
    boolean exists = RunDirectory.exists(resume, spark.hadoopConfiguration());
    RunDirectory dir = exists ? RunDirectory.of(resume, spark.hadoopConfiguration()) : null;
    if (!exists || !dir.fetch(DataTraining.CONFIG_FILE) || !dir.fetch(Trainer.CHECKPOINT_FILE)) {
      throw DataTraining.noRun(exists, resume);
    }
    dir.fetch(DataTraining.MODEL_FILE); // the best so far, which the resumed run replaces only by a better one
    DataTraining.Resumed<M> run = DataTraining.readRun(dir.local(), t, reader);
    dir.publish(DataTraining.CONFIG_FILE);
    return new SparkDataRun<>(resume, spark.hadoopConfiguration(), dir, run.config(), run.checkpoint());
  }

  /** The run directory; a new run's is made now, with its training settings. */
  RunDirectory dir() throws IOException {
    if (dir == null) {
      dir = RunDirectory.of(location, hadoop);
      Files.writeString(dir.local().resolve(DataTraining.CONFIG_FILE), config.toJson());
      dir.publish(DataTraining.CONFIG_FILE);
    }
    return dir;
  }

  /** The training settings: the new run's, or the resumed run's with the budgets given now. */
  TrainConfig config() {
    return config;
  }

  boolean resumed() {
    return checkpoint != null;
  }

  /** The model to train: the checkpoint's, or the new one {@code fresh} makes. */
  M model(Supplier<M> fresh) {
    return checkpoint != null ? checkpoint.model() : fresh.get();
  }

  /**
   * The trainer of {@code network} (the model's network, trained in place; its files carry {@code
   * fileMetadata}, the model's) on {@code data}, every step on Spark: a new one, or one that goes on
   * from the checkpoint. Writes its checkpoints into the directory's local copy.
   */
  Trainer<RowBatch> trainer(JavaSparkContext spark, RnnModel network, Map<String, String> fileMetadata,
      SparkSequences data) throws IOException {
    Trainer<RowBatch> trainer = checkpoint == null ? SparkTrainer.exact(spark, network, fileMetadata, data, config)
        : SparkTrainer.resume(spark, network, fileMetadata, checkpoint, data, config);
    return trainer.checkpointsIn(dir().local());
  }

  /** Says where a resumed run continues (as {@code rnn train}); nothing for a new run. */
  void printResumed(PrintWriter out, Trainer<?> trainer) throws IOException {
    if (resumed()) {
      DataTraining.printResumed(out, trainer, dir());
    }
  }
}
