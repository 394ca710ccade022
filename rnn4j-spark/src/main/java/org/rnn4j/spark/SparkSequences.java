package org.rnn4j.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.rnn4j.data.ArrayDataset;
import org.rnn4j.data.Batching;
import org.rnn4j.math.Rng;
import org.rnn4j.model.Mapping;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.train.Batches;

/**
 * A sequence data set spread over a Spark cluster: N labelled sequences in a fixed global order,
 * each partition holding a contiguous range of it in executor memory ({@link RowShard}s, cached;
 * a lost one is rebuilt from its source). The driver knows only N and the shapes. Its {@link
 * #batches} draw the permutation {@code ArrayDataset.batches} draws from the same generator, so a
 * distributed run trains on exactly the minibatches a one-process run trains on.
 */
public final class SparkSequences implements AutoCloseable {
  private final JavaRDD<Shard<RowBatch>> shards;
  private final int size;
  private final int[] xShape;
  private final int[] yShape;
  private final boolean lengths;

  private SparkSequences(JavaRDD<Shard<RowBatch>> shards, int size, int[] xShape, int[] yShape, boolean lengths) {
    this.shards = shards;
    this.size = size;
    this.xShape = xShape;
    this.yShape = yShape;
    this.lengths = lengths;
  }

  /**
   * The rows of {@code rows} in their order (partition by partition), one shard per partition.
   * {@code xShape} and {@code yShape} are one row's shapes, (S, ...); {@code lengths}: whether
   * the rows' lengths mean something. Two small jobs: the rows per partition, then the shards, cached.
   */
  public static SparkSequences of(JavaRDD<SequenceRow> rows, int[] xShape, int[] yShape, boolean lengths) {
    List<Integer> counts = rows.mapPartitions(it -> {
      int n = 0;
      for (; it.hasNext(); it.next()) {
        n++;
      }
      return List.of(n).iterator();
    }).collect();
    int[] starts = new int[counts.size()];
    long total = 0;
    for (int p = 0; p < starts.length; p++) {
      starts[p] = (int) total;
      total += counts.get(p);
    }
    if (total == 0 || total > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("sequences: expected between 1 and " + (Integer.MAX_VALUE - 8)
          + " rows, found " + total);
    }
    int[] xs = xShape.clone(), ys = yShape.clone();
    JavaRDD<Shard<RowBatch>> shards = rows.mapPartitionsWithIndex((p, it) -> {
      List<SequenceRow> list = new ArrayList<>();
      it.forEachRemaining(list::add);
      return List.<Shard<RowBatch>>of(new RowShard(starts[p], list, xs, ys, lengths)).iterator();
    }, true).persist(StorageLevel.MEMORY_ONLY());
    shards.count(); // builds and caches them now, so the first training step does not pay for it
    return new SparkSequences(shards, (int) total, xs, ys, lengths);
  }

  /**
   * Arrays in the driver's memory, in {@code ArrayDataset.of}'s layouts (validated the same way),
   * cut into {@code partitions} contiguous parts: for tests and data a driver can hold.
   */
  public static SparkSequences fromArrays(JavaSparkContext spark, Tensor inputs, Tensor targets, Tensor lengths,
      Mapping mapping, String loss, boolean timeMajor, int partitions) {
    ArrayDataset checked = ArrayDataset.of(inputs, targets, lengths, mapping, loss, timeMajor);
    int n = checked.size();
    Tensor x = mapping.vectorInput() ? inputs.reshape(n, 1, inputs.dim(1)) : timeMajor ? batchFirst(inputs) : inputs;
    boolean oneOut = mapping.kind() == Mapping.Kind.MANY_TO_ONE;
    Tensor y = oneOut ? targets.reshape(withOneStep(targets.shape())) : timeMajor ? batchFirst(targets) : targets;
    int xRow = x.size() / n, yRow = y.size() / n;
    List<SequenceRow> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int len = lengths == null ? 0 : (int) lengths.data()[i];
      rows.add(new SequenceRow(Arrays.copyOfRange(x.data(), i * xRow, (i + 1) * xRow),
          Arrays.copyOfRange(y.data(), i * yRow, (i + 1) * yRow), len));
    }
    return fromRows(spark, rows, rowShape(x), rowShape(y), lengths != null, partitions);
  }

  /**
   * Rows in the driver's memory, cut into {@code partitions} contiguous parts. They reach the
   * executors as one broadcast, not inside the partitions (which every task of every step would
   * carry), and stay there to rebuild a lost partition.
   */
  public static SparkSequences fromRows(JavaSparkContext spark, List<SequenceRow> rows, int[] xShape, int[] yShape,
      boolean lengths, int partitions) {
    Broadcast<List<SequenceRow>> all = spark.broadcast(new ArrayList<>(rows));
    int n = rows.size();
    List<Integer> parts = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      parts.add(p);
    }
    JavaRDD<SequenceRow> slices = spark.parallelize(parts, partitions).flatMap(p -> all.value()
        .subList((int) ((long) n * p / partitions), (int) ((long) n * (p + 1) / partitions)).iterator());
    return of(slices, xShape, yShape, lengths);
  }

  /** (N, 1, ...) from (N, ...): a many-to-one target with its single output step. */
  private static int[] withOneStep(int[] shape) {
    int[] s = new int[shape.length + 1];
    s[0] = shape[0];
    s[1] = 1;
    System.arraycopy(shape, 1, s, 2, shape.length - 1);
    return s;
  }

  private static int[] rowShape(Tensor batchFirst) {
    int[] s = batchFirst.shape();
    return Arrays.copyOfRange(s, 1, s.length);
  }

  /** (T, N, ...) → (N, T, ...). */
  private static Tensor batchFirst(Tensor a) {
    int d0 = a.dim(0), d1 = a.dim(1), inner = a.size() / Math.max(1, d0 * d1);
    float[] out = new float[a.size()];
    for (int i = 0; i < d0; i++) {
      for (int j = 0; j < d1; j++) {
        System.arraycopy(a.data(), (i * d1 + j) * inner, out, (j * d0 + i) * inner, inner);
      }
    }
    int[] s = a.shape();
    s[0] = d1;
    s[1] = d0;
    return Tensor.of(out, s);
  }

  /** N, the number of sequences. */
  public int size() { return size; }

  /** The number of partitions (shards). */
  public int partitions() { return shards.getNumPartitions(); }

  /** One row's input shape (S, ...): (T, I), or (1, I) for a one-to-many input vector. */
  public int[] inputShape() { return xShape.clone(); }

  /** One row's target shape (S_out, ...). */
  public int[] targetShape() { return yShape.clone(); }

  public boolean hasLengths() { return lengths; }

  /** The cached partitions, for a {@link DistributedObjective} or {@link SparkLocalSgd} of one's own. */
  public JavaRDD<Shard<RowBatch>> shards() { return shards; }

  /**
   * Each epoch a Fisher–Yates permutation of the N global indices drawn from the trainer's
   * generator, the same walk as {@code ArrayDataset.batches}, cut into minibatches.
   */
  public Batches<RowBatch> batches() {
    return new Batches<>() {
      @Override public int examples() { return size; }
      @Override public List<RowBatch> epoch(int batchSize, Rng shuffle) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
          order[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
          int j = shuffle.nextInt(i + 1);
          int tmp = order[i];
          order[i] = order[j];
          order[j] = tmp;
        }
        List<RowBatch> out = new ArrayList<>();
        for (int from = 0; from < size; from += batchSize) {
          out.add(new RowBatch(Arrays.copyOfRange(order, from, Math.min(size, from + batchSize))));
        }
        return out;
      }
    };
  }

  /**
   * Each epoch the minibatches {@code Batching.batches} cuts from N equal-shape examples with the
   * same generator ({@link Batching#indexBatches}: what {@code rnn train} draws for a
   * forecaster's windows).
   */
  public Batches<RowBatch> exampleBatches() {
    return new Batches<>() {
      @Override public int examples() { return size; }
      @Override public List<RowBatch> epoch(int batchSize, Rng shuffle) {
        List<RowBatch> out = new ArrayList<>();
        for (int[] rows : Batching.indexBatches(size, batchSize, shuffle)) {
          out.add(new RowBatch(rows));
        }
        return out;
      }
    };
  }

  /** Drops the cached shards. */
  @Override
  public void close() {
    shards.unpersist(false);
  }
}
