package org.rnn4j.csv;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What to do with a missing cell in a column that is read as numbers. A cell is missing when it
 * is empty or one of the markers pandas and R write for "no value": {@code NA}, {@code N/A},
 * {@code NaN}, {@code null}, {@code None} (any case). Real series have gaps (weekly CO₂ records
 * skip weeks the station was down), and each way of filling them changes the data, so none is
 * applied unless asked for.
 */
public enum MissingValues {
  /** A missing cell is an error naming the file, line and column (the default). */
  ERROR,
  /** A row with a missing cell in any column read is left out (the rows around it become neighbours). */
  DROP,
  /** A missing cell repeats the value above it; a missing first value is an error. */
  PREVIOUS,
  /**
   * A missing cell is interpolated linearly, by row, between the nearest values above and below;
   * missing cells before the first value or after the last one are an error.
   */
  INTERPOLATE;

  private static final Set<String> MARKERS = Set.of("", "na", "n/a", "nan", "null", "none");

  /** Whether a (trimmed) cell stands for "no value". */
  public static boolean isMissing(String cell) {
    return MARKERS.contains(cell.toLowerCase(Locale.ROOT));
  }

  /** The policy named {@code error}, {@code drop}, {@code previous} or {@code interpolate}. */
  public static MissingValues parse(String name) {
    for (MissingValues m : values()) {
      if (m.id().equals(name)) {
        return m;
      }
    }
    throw new IllegalArgumentException("--missing: expected error, drop, previous or interpolate, found '" + name + "'");
  }

  /** How an error about a missing cell ends under {@link #ERROR}: the policies that deal with it. */
  public static final String ERROR_HINT = "; to fill or drop such gaps use --missing previous, interpolate or drop";

  /**
   * The value {@link #INTERPOLATE} gives the gap at row {@code row} of a column whose nearest present
   * values are {@code above} (at row {@code aboveRow}) and {@code below} (at {@code belowRow}):
   * linear by row. Every reader fills gaps with this one expression, so a table filled in pieces
   * (on Spark) gets the values of one pass to the bit.
   */
  public static float interpolate(float above, long aboveRow, float below, long belowRow, long row) {
    return above + (below - above) * (row - aboveRow) / (float) (belowRow - aboveRow);
  }

  /** What a gap before a column's first value says (after its place), for {@link #PREVIOUS} and {@link #INTERPOLATE}. */
  public String noValueAbove() {
    return "expected a value above this missing cell to " + (this == PREVIOUS ? "repeat" : "interpolate from") + " (--missing "
        + id() + "), found none; --missing drop leaves such rows out";
  }

  /** What a gap after a column's last value says (after its place) under {@link #INTERPOLATE}. */
  public static String noValueBelow() {
    return "expected a value below this missing cell to interpolate to (--missing interpolate), found none; --missing previous"
        + " repeats the last value, --missing drop leaves such rows out";
  }

  /** Names the place of row {@code row} (0-based) of a column for an error: "data.csv line 7, column 'x': ". */
  public interface Place {
    String of(int row, String column);
  }

  /**
   * The policy applied to columns of numbers whose missing cells are marked in {@code gap} (their
   * values ignored): {@link #DROP} returns new columns without the rows that have a gap in any
   * column; {@link #PREVIOUS} and {@link #INTERPOLATE} fill the gaps in place and return {@code
   * values}; a gap they cannot fill (none above; for interpolate none below) is an error naming its
   * place. {@link #ERROR} expects no gap (a reader reports the first one, with its cell).
   */
  public float[][] apply(float[][] values, boolean[][] gap, List<String> columns, Place place) {
    switch (this) {
      case ERROR -> {
        for (int k = 0; k < gap.length; k++) {
          for (int r = 0; r < gap[k].length; r++) {
            if (gap[k][r]) {
              throw new IllegalArgumentException(place.of(r, columns.get(k)) + "expected a number, found a missing value"
                  + ERROR_HINT);
            }
          }
        }
        return values;
      }
      case DROP -> {
        int n = values.length == 0 ? 0 : values[0].length;
        boolean[] keep = new boolean[n];
        int kept = 0;
        for (int r = 0; r < n; r++) {
          keep[r] = true;
          for (boolean[] g : gap) {
            keep[r] &= !g[r];
          }
          kept += keep[r] ? 1 : 0;
        }
        float[][] table = new float[values.length][kept];
        for (int k = 0; k < values.length; k++) {
          for (int r = 0, j = 0; r < n; r++) {
            if (keep[r]) {
              table[k][j++] = values[k][r];
            }
          }
        }
        return table;
      }
      default -> {
        for (int k = 0; k < values.length; k++) {
          fill(values[k], gap[k], columns.get(k), place);
        }
        return values;
      }
    }
  }

  /** Fills the gaps of one column in place: the value above, or linear between the values around. */
  private void fill(float[] v, boolean[] gap, String column, Place place) {
    int last = -1; // the last row with a value
    for (int r = 0; r < v.length; r++) {
      if (!gap[r]) {
        if (this == INTERPOLATE && last >= 0 && r - last > 1) {
          for (int i = last + 1; i < r; i++) {
            v[i] = interpolate(v[last], last, v[r], r, i);
          }
        }
        last = r;
      } else if (last < 0) {
        throw new IllegalArgumentException(place.of(r, column) + noValueAbove());
      } else if (this == PREVIOUS) {
        v[r] = v[last];
      }
    }
    if (this == INTERPOLATE && last < v.length - 1 && last >= 0) {
      throw new IllegalArgumentException(place.of(last + 1, column) + noValueBelow());
    }
  }

  /** The lower-case name used on the command line. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
