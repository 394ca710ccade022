package org.rnn4j.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The contract every fuzz target checks: a parser of user bytes either succeeds or throws the
 * project's documented exception with a non-empty message. Anything else (NullPointerException,
 * ArrayIndexOutOfBoundsException, NegativeArraySizeException, ClassCastException, a bare
 * NumberFormatException, OutOfMemoryError, StackOverflowError, …) escapes and is a finding.
 *
 * <p>Each target is its own class so that {@code -Pfuzz} can give every target its own JVM
 * (Jazzer fuzzes one test per JVM). Regression replays come from
 * {@code src/test/resources/org/rnn4j/fuzz/<Target>Inputs/<method>/}.
 */
final class Contract {
  /** Fuzzing time per target under {@code -Pfuzz} (regression replays ignore it). */
  static final String DURATION = "60s";

  private Contract() {}

  interface Body {
    void run() throws Exception;
  }

  /**
   * Runs {@code body}; a {@code documented} exception (or a subclass) with a non-empty message is
   * an accepted outcome, any other throwable is rethrown as it is.
   */
  static void run(Class<? extends Exception> documented, Body body) throws Exception {
    try {
      body.run();
    } catch (Exception e) {
      if (!documented.isInstance(e)) {
        throw e;
      }
      String m = e.getMessage();
      if (m == null || m.isBlank()) {
        throw new AssertionError("documented " + e.getClass().getSimpleName() + " without a message", e);
      }
    }
  }

  /** As {@link #run}, for a file API: writes the bytes to a fresh temporary file first. */
  static void runOnFile(byte[] data, String suffix, Class<? extends Exception> documented, FileBody body)
      throws Exception {
    Path dir = Files.createTempDirectory("rnn4j-fuzz");
    Path file = dir.resolve("input" + suffix);
    try {
      Files.write(file, data);
      run(documented, () -> body.run(file));
    } finally {
      try (var s = Files.list(dir)) {
        for (Path p : (Iterable<Path>) s::iterator) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(dir);
    }
  }

  interface FileBody {
    void run(Path file) throws IOException;
  }
}
