package org.rnn4j.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A UTF-8 text as character tokens for a language model: its vocabulary (the distinct code
 * points, ascending), the whole text encoded, and a split into training tokens and validation
 * tokens (the last tenth, so validation is text the model never trained on, not a shuffled
 * sample of it).
 */
public final class TextCorpus {
  /** Fraction of the tokens, taken from the end, held out for validation. */
  public static final double VALIDATION_FRACTION = 0.1;

  private final String name;
  private final Vocabulary vocabulary;
  private final int[] tokens;
  private final int splitAt; // tokens [0, splitAt) train, [splitAt, n) validate

  private TextCorpus(String name, String text, Vocabulary vocabulary) {
    this.name = name;
    this.vocabulary = vocabulary;
    this.tokens = vocabulary.encode(text);
    this.splitAt = tokens.length - (int) Math.round(tokens.length * VALIDATION_FRACTION);
  }

  /** Reads a UTF-8 file; an empty file or invalid UTF-8 is an error naming the file and the byte offset. */
  public static TextCorpus read(Path file) throws IOException {
    return fromUtf8(file.toString(), Files.readAllBytes(file));
  }

  /** A corpus of UTF-8 bytes; {@code name} is used in error messages. A leading byte-order mark is dropped. */
  public static TextCorpus fromUtf8(String name, byte[] utf8) {
    String text = decodeStrict(name, utf8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    return of(name, text);
  }

  /** A corpus of a text, with the text's own vocabulary. */
  public static TextCorpus of(String name, String text) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException(name + ": expected a non-empty UTF-8 text, found an empty one");
    }
    return new TextCorpus(name, text, Vocabulary.of(text));
  }

  /** A text encoded with a given vocabulary (e.g. a model's); symbols outside it are an error. */
  public static TextCorpus of(String name, String text, Vocabulary vocabulary) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException(name + ": expected a non-empty UTF-8 text, found an empty one");
    }
    try {
      return new TextCorpus(name, text, vocabulary);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
    }
  }

  /** Decodes UTF-8, reporting the byte offset of the first malformed or truncated sequence. */
  public static String decodeStrict(String name, byte[] utf8) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(utf8);
    CharBuffer out = CharBuffer.allocate(utf8.length + 1); // UTF-8 never has fewer bytes than UTF-16 chars
    CoderResult r = decoder.decode(in, out, true);
    if (!r.isError()) {
      r = decoder.flush(out);
    }
    if (r.isError()) {
      int at = in.position();
      int end = Math.min(utf8.length, at + r.length());
      StringBuilder bytes = new StringBuilder();
      for (int i = at; i < end; i++) {
        bytes.append(String.format(" %02X", utf8[i] & 0xFF));
      }
      throw new IllegalArgumentException(name + ": expected UTF-8 text, found invalid bytes" + bytes + " at byte offset " + at);
    }
    out.flip();
    return out.toString();
  }

  public String name() { return name; }
  public Vocabulary vocabulary() { return vocabulary; }

  /** Number of tokens (code points) of the whole text. */
  public int size() { return tokens.length; }

  public int[] tokens() { return tokens.clone(); }
  public int[] training() { return Arrays.copyOfRange(tokens, 0, splitAt); }
  public int[] validation() { return Arrays.copyOfRange(tokens, splitAt, tokens.length); }
}
