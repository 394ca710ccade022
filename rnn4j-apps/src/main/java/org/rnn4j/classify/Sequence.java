package org.rnn4j.classify;

/**
 * One encoded input sequence of {@code steps} steps: token indices (one value a step) or feature
 * rows ({@code values.length / steps} values a step, row by row).
 */
public record Sequence(float[] values, int steps) {
  public Sequence {
    if (steps < 1 || values.length % steps != 0) {
      throw new IllegalArgumentException("sequence: expected at least one step and whole rows, found " + values.length
          + " values in " + steps + " steps");
    }
  }
}
