package org.rnn4j.io;

/**
 * A file is not in the expected format. The one-line message names the file, what was expected
 * and what was found, e.g. {@code x.npy: expected dtype '<f4' or '<f8', found '<i8'}.
 */
public final class FormatException extends IllegalArgumentException {
  public FormatException(String message) {
    super(message);
  }
}
