package org.rnn4j.data;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * A UTF-8 text on disk read as the tokens of a given (character) vocabulary without holding it:
 * {@link #open} checks the whole file once (strict UTF-8, every character in the vocabulary) and
 * counts its characters; {@link #readers} then reads it forward from any character positions,
 * each reader through its own buffer of {@value #READER_BUFFER} bytes. Memory does not grow with
 * the file: scoring a 100 MB text takes what scoring a 1 MB one takes.
 */
public final class TextFile implements Closeable {
  static final int READER_BUFFER = 1 << 16;

  private final Path file;
  private final Vocabulary vocabulary;
  private final long length;
  private final List<Utf8Scan> open = new ArrayList<>();

  private TextFile(Path file, Vocabulary vocabulary, long length) {
    this.file = file;
    this.vocabulary = vocabulary;
    this.length = length;
  }

  /**
   * Checks {@code file}: invalid UTF-8 and characters outside {@code vocabulary} are errors naming
   * the file and the position. A byte-order mark at the start is skipped.
   */
  public static TextFile open(Path file, Vocabulary vocabulary) throws IOException {
    if (vocabulary.level() != Vocabulary.Level.CHAR) {
      throw new IllegalArgumentException(file + ": expected a character vocabulary to read the text with, found a word vocabulary");
    }
    String where = file + ": ";
    long[] position = {0};
    long n = Utf8Scan.scan(file, "checking", null, cp -> vocabulary.encode(cp, where, position[0]++));
    return new TextFile(file, vocabulary, n);
  }

  /** The number of characters. */
  public long length() {
    return length;
  }

  /**
   * One reader per position (ascending, each in [0, length)): reader k gives the tokens from
   * character {@code positions[k]} on, one per call, until the end of the file (then an
   * {@link IllegalStateException}). An I/O failure while reading is an {@link UncheckedIOException}.
   * The readers stay open until this file is closed.
   */
  public IntSupplier[] readers(long[] positions) throws IOException {
    long[] offsets = new long[positions.length]; // the byte offset of each position, found in one pass
    try (Utf8Scan scan = new Utf8Scan(file, 0, Utf8Scan.BUFFER)) {
      long at = 0;
      for (int k = 0; k < positions.length; k++) {
        if (positions[k] < 0 || positions[k] >= length || (k > 0 && positions[k] < positions[k - 1])) {
          throw new IllegalArgumentException("positions: expected ascending values in [0, " + length + "), found "
              + java.util.Arrays.toString(positions));
        }
        while (at < positions[k]) {
          scan.next();
          at++;
        }
        offsets[k] = scan.position();
      }
    }
    String where = file + ": ";
    IntSupplier[] readers = new IntSupplier[positions.length];
    for (int k = 0; k < positions.length; k++) {
      Utf8Scan reader = new Utf8Scan(file, offsets[k], READER_BUFFER);
      open.add(reader);
      readers[k] = () -> {
        try {
          int cp = reader.next();
          if (cp < 0) {
            throw new IllegalStateException(file + ": read past the end of the text");
          }
          return vocabulary.encode(cp, where, -1); // checked by open: never an error here
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      };
    }
    return readers;
  }

  /** The whole text's tokens in memory (4 bytes per character), for what needs random access. */
  public int[] tokens() throws IOException {
    if (length > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(file + ": expected at most " + (Integer.MAX_VALUE - 8) + " characters to hold in memory, found " + length);
    }
    int[] tokens = new int[(int) length];
    IntSupplier reader = readers(new long[] {0})[0];
    for (int i = 0; i < tokens.length; i++) {
      tokens[i] = reader.getAsInt();
    }
    return tokens;
  }

  @Override
  public void close() throws IOException {
    for (Utf8Scan reader : open) {
      reader.close();
    }
    open.clear();
  }
}
