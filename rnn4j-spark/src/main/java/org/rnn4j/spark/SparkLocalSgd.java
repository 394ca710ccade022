package org.rnn4j.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.rnn4j.math.Rng;
import org.rnn4j.model.RnnModel;
import org.rnn4j.optim.Optimizer;
import org.rnn4j.optim.OptimizerState;
import org.rnn4j.optim.Schedule;
import org.rnn4j.train.TrainConfig;

/**
 * The communication-light mode: local SGD with parameter averaging. A round of K steps is one Spark
 * job: every partition starts from the averaged parameters and optimizer state, takes K optimizer
 * steps of its own (the one {@code Trainer}'s update: clipping, schedule, optimizer) on its part of
 * each of the K global minibatches, and sends back its parameters and optimizer state; the driver
 * averages both, in partition order, over the partitions that had data. So the parameters cross the
 * network once per K steps instead of once per step, with the optimizer's buffers (Adam's two
 * moments, momentum, ...) alongside: Adam moves 3× the parameter bytes each way per round.
 *
 * <p>Optimizer state: averaged with the parameters every round, its step count advanced by the most
 * steps any partition took, so bias correction and schedules count global steps. Each partition's
 * loss and gradient are the mean over its own part (not the whole minibatch's sum), so with K = 1,
 * plain SGD and equal parts a round equals one exact step; with Adam or K > 1 it does not.
 *
 * @param <W> what a step says about its global minibatch
 */
public final class SparkLocalSgd<W> implements AutoCloseable {
  private final JavaSparkContext spark;
  private final JavaRDD<Shard<W>> shards;
  private final RnnModel model;
  private final ModelRecipe recipe;
  private final TrainConfig config;
  private final Optimizer optimizer; // the driver's copy: holds the averaged state (for checkpoints)
  private final String run = UUID.randomUUID().toString();
  private float[][][] states;
  private final StepTraffic traffic = new StepTraffic("round");

  /**
   * Local SGD of {@code model} (the driver's copy, updated in place after each round) with {@code
   * optimizer} (the driver's, which gets the averaged state after each round).
   */
  public SparkLocalSgd(JavaSparkContext spark, JavaRDD<Shard<W>> shards, RnnModel model, TrainConfig config,
      Optimizer optimizer) {
    this.spark = spark;
    this.shards = shards;
    this.model = model;
    this.recipe = new ModelRecipe(model);
    this.config = config;
    this.optimizer = optimizer;
  }

  /**
   * One round from global step {@code step} (the updates done so far) with the driver's {@code
   * schedule} (as the last validation left it):
   * the global minibatches {@code works} (K of them), each partition stepping on its part of each,
   * then the average. {@code carried}: each partition's carried recurrent state (null: the initial
   * state). Returns the mean of the partitions' mean step losses.
   */
  public double round(long step, Schedule schedule, List<W> works, float[][][] carried) {
    long start = System.nanoTime();
    Rng dropout = model.trainingRng();
    OptimizerState os = optimizer.exportState();
    Broadcast<RoundMessage<W>> message = spark.broadcast(new RoundMessage<>(run, model.parameters().values().clone(),
        new LinkedHashMap<>(os.buffers()), os.step(), step, config.toJson(), schedule.toJson(), new ArrayList<>(works),
        dropout != null ? dropout.nextLong() : 0, carried));
    List<RoundResult> results;
    try {
      results = shards.mapPartitionsWithIndex(new PartitionRound<>(message, recipe), true).collect();
    } finally {
      message.destroy();
    }
    float[] values = model.parameters().values();
    double[] sum = new double[values.length];
    Map<String, double[]> buffers = new LinkedHashMap<>();
    int contributing = 0, mostSteps = 0;
    double loss = 0;
    states = new float[results.size()][][];
    for (int p = 0; p < results.size(); p++) { // partition order: the average is the same every run
      RoundResult r = results.get(p);
      states[p] = r.finalStates();
      if (r.values() == null) {
        continue;
      }
      contributing++;
      mostSteps = Math.max(mostSteps, r.steps());
      loss += r.lossSum() / r.steps();
      PartitionResult.add(sum, r.values());
      r.buffers().forEach((name, b) -> PartitionResult.add(buffers.computeIfAbsent(name, n -> new double[b.length]), b));
    }
    if (contributing == 0) {
      throw new IllegalStateException("local SGD: expected data in at least one partition for the round, found none");
    }
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) (sum[i] / contributing);
    }
    Map<String, float[]> averaged = new LinkedHashMap<>();
    for (Map.Entry<String, double[]> b : buffers.entrySet()) {
      float[] mean = new float[b.getValue().length];
      for (int i = 0; i < mean.length; i++) {
        mean[i] = (float) (b.getValue()[i] / contributing);
      }
      averaged.put(b.getKey(), mean);
    }
    optimizer.importState(new OptimizerState(os.step() + mostSteps, averaged));
    long bytes = 4L * values.length * (1 + averaged.size());
    traffic.add(bytes, bytes * contributing, (System.nanoTime() - start) / 1e9);
    return loss / contributing;
  }

  /** Each partition's carried state after the last round (null for a partition without data). */
  public float[][][] lastStates() { return states; }

  /** Bytes moved and seconds per round (one round is K steps). */
  public StepTraffic traffic() { return traffic; }

  @Override
  public void close() {
    Replicas.release("local:" + run);
  }
}
