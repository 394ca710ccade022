package org.rnn4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.rnn4j.csv.MissingValues;
import org.rnn4j.data.Example;
import org.rnn4j.data.NumericTable;
import org.rnn4j.data.SeriesSpec;
import org.rnn4j.data.SeriesWindows;
import scala.Tuple2;

/**
 * One time series in a table that Spark reads on the executors (CSV with a header row, or Parquet;
 * a file or a directory of part files, any Hadoop path), for a forecaster: the rows numbered in
 * file order, the normalisation measured on the training part and the training windows built in
 * partitions, without the table ever being collected on the driver (only its validation tail is).
 *
 * <p>File order: the rows are numbered as {@link FileSplit} says (one job counts the rows of every
 * split, the driver lays the splits end to end, a second job numbers the rows, cached). The windows are what {@code SeriesWindows.training} makes of the
 * whole table, window s being row s's: each partition gets a contiguous range of windows and the
 * W + H − 1 rows after its range (a shuffle). Missing cells: {@code --missing error}, {@code drop},
 * or filled as {@code rnn train} fills them ({@code previous}, {@code interpolate}; the rows around a
 * gap may lie in other partitions, see {@link SeriesGaps}).
 */
public final class SparkSeries implements AutoCloseable {
  private final JavaPairRDD<Long, float[]> rows; // (row number, the features' values), cached
  private final String source;
  private final List<String> features;
  private final long size;
  private final long missingCells;
  private final long droppedRows;

  private SparkSeries(JavaPairRDD<Long, float[]> rows, String source, List<String> features, long size, long missingCells,
      long droppedRows) {
    this.rows = rows;
    this.source = source;
    this.features = features;
    this.size = size;
    this.missingCells = missingCells;
    this.droppedRows = droppedRows;
  }

  /** A split's rows as the first job counts them; where each column's values begin and end when gaps are filled (else null). */
  private record Split(FileSplit split, long rows, long missingCells, long droppedRows, SeriesGaps.ColumnEnds[] ends)
      implements Serializable {}

  /** Whether {@code path} is read as CSV (its name ends in .csv or .tsv), else as Parquet. */
  public static boolean isCsv(String path) {
    String p = path.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
    return p.endsWith(".csv") || p.endsWith(".tsv");
  }

  /**
   * The {@code features} columns of the table at {@code path} (CSV by {@link #isCsv}, with {@code
   * delimiter}), as numbers: a CSV cell as {@code rnn train}'s reader reads it, a Parquet cell any
   * number type. Missing cells (null, empty, NA, NaN, ...) are an error naming the file and column
   * under {@code MissingValues.ERROR}, drop their row under {@code DROP}, or are filled under {@code
   * PREVIOUS} and {@code INTERPOLATE} with the values {@code rnn train} gives them (a gap the policy
   * cannot fill is an error naming the file and column, as there).
   */
  public static SparkSeries read(SparkSession session, String path, List<String> features, char delimiter,
      MissingValues missing) {
    Dataset<Row> table = isCsv(path)
        ? session.read().option("header", true).option("sep", String.valueOf(delimiter)).csv(path)
        : session.read().parquet(path);
    List<String> found = List.of(table.columns());
    for (String f : features) {
      if (!found.contains(f)) {
        throw new IllegalArgumentException(path + ": expected a column '" + f + "', found columns " + String.join(", ", found));
      }
    }
    List<Column> columns = new ArrayList<>();
    for (String f : features) {
      columns.add(functions.col("`" + f + "`"));
    }
    columns.addAll(FileSplit.columns());
    JavaRDD<Row> selected = table.select(columns.toArray(Column[]::new)).javaRDD();
    List<String> names = List.copyOf(features);
    List<Split> splits = unwrap(() -> selected.mapPartitionsWithIndex((p, it) -> count(p, it, names, missing), false)
        .collect());
    Map<FileSplit, Long> counts = new HashMap<>();
    Map<FileSplit, SeriesGaps.ColumnEnds[]> ends = new HashMap<>();
    long total = 0, missingCells = 0, dropped = 0;
    for (Split s : splits) {
      counts.put(s.split(), s.rows());
      ends.put(s.split(), s.ends());
      total += s.rows();
      missingCells += s.missingCells();
      dropped += s.droppedRows();
    }
    Map<FileSplit, Long> firstRow = FileSplit.firstNumbers(counts);
    Map<FileSplit, SeriesGaps.Carry> carries = SeriesGaps.fills(missing) && missingCells > 0
        ? SeriesGaps.carries(missing, names, ends, firstRow, counts) : null;
    JavaPairRDD<Long, float[]> numbered = JavaPairRDD.fromJavaRDD(selected.mapPartitionsWithIndex(
        (p, it) -> number(p, it, names, missing, firstRow, carries), true)).persist(StorageLevel.MEMORY_ONLY());
    return new SparkSeries(numbered, path, names, total, missingCells, dropped);
  }

  private static Iterator<Split> count(int partition, Iterator<Row> it, List<String> names, MissingValues missing) {
    List<Split> out = new ArrayList<>();
    int nf = names.size();
    boolean drop = missing == MissingValues.DROP, fills = SeriesGaps.fills(missing);
    FileSplit.forEachSplit(partition, it, nf, (split, rows) -> {
      long kept = 0, missingCells = 0, dropped = 0;
      SeriesGaps.Ends ends = fills ? new SeriesGaps.Ends(nf) : null;
      while (rows.hasNext()) {
        Row r = rows.next();
        int gaps = gaps(r, names, missing);
        float[] v = values(r, names, split.file()); // every cell is checked here, in the first job, as rnn train checks it
        if (fills) {
          ends.add(kept, v);
        }
        missingCells += gaps;
        boolean dropRow = drop && gaps > 0;
        dropped += dropRow ? 1 : 0;
        kept += dropRow ? 0 : 1;
      }
      out.add(new Split(split, kept, missingCells, dropped, fills ? ends.done() : null));
    });
    return out.iterator();
  }

  /** The rows of a partition numbered, dropped ({@code DROP}) or their gaps filled with the {@code carries} of their splits. */
  private static Iterator<Tuple2<Long, float[]>> number(int partition, Iterator<Row> it, List<String> names,
      MissingValues missing, Map<FileSplit, Long> firstRow, Map<FileSplit, SeriesGaps.Carry> carries) {
    List<Tuple2<Long, float[]>> out = new ArrayList<>();
    int nf = names.size();
    FileSplit.forEachSplit(partition, it, nf, (split, rows) -> {
      long next = firstRow.get(split);
      int from = out.size();
      while (rows.hasNext()) {
        Row r = rows.next();
        if (missing == MissingValues.DROP && gaps(r, names, missing) > 0) {
          continue;
        }
        out.add(new Tuple2<>(next++, values(r, names, split.file())));
      }
      if (carries != null) {
        SeriesGaps.fill(missing, carries.get(split), out.subList(from, out.size()));
      }
    });
    return out.iterator();
  }

  /** The missing cells of a row; one is an error under {@code MissingValues.ERROR}. */
  private static int gaps(Row r, List<String> names, MissingValues missing) {
    int gaps = 0;
    for (int i = 0; i < names.size(); i++) {
      Object cell = r.get(i);
      if (Cells.isMissing(cell)) {
        if (missing == MissingValues.ERROR) {
          throw new IllegalArgumentException(r.getString(names.size()) + ", column '" + names.get(i) + "': expected a number,"
              + " found " + Cells.missingFound(cell) + MissingValues.ERROR_HINT);
        }
        gaps++;
      }
    }
    return gaps;
  }

  /** A row's cells as finite floats, NaN where a cell is missing. */
  private static float[] values(Row r, List<String> names, String file) {
    float[] v = new float[names.size()];
    for (int i = 0; i < v.length; i++) {
      Object cell = r.get(i);
      v[i] = Cells.isMissing(cell) ? Float.NaN : Cells.finite(cell, file + ", column '" + names.get(i) + "': ");
    }
    return v;
  }

  /**
   * The spec {@code SeriesSpec.fit} gives the whole table: each feature's mean and std over the
   * training rows (all but the last fifth), two jobs of per-partition double sums added on the
   * driver in partition order (so equal to the one-process figures up to the rounding of that
   * order, which the float result hides but for a last-bit tie).
   */
  public SeriesSpec fit(List<String> forecast, int horizon, int window) {
    SeriesSpec.requireRows(source, size, window, horizon);
    if (size > Integer.MAX_VALUE) { // SeriesSpec numbers rows and windows with int, as rnn train does
      throw new IllegalArgumentException(source + ": expected at most " + Integer.MAX_VALUE + " data rows, found " + size);
    }
    int nf = features.size();
    long train = SeriesSpec.validationStart((int) size);
    double[] sum = sum(rows, train, null, nf);
    double[] mean = new double[nf];
    for (int f = 0; f < nf; f++) {
      mean[f] = sum[f] / train;
    }
    double[] squares = sum(rows, train, mean, nf);
    float[] m = new float[nf], s = new float[nf];
    for (int f = 0; f < nf; f++) {
      m[f] = (float) mean[f];
      s[f] = SeriesSpec.std(squares[f], train);
    }
    return new SeriesSpec(features, forecast.size(), horizon, window, m, s);
  }

  /** Σ v (mean null) or Σ (v − mean)² of every feature over the rows before {@code end}, partition by partition. */
  private static double[] sum(JavaPairRDD<Long, float[]> rows, long end, double[] mean, int nf) {
    List<double[]> parts = rows.mapPartitions(it -> {
      double[] s = new double[nf];
      while (it.hasNext()) {
        Tuple2<Long, float[]> r = it.next();
        if (r._1() < end) {
          for (int f = 0; f < nf; f++) {
            s[f] += mean == null ? r._2()[f] : (r._2()[f] - mean[f]) * (r._2()[f] - mean[f]);
          }
        }
      }
      return List.of(s).iterator();
    }).collect();
    double[] total = new double[nf];
    for (double[] p : parts) {
      for (int f = 0; f < nf; f++) {
        total[f] += p[f];
      }
    }
    return total;
  }

  /**
   * The training windows of {@code spec} ({@code SeriesWindows.training}'s, window s at global index
   * s) in {@code partitions} contiguous ranges, cached as sequence rows x (W, F), y (W, K).
   */
  public SparkSequences windows(SeriesSpec spec, int partitions) {
    long n = SeriesWindows.trainingWindows(spec, size);
    int reach = spec.window() + spec.horizon() - 1; // the rows after a window's first that it reads
    Map<String, String> meta = new HashMap<>(spec.toMetadata()); // the spec travels as its metadata
    JavaRDD<SequenceRow> windows = rows.flatMapToPair(r -> {
      List<Tuple2<Integer, Tuple2<Long, float[]>>> to = new ArrayList<>();
      long row = r._1(), lo = Math.max(0, row - reach), hi = Math.min(row, n - 1);
      for (int q = lo > hi ? partitions : owner(lo, n, partitions); q < partitions && first(q, n, partitions) <= hi; q++) {
        to.add(new Tuple2<>(q, r));
      }
      return to.iterator();
    }).partitionBy(new HashPartitioner(partitions)).values().mapPartitionsWithIndex((q, it) -> {
      List<Tuple2<Long, float[]>> mine = new ArrayList<>();
      it.forEachRemaining(mine::add);
      mine.sort(Comparator.comparingLong(Tuple2::_1));
      long from = first(q, n, partitions), to = first(q + 1, n, partitions);
      List<SequenceRow> out = new ArrayList<>();
      if (from < to) {
        SeriesSpec s = SeriesSpec.fromMetadata(meta, "series");
        float[] x = s.inputs(table("partition " + q, s.features(), mine));
        for (long w = from; w < to; w++) {
          Example e = SeriesWindows.window(s, x, (int) (w - from));
          out.add(new SequenceRow(e.x().data(), e.y().data(), 0));
        }
      }
      return out.iterator();
    }, true);
    int nf = spec.features().size();
    return SparkSequences.of(windows, new int[] {spec.window(), nf}, new int[] {spec.window(), spec.outputs()}, false);
  }

  /** The first window of partition q of n windows in {@code parts} contiguous ranges. */
  static long first(int q, long n, int parts) {
    return n * q / parts;
  }

  /** The partition whose range holds window s. */
  static int owner(long s, long n, int parts) {
    int q = (int) Math.min(parts - 1, s * parts / n);
    while (first(q, n, parts) > s) {
      q--;
    }
    while (first(q + 1, n, parts) <= s) {
      q++;
    }
    return q;
  }

  /**
   * The rows {@code SeriesWindows.validate} reads (the validation part and the W + H − 1 rows
   * before it), collected on the driver: at most the last fifth of the table plus a window.
   * {@link #tailStart} is the first one's row number.
   */
  public NumericTable validationTail(SeriesSpec spec) {
    long from = tailStart(spec);
    List<Tuple2<Long, float[]>> tail = new ArrayList<>(rows.filter(r -> r._1() >= from).collect());
    tail.sort(Comparator.comparingLong(Tuple2::_1));
    return table(source, features, tail);
  }

  /** The row number of the validation tail's first row. */
  public long tailStart(SeriesSpec spec) {
    return SeriesSpec.validationStart((int) size) - spec.window() - spec.horizon() + 1;
  }

  private static NumericTable table(String source, List<String> names, List<Tuple2<Long, float[]>> rows) {
    float[][] columns = new float[names.size()][rows.size()];
    for (int r = 0; r < rows.size(); r++) {
      for (int f = 0; f < names.size(); f++) {
        columns[f][r] = rows.get(r)._2()[f];
      }
    }
    return NumericTable.of(source, names, columns);
  }

  /** Runs a Spark job; a bad cell found by a task is reported as the task reported it (one line, exit code 2). */
  static <T> T unwrap(java.util.function.Supplier<T> job) {
    try {
      return job.get();
    } catch (Exception e) { // a failed job is a SparkException, which Java does not see declared
      IllegalArgumentException bad = RnnSpark.badInput(e);
      if (bad != null) {
        throw bad;
      }
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
    }
  }

  /** The rows read (after dropping). */
  public long size() { return size; }
  public long missingCells() { return missingCells; }
  public long droppedRows() { return droppedRows; }

  @Override
  public void close() {
    rows.unpersist(false);
  }
}
