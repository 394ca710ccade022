package org.rnn4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The part of a file one partition reads (Spark's split: a file and its first byte). Spark packs
 * splits into partitions largest first, not in file order, so a table's rows are numbered by their
 * splits laid end to end in file order (file name, then first byte) and their place in the split:
 * a job counts each split's items, {@link #firstNumbers} gives each split's first number, a second
 * job numbers the items. The rows carry their split as the two columns {@link #columns} adds.
 */
record FileSplit(int partition, String file, long start) implements Serializable {
  /** The file path and the split's first byte, to select after a file source's own columns. */
  static List<Column> columns() {
    return List.of(functions.col("_metadata.file_path"), functions.col("_metadata.file_block_start"));
  }

  /** The split of a row of partition p whose {@link #columns} are at {@code at} and {@code at + 1}. */
  static FileSplit of(int partition, Row r, int at) {
    return new FileSplit(partition, r.getString(at), r.getLong(at + 1));
  }

  /** Whether a row of the same partition belongs to this split. */
  boolean holds(Row r, int at) {
    return file.equals(r.getString(at)) && start == r.getLong(at + 1);
  }

  /** The first number of each split's items, given their counts: the splits laid end to end in file order. */
  static Map<FileSplit, Long> firstNumbers(Map<FileSplit, Long> counts) {
    List<FileSplit> ordered = new ArrayList<>(counts.keySet());
    ordered.sort(Comparator.comparing(FileSplit::file).thenComparingLong(FileSplit::start));
    Map<FileSplit, Long> first = new HashMap<>();
    long n = 0;
    for (FileSplit s : ordered) {
      first.put(s, n);
      n += counts.get(s);
    }
    return first;
  }
}
