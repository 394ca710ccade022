package org.rnn4j.csv;

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

  /** The lower-case name used on the command line. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
