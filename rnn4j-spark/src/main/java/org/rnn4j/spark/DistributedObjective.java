package org.rnn4j.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.rnn4j.math.Rng;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.model.Trainable;
import org.rnn4j.tensor.Parameters;
import scala.Tuple2;

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
  /**
   * The reduction tree's fan-in ({@link #gather}): a Spark property of the driver thread ({@code
   * JavaSparkContext.setLocalProperty}) or of the configuration ({@code --conf}); 0 or absent: every
   * partition's gradient goes to the driver.
   */
  public static final String REDUCE_FAN_IN = "spark.rnn4j.reduceFanIn";

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
  private final int fanIn;

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
    this.fanIn = reduceFanIn(spark);
  }

  /** {@link #REDUCE_FAN_IN} as the driver thread sees it. */
  static int reduceFanIn(JavaSparkContext spark) {
    String v = spark.getLocalProperty(REDUCE_FAN_IN);
    return parseFanIn(v != null ? v : spark.getConf().get(REDUCE_FAN_IN, "0"));
  }

  /** A fan-in of the reduction tree: 0 (no tree) or at least 2. */
  public static int parseFanIn(String v) {
    try {
      int f = Integer.parseInt(v.trim());
      if (f == 0 || f >= 2) {
        return f;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("--reduce-fan-in: expected 0 (no tree) or a fan-in of at least 2, found " + v);
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
      results = gather(shards.mapPartitionsWithIndex(new PartitionStep<>(message, recipe), true), fanIn);
    } finally {
      message.destroy();
    }
    if (sum == null) {
      sum = new double[p.size()];
    }
    java.util.Arrays.fill(sum, 0);
    double loss = 0, weight = 0;
    long positions = 0, resultFloats = 0;
    lastStates = new float[shards.getNumPartitions()][][];
    for (PartitionResult r : results) { // partition order: the sum is the same every run
      loss += r.lossSum();
      weight += r.lossWeight();
      positions += r.positions();
      r.finalStates().forEach((part, states) -> lastStates[part] = states);
      if (r.gradSum() != null) {
        PartitionResult.add(sum, r.gradSum());
        resultFloats += r.gradSum().length;
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

  /**
   * The partitions' results, in partition order, on the driver. With a fan-in F ≥ 2 and more than F
   * partitions, the executors first add them up in a tree: groups of F consecutive results are
   * summed where a shuffle brings them together ({@link PartitionResult#sum}, in partition order),
   * then groups of F of those sums, until at most F sums remain; the driver receives those instead
   * of one gradient per partition. The order of every addition is fixed, so runs stay
   * bit-identical; the result differs from the flat sum by rounding only.
   */
  static List<PartitionResult> gather(JavaRDD<PartitionResult> results, int fanIn) {
    int n = results.getNumPartitions();
    if (fanIn < 2 || n <= fanIn) {
      return results.collect();
    }
    JavaPairRDD<Integer, PartitionResult> level = results.mapPartitionsWithIndex((p, it) -> List.of(new Tuple2<>(p,
        it.next())).iterator(), true).mapToPair(t -> t);
    for (; n > fanIn; n = (n + fanIn - 1) / fanIn) {
      int groups = (n + fanIn - 1) / fanIn;
      level = level.mapToPair(t -> new Tuple2<>(t._1() / fanIn, t)).groupByKey(new HashPartitioner(groups))
          .mapValues(DistributedObjective::inOrder).mapValues(PartitionResult::sum);
    }
    List<Tuple2<Integer, PartitionResult>> sums = new ArrayList<>(level.collect());
    return inOrder(sums);
  }

  /** The results of (index, result) pairs, by index. */
  private static List<PartitionResult> inOrder(Iterable<Tuple2<Integer, PartitionResult>> indexed) {
    List<Tuple2<Integer, PartitionResult>> sorted = new ArrayList<>();
    indexed.forEach(sorted::add);
    sorted.sort(Comparator.comparing(Tuple2::_1));
    List<PartitionResult> out = new ArrayList<>();
    sorted.forEach(t -> out.add(t._2()));
    return out;
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
