package org.rnn4j.tensor;

/** A tensor had the wrong shape; the message names the tensor, what was expected and what was found. */
public final class ShapeException extends IllegalArgumentException {
  public ShapeException(String message) {
    super(message);
  }
}
