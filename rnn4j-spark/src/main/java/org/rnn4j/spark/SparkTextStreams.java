package org.rnn4j.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.rnn4j.data.TextCorpus;
import org.rnn4j.data.Vocabulary;
import scala.Tuple2;

/**
 * A text on a Spark cluster as the character language model trains on it: {@code TextCorpus}'s
 * vocabulary (the distinct code points, ascending) and split (the last tenth validates), and
 * {@code TokenStreams}' B streams over the training part, each partition holding a fixed range of
 * the streams ({@link StreamShard}s, cached). The text is never collected on the driver: one job
 * counts each partition's characters and finds its symbols, a second encodes them and sends each
 * stream's tokens to the partition that owns the stream (a shuffle). Only the validation part the
 * caller asks for comes to the driver.
 */
public final class SparkTextStreams implements AutoCloseable {
  private final JavaRDD<Shard<StreamWindow>> shards;
  private final Vocabulary vocabulary;
  private final int streams;
  private final int length;
  private final long size;
  private final long trainingSize;
  private final int[] firstStream; // per partition, and B at the end
  private final int[] validation;
  private final long[] trainingCounts; // per token id

  private SparkTextStreams(JavaRDD<Shard<StreamWindow>> shards, Vocabulary vocabulary, int streams, int length, long size,
      long trainingSize, int[] firstStream, int[] validation, long[] trainingCounts) {
    this.shards = shards;
    this.vocabulary = vocabulary;
    this.streams = streams;
    this.length = length;
    this.size = size;
    this.trainingSize = trainingSize;
    this.firstStream = firstStream;
    this.validation = validation;
    this.trainingCounts = trainingCounts;
  }

  /**
   * A UTF-8 text file (any Hadoop path: file:, hdfs:, s3a:, ...; a directory or glob reads its
   * files in the order the file system lists them) as streams; see {@link #lines}.
   */
  public static SparkTextStreams fromText(JavaSparkContext spark, String path, int streams, int partitions,
      int validationLimit) {
    return of(lines(spark, path, partitions), path, streams, partitions, validationLimit);
  }

  /**
   * A text file read line by line in at least {@code partitions} splits, each line followed by a
   * newline, so a file that ends with a newline gives exactly its own text; a leading byte-order
   * mark is dropped.
   */
  public static JavaRDD<String> lines(JavaSparkContext spark, String path, int partitions) {
    return spark.textFile(path, partitions).mapPartitionsWithIndex((p, lines) -> {
      List<String> out = new ArrayList<>();
      lines.forEachRemaining(line -> out.add((out.isEmpty() && p == 0 && line.startsWith("\uFEFF") ? line.substring(1) : line)
          + "\n"));
      return out.iterator();
    }, true);
  }

  /**
   * A text in the driver's memory (e.g. the built-in corpus) as pieces in {@code partitions}
   * partitions: one broadcast, so the partitions (which every task carries) hold no text.
   */
  public static JavaRDD<String> pieces(JavaSparkContext spark, String text, int partitions) {
    Broadcast<String> all = spark.broadcast(text);
    List<Integer> parts = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      parts.add(p);
    }
    return spark.parallelize(parts, partitions).map(p -> {
      String t = all.value();
      return t.substring(boundary(t, p, partitions), boundary(t, p + 1, partitions));
    });
  }

  /** The p-th of {@code parts} cut points of a text, moved forward off the middle of a surrogate pair. */
  private static int boundary(String text, int p, int parts) {
    int at = (int) ((long) text.length() * p / parts);
    return at > 0 && at < text.length() && Character.isLowSurrogate(text.charAt(at)) ? at + 1 : at;
  }

  /**
   * The text that is the concatenation of {@code pieces} in order, cut into {@code streams} streams
   * held by {@code partitions} partitions; the first {@code validationLimit} validation tokens come
   * to the driver ({@link #validation}).
   */
  public static SparkTextStreams of(JavaRDD<String> pieces, String name, int streams, int partitions, int validationLimit) {
    if (streams <= 0 || partitions <= 0) {
      throw new IllegalArgumentException("streams and partitions: expected positive numbers, found " + streams + " and "
          + partitions);
    }
    pieces = pieces.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      List<Tuple2<Long, int[]>> counted = pieces.mapPartitions(it -> {
        long n = 0;
        java.util.BitSet seen = new java.util.BitSet();
        while (it.hasNext()) {
          String s = it.next();
          n += s.codePointCount(0, s.length());
          s.codePoints().forEach(seen::set);
        }
        return List.of(new Tuple2<>(n, seen.stream().toArray())).iterator();
      }).collect();
      long[] offsets = new long[counted.size() + 1];
      java.util.BitSet all = new java.util.BitSet();
      for (int p = 0; p < counted.size(); p++) {
        offsets[p + 1] = offsets[p] + counted.get(p)._1();
        for (int cp : counted.get(p)._2()) {
          all.set(cp);
        }
      }
      long size = offsets[counted.size()];
      if (size == 0) {
        throw new IllegalArgumentException(name + ": expected a non-empty UTF-8 text, found an empty one");
      }
      int[] symbols = all.stream().toArray();
      Vocabulary vocabulary = Vocabulary.of(new String(symbols, 0, symbols.length));
      long trainingSize = size - Math.round(size * TextCorpus.VALIDATION_FRACTION);
      if (trainingSize < streams + 1) {
        throw new IllegalArgumentException("text: expected at least " + (streams + 1) + " characters for " + streams
            + " parallel streams (batch), found " + trainingSize + "; use a smaller --batch or a longer text");
      }
      int length = (int) Math.min(Integer.MAX_VALUE, (trainingSize - 1) / streams);
      int[] firstStream = new int[partitions + 1];
      long[][] ranges = new long[partitions + 1][]; // token ranges [from, to) per stream shard, then the validation part
      for (int q = 0; q <= partitions; q++) {
        firstStream[q] = (int) ((long) streams * q / partitions);
      }
      for (int q = 0; q < partitions; q++) {
        long from = (long) firstStream[q] * length, to = (long) firstStream[q + 1] * length + 1;
        ranges[q] = firstStream[q] == firstStream[q + 1] ? new long[] {0, 0} : new long[] {from, to};
      }
      ranges[partitions] = new long[] {trainingSize, Math.min(size, trainingSize + Math.max(0, validationLimit))};
      JavaPairRDD<Integer, Tuple2<Long, int[]>> chunks = pieces.mapPartitionsWithIndex(
          (p, it) -> chunks(p, it, offsets, symbols, ranges), true).mapToPair(t -> t);
      List<Tuple2<Long, int[]>> validationChunks = chunks.filter(t -> t._1() == partitions).values().collect();
      int[] validation = assemble(validationChunks, ranges[partitions]);
      int n = length;
      JavaRDD<Shard<StreamWindow>> shards = chunks.filter(t -> t._1() < partitions)
          .partitionBy(new ByIndex(partitions))
          .mapPartitionsWithIndex((q, it) -> {
            List<Tuple2<Long, int[]>> mine = new ArrayList<>();
            it.forEachRemaining(t -> mine.add(t._2()));
            int count = firstStream[q + 1] - firstStream[q];
            return List.<Shard<StreamWindow>>of(new StreamShard(q, count, n, assemble(mine, ranges[q]))).iterator();
          }, true).persist(StorageLevel.MEMORY_ONLY());
      shards.count(); // builds and caches them now
      return new SparkTextStreams(shards, vocabulary, streams, length, size, trainingSize, firstStream, validation,
          trainingCounts(pieces, offsets, symbols, trainingSize));
    } finally {
      pieces.unpersist(false);
    }
  }

  /** The parts of one partition's encoded text that fall into each range, keyed by the range's index. */
  private static java.util.Iterator<Tuple2<Integer, Tuple2<Long, int[]>>> chunks(int p, java.util.Iterator<String> it,
      long[] offsets, int[] symbols, long[][] ranges) {
    StringBuilder text = new StringBuilder();
    it.forEachRemaining(text::append);
    int[] tokens = text.codePoints().map(cp -> java.util.Arrays.binarySearch(symbols, cp)).toArray();
    long start = offsets[p], end = start + tokens.length;
    List<Tuple2<Integer, Tuple2<Long, int[]>>> out = new ArrayList<>();
    for (int q = 0; q < ranges.length; q++) {
      long from = Math.max(start, ranges[q][0]), to = Math.min(end, ranges[q][1]);
      if (from < to) {
        out.add(new Tuple2<>(q, new Tuple2<>(from, java.util.Arrays.copyOfRange(tokens, (int) (from - start),
            (int) (to - start)))));
      }
    }
    return out.iterator();
  }

  /** How often each token occurs in the training part: one job, the partitions' counts added on the driver. */
  private static long[] trainingCounts(JavaRDD<String> pieces, long[] offsets, int[] symbols, long trainingSize) {
    List<long[]> parts = pieces.mapPartitionsWithIndex((p, it) -> {
      long[] counts = new long[symbols.length];
      long at = offsets[p];
      while (it.hasNext() && at < trainingSize) {
        java.util.PrimitiveIterator.OfInt codePoints = it.next().codePoints().iterator();
        for (; codePoints.hasNext() && at < trainingSize; at++) {
          counts[java.util.Arrays.binarySearch(symbols, codePoints.nextInt())]++;
        }
      }
      return List.of(counts).iterator();
    }, true).collect();
    long[] counts = new long[symbols.length];
    for (long[] part : parts) {
      for (int i = 0; i < counts.length; i++) {
        counts[i] += part[i];
      }
    }
    return counts;
  }

  /** The chunks of one range, by offset, back to back. */
  private static int[] assemble(List<Tuple2<Long, int[]>> chunks, long[] range) {
    List<Tuple2<Long, int[]>> sorted = new ArrayList<>(chunks);
    sorted.sort(Comparator.comparing(Tuple2::_1));
    int[] out = new int[(int) (range[1] - range[0])];
    for (Tuple2<Long, int[]> c : sorted) {
      System.arraycopy(c._2(), 0, out, (int) (c._1() - range[0]), c._2().length);
    }
    return out;
  }

  /** Sends the key k to partition k. */
  private static final class ByIndex extends Partitioner {
    private final int partitions;

    ByIndex(int partitions) {
      this.partitions = partitions;
    }

    @Override public int numPartitions() { return partitions; }
    @Override public int getPartition(Object key) { return (Integer) key; }
  }

  public Vocabulary vocabulary() { return vocabulary; }
  /** B, the number of parallel streams. */
  public int streams() { return streams; }
  /** n, the input steps of each stream. */
  public int length() { return length; }
  /** Characters in the whole text. */
  public long size() { return size; }
  /** Characters in the training part (the first nine tenths). */
  public long trainingSize() { return trainingSize; }
  /** How often each token (by id) occurs in the training part. */
  public long[] trainingCounts() { return trainingCounts.clone(); }
  /** The first validation tokens, as many as the limit given when reading the text. */
  public int[] validation() { return validation.clone(); }
  public int partitions() { return firstStream.length - 1; }
  /** The first stream of partition q; q = partitions() gives B. */
  int firstStream(int q) { return firstStream[q]; }

  /** Windows of k steps in one pass over the streams (the last may be shorter). */
  public int windows(int k) {
    if (k <= 0) {
      throw new IllegalArgumentException("sequence length: expected a positive number of steps, found " + k);
    }
    return (length + k - 1) / k;
  }

  JavaRDD<Shard<StreamWindow>> shards() { return shards; }

  @Override
  public void close() {
    shards.unpersist(false);
  }
}
