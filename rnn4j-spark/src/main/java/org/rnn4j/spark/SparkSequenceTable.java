package org.rnn4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.rnn4j.classify.FeatureEncoding;
import org.rnn4j.classify.LabeledSequences;
import org.rnn4j.classify.Labels;
import org.rnn4j.classify.Sequence;
import scala.Tuple2;

/**
 * Labelled sequences in a table that Spark reads on the executors (CSV with a header row, or
 * Parquet; a file or a directory of part files, any Hadoop path) for a sequence classifier,
 * grouped, split and normalised as {@code rnn train --classify FILE.csv} does ({@code
 * SequenceCsv}, {@code ClassifyData.fromCsv}): consecutive rows with the same id form one
 * sequence, one row a step, its class the label column (the same on all its rows), the features
 * numbers with no gaps. The table is never collected on the driver:
 *
 * <ol>
 *   <li>one job checks every cell and counts each split's runs of rows with one id ({@link
 *       FileSplit}); the driver lays the splits end to end in file order and plans where every
 *       sequence goes: its class, whether it validates (the stratified draw), its training or
 *       validation number ({@link SequencePlan});
 *   <li>the rows are tagged (sequence key, step) and cached; jobs sum the training steps' features
 *       (the normalisation: per-partition double sums added in partition order) and look for an id
 *       that comes back after other ids; a shuffle brings each training sequence's steps into the
 *       partition of its contiguous range, the validation ones are collected on the driver.
 * </ol>
 *
 * @param labels the classes, from the whole table
 * @param encoding the features' normalisation, measured on the training sequences' steps
 * @param train the training sequences in partitions, rows x (T, F), y (1) the class, their lengths
 * @param validation the validation sequences, in file order
 * @param classCounts the sequences of each class, both parts together
 * @param shortest the fewest steps of a sequence
 * @param longest the most steps of a sequence
 * @param steps the rows of the table (every sequence's steps)
 */
public record SparkSequenceTable(Labels labels, FeatureEncoding encoding, SparkSequences train, LabeledSequences validation,
    int[] classCounts, int shortest, int longest, long steps) implements SparkClassifierData {

  /**
   * One row tagged with its sequence's key (training number ≥ 0, or −1 − validation number) and
   * its step in the sequence; the id on a sequence's first step only.
   */
  private record Step(long step, int label, String id, float[] values) implements Serializable {}

  /**
   * Reads the table at {@code path} (CSV by {@code SparkSeries.isCsv}, with {@code delimiter}),
   * grouped by {@code idColumn}, classes in {@code labelColumn}, the {@code features} columns (none:
   * every column but those two); splits it (seeded, stratified: {@code valFraction} of each class
   * validates); the training sequences in {@code partitions}. Bad input is an error naming the
   * file, the column and what was expected.
   */
  public static SparkSequenceTable read(SparkSession session, String path, String idColumn, String labelColumn,
      List<String> features, char delimiter, double valFraction, long seed, int partitions) {
    Dataset<Row> table = SparkSeries.isCsv(path)
        ? session.read().option("header", true).option("sep", String.valueOf(delimiter)).csv(path)
        : session.read().parquet(path);
    List<String> names = featureColumns(path, List.of(table.columns()), idColumn, labelColumn, features);
    List<Column> columns = new ArrayList<>(List.of(functions.col("`" + idColumn + "`"), functions.col("`" + labelColumn + "`")));
    for (String f : names) {
      columns.add(functions.col("`" + f + "`"));
    }
    columns.addAll(FileSplit.columns());
    JavaRDD<Row> rows = table.select(columns.toArray(Column[]::new)).javaRDD();
    SequencePlan plan = SequencePlan.of(rows, path, names, labelColumn, valFraction, seed);
    Labels labels = plan.labels();
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(session.sparkContext());
    Broadcast<boolean[][]> validates = sc.broadcast(plan.validates());
    Map<FileSplit, SequencePlan.Start> starts = plan.starts();
    List<String> classNames = labels.names();
    JavaPairRDD<Long, Step> tagged = JavaPairRDD.fromJavaRDD(rows.mapPartitionsWithIndex((p, it) -> tag(p, it, names, classNames,
        starts, validates.value()), true)).persist(StorageLevel.MEMORY_ONLY());
    try {
      requireConsecutive(path, tagged);
      FeatureEncoding encoding = normalisation(tagged, idColumn, names);
      // Cached while three jobs read it (the lengths, the rows per partition, the shards), then the shards hold it.
      JavaRDD<SequenceRow> training = trainingRows(tagged, encoding, plan.training(), partitions)
          .persist(StorageLevel.MEMORY_AND_DISK());
      int[] lengths;
      SparkSequences train;
      try {
        lengths = lengths(training);
        train = SparkSequences.of(training, new int[] {lengths[1], names.size()}, new int[] {1}, true);
      } finally {
        training.unpersist(false);
      }
      try {
        LabeledSequences held = validationSequences(tagged, encoding, labels.size());
        for (Sequence s : held.sequences()) {
          lengths[0] = Math.min(lengths[0], s.steps());
          lengths[1] = Math.max(lengths[1], s.steps());
        }
        return new SparkSequenceTable(labels, encoding, train, held, plan.classCounts(), lengths[0], lengths[1], plan.steps());
      } catch (RuntimeException e) {
        train.close(); // its cached shards
        throw e;
      }
    } finally {
      tagged.unpersist(false);
      validates.unpersist(false); // not destroyed: a lost shard is rebuilt from a lineage that reads it
    }
  }

  /** The features to read: those named, or every column but the id and the label; each named column must exist. */
  private static List<String> featureColumns(String path, List<String> found, String idColumn, String labelColumn,
      List<String> features) {
    requireColumn(path, found, idColumn, "--id");
    requireColumn(path, found, labelColumn, "--label");
    List<String> names = new ArrayList<>(features);
    if (names.isEmpty()) {
      found.stream().filter(h -> !h.equals(idColumn) && !h.equals(labelColumn)).forEach(names::add);
    }
    if (names.isEmpty()) {
      throw new IllegalArgumentException(path + ": expected at least one feature column besides '" + idColumn + "' and '"
          + labelColumn + "', found columns " + String.join(", ", found));
    }
    for (String feature : features) {
      requireColumn(path, found, feature, "--features");
    }
    return List.copyOf(names);
  }

  private static void requireColumn(String path, List<String> found, String column, String option) {
    if (!found.contains(column)) {
      throw new IllegalArgumentException(path + ": expected a column '" + column + "' (" + option + "), found columns "
          + String.join(", ", found));
    }
  }

  /** The second pass over the rows: each row tagged (sequence key, step). */
  private static Iterator<Tuple2<Long, Step>> tag(int partition, Iterator<Row> it, List<String> names, List<String> classes,
      Map<FileSplit, SequencePlan.Start> starts, boolean[][] validates) {
    List<Tuple2<Long, Step>> out = new ArrayList<>();
    int features = names.size(), at = SequencePlan.FEATURES + features;
    FileSplit.forEachSplit(partition, it, at, (split, rows) -> {
      SequencePlan.Start start = starts.get(split);
      long[] rank = start.firstRank().clone();
      long training = start.firstTraining(), held = start.firstHeld(), key = start.continuedKey(), step = start.continuedSteps();
      String id = null;
      for (boolean first = true; rows.hasNext(); first = false) {
        Row r = rows.next();
        String rowId = SequencePlan.text(r, SequencePlan.ID);
        int c = classes.indexOf(SequencePlan.text(r, SequencePlan.LABEL));
        boolean opens = first ? !start.continues() : !rowId.equals(id); // a sequence
        if (opens) {
          key = validates[c][(int) rank[c]++] ? -1 - held++ : training++;
          step = 0;
        }
        float[] v = new float[features];
        for (int j = 0; j < features; j++) {
          v[j] = SequencePlan.value(r, SequencePlan.FEATURES + j, names, split.file());
        }
        out.add(new Tuple2<>(key, new Step(step++, c, opens ? rowId : null, v)));
        id = rowId;
      }
    });
    return out.iterator();
  }

  /** An id on two sequences (its rows not consecutive) is an error naming the first such id in string order. */
  private static void requireConsecutive(String path, JavaPairRDD<Long, Step> tagged) {
    List<String> twice = SparkSeries.unwrap(() -> tagged.filter(e -> e._2().id() != null)
        .mapToPair(e -> new Tuple2<>(e._2().id(), 1)).reduceByKey(Integer::sum).filter(e -> e._2() > 1).keys().takeOrdered(1));
    if (!twice.isEmpty()) {
      throw new IllegalArgumentException(path + ": expected the rows of sequence '" + twice.get(0) + "' to be consecutive, "
          + "found it again after other sequences");
    }
  }

  /** {@code FeatureEncoding.fit} of the training steps: per-partition sums and sums of squares, added in partition order. */
  private static FeatureEncoding normalisation(JavaPairRDD<Long, Step> tagged, String idColumn, List<String> names) {
    int f = names.size();
    List<double[]> parts = tagged.mapPartitions(it -> {
      double[] s = new double[2 * f + 1]; // Σ v, Σ v², steps
      while (it.hasNext()) {
        Tuple2<Long, Step> e = it.next();
        if (e._1() >= 0) {
          float[] v = e._2().values();
          for (int j = 0; j < f; j++) {
            s[j] += v[j];
            s[f + j] += (double) v[j] * v[j];
          }
          s[2 * f]++;
        }
      }
      return List.of(s).iterator();
    }).collect();
    double[] total = new double[2 * f + 1];
    for (double[] p : parts) {
      for (int j = 0; j < total.length; j++) {
        total[j] += p[j];
      }
    }
    return FeatureEncoding.fromSums(idColumn, names, Arrays.copyOfRange(total, 0, f),
        Arrays.copyOfRange(total, f, 2 * f), (long) total[2 * f]);
  }

  /** The training sequences (keys 0 … n−1), encoded, in {@code partitions} contiguous ranges in order. */
  private static JavaRDD<SequenceRow> trainingRows(JavaPairRDD<Long, Step> tagged, FeatureEncoding encoding, long n,
      int partitions) {
    String idColumn = encoding.idColumn();
    List<String> features = encoding.features();
    float[] mean = encoding.mean(), std = encoding.std();
    return tagged.filter(e -> e._1() >= 0).mapToPair(e -> new Tuple2<>(SparkSeries.owner(e._1(), n, partitions), e))
        .partitionBy(new HashPartitioner(partitions)).values().mapPartitions(it -> {
          List<Tuple2<Long, Step>> mine = new ArrayList<>();
          it.forEachRemaining(mine::add);
          mine.sort(IN_ORDER);
          List<SequenceRow> out = new ArrayList<>();
          for (Tuple2<Integer, Sequence> s : sequences(mine, new FeatureEncoding(idColumn, features, mean, std))) {
            float[] x = s._2().values();
            out.add(new SequenceRow(x, new float[] {s._1()}, s._2().steps()));
          }
          return out.iterator();
        }, true);
  }

  /** Tagged steps by key, then step. */
  private static final Comparator<Tuple2<Long, Step>> IN_ORDER = (a, b) -> a._1().equals(b._1())
      ? Long.compare(a._2().step(), b._2().step())
      : Long.compare(a._1(), b._1());

  /** Steps sorted by key and step as (class, encoded sequence), one per key in that order. */
  private static List<Tuple2<Integer, Sequence>> sequences(List<Tuple2<Long, Step>> sorted, FeatureEncoding encoding) {
    List<Tuple2<Integer, Sequence>> out = new ArrayList<>();
    for (int from = 0, to; from < sorted.size(); from = to) {
      long key = sorted.get(from)._1();
      for (to = from + 1; to < sorted.size() && sorted.get(to)._1() == key; to++) {
        // finds the sequence's end
      }
      float[][] rows = new float[to - from][];
      for (int t = from; t < to; t++) {
        rows[t - from] = sorted.get(t)._2().values();
      }
      out.add(new Tuple2<>(sorted.get(from)._2().label(), encoding.encode(rows)));
    }
    return out;
  }

  /** The fewest and the most steps of the training sequences (one job over their partitions). */
  private static int[] lengths(JavaRDD<SequenceRow> training) {
    List<int[]> parts = training.mapPartitions(it -> {
      int[] m = {Integer.MAX_VALUE, 0};
      it.forEachRemaining(r -> {
        m[0] = Math.min(m[0], r.length());
        m[1] = Math.max(m[1], r.length());
      });
      return List.of(m).iterator();
    }).collect();
    int[] m = {Integer.MAX_VALUE, 0};
    for (int[] p : parts) {
      m[0] = Math.min(m[0], p[0]);
      m[1] = Math.max(m[1], p[1]);
    }
    return m;
  }

  /** The validation sequences (keys −1, −2, …), collected on the driver in file order. */
  private static LabeledSequences validationSequences(JavaPairRDD<Long, Step> tagged, FeatureEncoding encoding, int classes) {
    List<Tuple2<Long, Step>> held = new ArrayList<>(tagged.filter(e -> e._1() < 0).collect());
    held.sort(Comparator.comparingLong((Tuple2<Long, Step> e) -> -e._1()).thenComparingLong(e -> e._2().step()));
    List<Tuple2<Integer, Sequence>> grouped = sequences(held, encoding);
    int[] y = new int[grouped.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = grouped.get(i)._1();
    }
    return new LabeledSequences(grouped.stream().map(Tuple2::_2).toList(), y, classes);
  }

  /** The number of sequences, both parts together. */
  public long sequences() {
    return Arrays.stream(classCounts).asLongStream().sum();
  }

  @Override
  public void close() {
    train.close();
  }
}
