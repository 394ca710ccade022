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

  /** The lower-case name used on the command line. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
