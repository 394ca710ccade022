package org.rnn4j.cli;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** One-line JSON output for {@code --json}. */
final class Json {
  private Json() {}

  static String line(Map<String, ?> fields) {
    try {
      return JSON.std.asString(fields);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
