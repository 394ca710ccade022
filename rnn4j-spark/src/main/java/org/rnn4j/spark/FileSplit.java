package org.rnn4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.BiConsumer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The part of a file one partition reads (Spark's split: a file and its first byte). Spark packs
 * splits into partitions largest first, not in file order, so a table's rows are numbered by their
 * splits laid end to end in file order (file name, then first byte) and their place in the split:
 * a job counts each split's items, {@link #firstNumbers} gives each split's first number, a second
 * job numbers the items. The rows carry their split as the two columns {@link #columns} adds, and
 * {@link #forEachSplit} hands a partition's rows to its jobs split by split.
 */
record FileSplit(int partition, String file, long start) implements Serializable {
  /** The file path and the split's first byte, to select after a file source's own columns. */
  static List<Column> columns() {
    return List.of(functions.col("_metadata.file_path"), functions.col("_metadata.file_block_start"));
  }

  /**
   * Walks a partition's rows split by split (a split's rows are contiguous in its partition): calls
   * {@code body} once per split with an iterator over that split's rows, whose {@link #columns}
   * are at {@code at} and {@code at + 1}. Rows {@code body} leaves unread are skipped.
   */
  static void forEachSplit(int partition, Iterator<Row> rows, int at, BiConsumer<FileSplit, Iterator<Row>> body) {
    Row[] next = {rows.hasNext() ? rows.next() : null};
    while (next[0] != null) {
      Row first = next[0];
      FileSplit split = new FileSplit(partition, first.getString(at), first.getLong(at + 1));
      Iterator<Row> ofSplit = new Iterator<>() {
        @Override
        public boolean hasNext() {
          return next[0] != null && split.file.equals(next[0].getString(at)) && split.start == next[0].getLong(at + 1);
        }

        @Override
        public Row next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          Row r = next[0];
          next[0] = rows.hasNext() ? rows.next() : null;
          return r;
        }
      };
      body.accept(split, ofSplit);
      while (ofSplit.hasNext()) {
        ofSplit.next();
      }
    }
  }

  /** The splits in file order: file name, then first byte. */
  static List<FileSplit> inFileOrder(Collection<FileSplit> splits) {
    List<FileSplit> ordered = new ArrayList<>(splits);
    ordered.sort(Comparator.comparing(FileSplit::file).thenComparingLong(FileSplit::start));
    return ordered;
  }

  /** The first number of each split's items, given their counts: the splits laid end to end in file order. */
  static Map<FileSplit, Long> firstNumbers(Map<FileSplit, Long> counts) {
    Map<FileSplit, Long> first = new HashMap<>();
    long n = 0;
    for (FileSplit s : inFileOrder(counts.keySet())) {
      first.put(s, n);
      n += counts.get(s);
    }
    return first;
  }
}
