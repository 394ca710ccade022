package org.rnn4j.serve;

/**
 * What one request may ask for, checked before any work: the body's bytes (HTTP 413 above it)
 * and the steps of a generation or forecast, or a translation's beam times its model's longest
 * output (413 above it).
 */
public record Limits(long maxBodyBytes, int maxSteps) {
  public Limits {
    if (maxBodyBytes < 1 || maxSteps < 1) {
      throw new IllegalArgumentException("limits: expected a positive body size and step count, found " + maxBodyBytes
          + " bytes and " + maxSteps + " steps");
    }
  }

  /** A step count within the limit, or 413 naming the field. */
  int steps(String field, int requested) {
    if (requested > maxSteps) {
      throw new RequestException(413, field, field + ": expected at most " + maxSteps + " (the server's --max-steps), found "
          + requested);
    }
    return requested;
  }
}
