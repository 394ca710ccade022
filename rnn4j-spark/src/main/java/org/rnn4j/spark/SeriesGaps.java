package org.rnn4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rnn4j.csv.MissingValues;
import scala.Tuple2;

/**
 * The gaps of a table read in splits filled as {@code rnn train} fills them in one pass ({@code
 * --missing previous} or {@code interpolate}): the row above a gap, or below it, may lie in another
 * split, so the job that counts each split's rows also notes, per column, where the split's present
 * values begin and end ({@link Ends}); the driver lays the splits end to end and gives each split,
 * per column, the nearest present value above it and below it ({@link #carries}, which also finds
 * the gaps the policy cannot fill, column by column as {@code rnn train} does); the job that numbers
 * the rows then fills each split's gaps ({@link #fill}). Only these few values per split and column
 * reach the driver.
 */
final class SeriesGaps {
  private SeriesGaps() {}

  /** Whether the policy fills gaps (rather than refusing or dropping them). */
  static boolean fills(MissingValues policy) {
    return policy == MissingValues.PREVIOUS || policy == MissingValues.INTERPOLATE;
  }

  /** A present value and its row number in the whole table. */
  record Present(long row, float value) implements Serializable {}

  /**
   * Where one column's present values begin and end in one split: row indices within the split
   * (-1: none), the values there, and the index of the split's first gap in that column (-1: none).
   */
  record ColumnEnds(long firstGap, long firstPresent, float firstValue, long lastPresent, float lastValue)
      implements Serializable {}

  /** The ends of every column of one split, gathered row by row as the counting job walks the split. */
  static final class Ends {
    private final long[] firstGap, firstPresent, lastPresent;
    private final float[] firstValue, lastValue;

    Ends(int columns) {
      firstGap = filled(columns);
      firstPresent = filled(columns);
      lastPresent = filled(columns);
      firstValue = new float[columns];
      lastValue = new float[columns];
    }

    private static long[] filled(int n) {
      long[] a = new long[n];
      Arrays.fill(a, -1);
      return a;
    }

    /** Row {@code index} of the split, its values NaN at its gaps. */
    void add(long index, float[] values) {
      for (int f = 0; f < values.length; f++) {
        if (Float.isNaN(values[f])) {
          firstGap[f] = firstGap[f] < 0 ? index : firstGap[f];
        } else {
          if (firstPresent[f] < 0) {
            firstPresent[f] = index;
            firstValue[f] = values[f];
          }
          lastPresent[f] = index;
          lastValue[f] = values[f];
        }
      }
    }

    ColumnEnds[] done() {
      ColumnEnds[] ends = new ColumnEnds[firstGap.length];
      for (int f = 0; f < ends.length; f++) {
        ends[f] = new ColumnEnds(firstGap[f], firstPresent[f], firstValue[f], lastPresent[f], lastValue[f]);
      }
      return ends;
    }
  }

  /** The nearest present value above a split and below it, per column (null: none). */
  record Carry(Present[] above, Present[] below) implements Serializable {}

  /**
   * Each split's {@link Carry}, given every split's column ends and first row number. Refuses, as
   * {@code rnn train} does and in its order (column by column, the first problem of each), a gap
   * with no value above it and, under {@code INTERPOLATE}, a gap with none below: an error naming the
   * split's file and the column (the line is not known here).
   */
  static Map<FileSplit, Carry> carries(MissingValues policy, List<String> columns, Map<FileSplit, ColumnEnds[]> ends,
      Map<FileSplit, Long> firstRow, Map<FileSplit, Long> rows) {
    List<FileSplit> ordered = new ArrayList<>(ends.keySet());
    ordered.sort(Comparator.comparingLong(firstRow::get));
    Map<FileSplit, Carry> carries = new HashMap<>();
    for (FileSplit s : ordered) {
      carries.put(s, new Carry(new Present[columns.size()], new Present[columns.size()]));
    }
    for (int f = 0; f < columns.size(); f++) {
      Present last = null;
      for (FileSplit s : ordered) {
        ColumnEnds e = ends.get(s)[f];
        carries.get(s).above()[f] = last;
        if (last == null && e.firstGap() >= 0 && (e.firstPresent() < 0 || e.firstGap() < e.firstPresent())) {
          throw new IllegalArgumentException(s.file() + ", column '" + columns.get(f) + "': " + policy.noValueAbove());
        }
        last = e.lastPresent() < 0 ? last : new Present(firstRow.get(s) + e.lastPresent(), e.lastValue());
      }
      if (policy != MissingValues.INTERPOLATE) {
        continue;
      }
      for (FileSplit s : ordered) { // the split of the row after the last value, if that row exists, is a gap's
        if (last != null && firstRow.get(s) <= last.row() + 1 && last.row() + 1 < firstRow.get(s) + rows.get(s)) {
          throw new IllegalArgumentException(s.file() + ", column '" + columns.get(f) + "': " + MissingValues.noValueBelow());
        }
      }
      Present next = null;
      for (int i = ordered.size() - 1; i >= 0; i--) {
        FileSplit s = ordered.get(i);
        ColumnEnds e = ends.get(s)[f];
        carries.get(s).below()[f] = next;
        next = e.firstPresent() < 0 ? next : new Present(firstRow.get(s) + e.firstPresent(), e.firstValue());
      }
    }
    return carries;
  }

  /**
   * Fills, in place, the gaps (NaN) of one split's numbered rows, in order, with its {@code carry}:
   * what {@code rnn train}'s reader gives these cells when it fills the whole column (the same
   * expression, {@code MissingValues.interpolate}, on the same row numbers).
   */
  static void fill(MissingValues policy, Carry carry, List<Tuple2<Long, float[]>> rows) {
    int n = rows.size();
    for (int f = 0; f < carry.above().length; f++) {
      Present above = carry.above()[f];
      for (int i = 0; i < n; ) {
        float v = rows.get(i)._2()[f];
        if (!Float.isNaN(v)) {
          above = new Present(rows.get(i)._1(), v);
          i++;
          continue;
        }
        int j = i; // the run of gaps i..j-1
        while (j < n && Float.isNaN(rows.get(j)._2()[f])) {
          j++;
        }
        Present below = j < n ? new Present(rows.get(j)._1(), rows.get(j)._2()[f]) : carry.below()[f];
        for (int k = i; k < j; k++) {
          long row = rows.get(k)._1();
          rows.get(k)._2()[f] = policy == MissingValues.PREVIOUS ? above.value()
              : MissingValues.interpolate(above.value(), above.row(), below.value(), below.row(), row);
        }
        i = j;
      }
    }
  }
}
