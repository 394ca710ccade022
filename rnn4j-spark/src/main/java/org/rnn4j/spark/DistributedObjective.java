package org.rnn4j.spark;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.rnn4j.math.Rng;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.model.Trainable;
import org.rnn4j.tensor.Parameters;

/**
 * A model whose loss and gradient are computed on a Spark cluster, for the one {@link
 * org.rnn4j.train.Trainer}: exact synchronous data parallelism. Every call broadcasts the current
 * parameter values; each partition runs its part of the global minibatch ({@link Shard#batch})
 * through its executor's copy of the model and returns the sums of loss and gradient; the driver
 * adds them in partition order, so two runs are bit-identical, and divides by the total number of
 * output positions when the model's reduction is the mean, so the gradient is the one of the whole
 * minibatch in one process (up to the rounding of a different summation order). The trainer then
 * clips and steps as for any model, and its checkpoints, best-model files and resume work unchanged.
 *
 * <p>The parameters, the files and any validation are the driver's model's. Dropout masks differ
 * from a one-process run's (each partition draws its own, from a seed the driver's dropout generator
 * gives each step), but are fixed by the seed.
 *
 * @param <W> what a step says about its global minibatch (e.g. {@link RowBatch})
 */
public final class DistributedObjective<W> implements Trainable<W>, AutoCloseable {
  private final JavaSparkContext spark;
  private final JavaRDD<Shard<W>> shards;
  private final RnnModel model;
  private final Map<String, String> fileMetadata;
  private final ModelRecipe recipe;
  private final String run = UUID.randomUUID().toString();
  private final boolean mean;
  private double[] sum;
  private float[] sent; // the step's broadcast values, reused: free once collect() returned (in local mode the tasks read this array itself)
  private boolean training;
  private long lastPositions;
  private float[][][] lastStates;
  private final StepTraffic traffic = new StepTraffic("step");

  /** Trains {@code model} (the driver's copy, updated in place) on the cached partitions {@code shards}. */
  public DistributedObjective(JavaSparkContext spark, JavaRDD<Shard<W>> shards, RnnModel model) {
    this(spark, shards, model, model.fileMetadata());
  }

  /**
   * As above, the model's files (checkpoints, best models) carrying {@code fileMetadata}: the
   * metadata of the model the network belongs to (a classifier's: its config, vocabulary and labels),
   * so they are the files that model's one-process training writes.
   */
  public DistributedObjective(JavaSparkContext spark, JavaRDD<Shard<W>> shards, RnnModel model,
      Map<String, String> fileMetadata) {
    this.spark = spark;
    this.shards = shards;
    this.model = model;
    this.fileMetadata = Map.copyOf(fileMetadata);
    this.recipe = new ModelRecipe(model);
    this.mean = model.config().reduction() == ModelConfig.Reduction.MEAN;
  }

  /** The driver's model: its values are the ones trained. */
  public RnnModel model() {
    return model;
  }

  @Override
  public Parameters parameters() {
    return model.parameters();
  }

  /**
   * Runs one Spark job over the partitions and accumulates (+=) the whole minibatch's dL/dθ into
   * {@code parameters().grads()}; returns its loss (reduced as the model's config says).
   */
  @Override
  public double lossAndGradient(W work) {
    long start = System.nanoTime();
    Rng dropout = model.trainingRng();
    long seed = dropout != null ? dropout.nextLong() : 0;
    Parameters p = model.parameters();
    if (sent == null) {
      sent = new float[p.size()];
    }
    System.arraycopy(p.values(), 0, sent, 0, sent.length);
    Broadcast<StepMessage<W>> message = spark.broadcast(new StepMessage<>(run, sent, training, seed, work));
    List<PartitionResult> results;
    try {
      results = shards.mapPartitionsWithIndex(new PartitionStep<>(message, recipe), true).collect();
    } finally {
      message.destroy();
    }
    if (sum == null) {
      sum = new double[p.size()];
    }
    java.util.Arrays.fill(sum, 0);
    double loss = 0, weight = 0;
    long positions = 0, resultFloats = 0;
    lastStates = new float[results.size()][][];
    for (int part = 0; part < results.size(); part++) { // partition order: the sum is the same every run
      PartitionResult r = results.get(part);
      loss += r.lossSum();
      weight += r.lossWeight();
      positions += r.positions();
      lastStates[part] = r.finalStates();
      if (r.gradSum() != null) {
        float[] g = r.gradSum();
        for (int i = 0; i < g.length; i++) {
          sum[i] += g[i];
        }
        resultFloats += g.length;
      }
    }
    double scale = mean ? 1.0 / Math.max(weight, 1e-12) : 1.0;
    float[] grads = p.grads();
    for (int i = 0; i < grads.length; i++) {
      grads[i] += (float) (sum[i] * scale);
    }
    lastPositions = positions;
    traffic.add(4L * p.size(), 4L * resultFloats, (System.nanoTime() - start) / 1e9);
    return loss * scale;
  }

  /** The final recurrent states of the last call, per partition (null for a partition without a part). */
  float[][][] lastStates() {
    return lastStates;
  }

  @Override
  public void setTraining(boolean on) {
    training = on;
  }

  /** The input positions of the last call's minibatch (the trainer asks right after it). */
  @Override
  public long positions(W work) {
    return lastPositions;
  }

  @Override
  public Rng trainingRng() {
    return model.trainingRng();
  }

  @Override
  public Map<String, String> fileMetadata() {
    return new java.util.LinkedHashMap<>(fileMetadata);
  }

  /** Bytes moved and seconds spent per step so far. */
  public StepTraffic traffic() {
    return traffic;
  }

  /** Forgets the model copies this run left in the driver's JVM (local mode); executors drop old runs themselves. */
  @Override
  public void close() {
    Replicas.release(run);
  }
}
