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

/**
 * A UTF-8 text as character tokens for a language model: its vocabulary (the distinct code
 * points, ascending), the whole text encoded compactly ({@link Tokens}: one byte per character
 * for up to 256 distinct symbols, else two), and a split into training tokens and validation
 * tokens (the last tenth, so validation is text the model never trained on, not a shuffled
 * sample of it).
 */
public final class TextCorpus {
  /** Fraction of the tokens, taken from the end, held out for validation. */
  public static final double VALIDATION_FRACTION = 0.1;

  private final String name;
  private final Vocabulary vocabulary;
  private final Tokens tokens;
  private final int splitAt; // tokens [0, splitAt) train, [splitAt, n) validate

  /** How far reading a file is: {@code phase} names the pass, bytes done of the file's total. */
  public interface Progress {
    void update(String phase, long bytesDone, long bytesTotal);
  }

  private TextCorpus(String name, Vocabulary vocabulary, Tokens tokens) {
    this.name = name;
    this.vocabulary = vocabulary;
    this.tokens = tokens;
    this.splitAt = tokens.size() - (int) Math.round(tokens.size() * VALIDATION_FRACTION);
  }

  /** Reads a UTF-8 file; an empty file or invalid UTF-8 is an error naming the file and the byte offset. */
  public static TextCorpus read(Path file) throws IOException {
    return read(file, null);
  }

  /**
   * Reads a UTF-8 file of any size in two streaming passes, holding only the tokens (one or two
   * bytes per character) and never the text: the first pass finds the vocabulary and the
   * length, the second encodes. {@code progress} (may be null) hears about both passes.
   */
  public static TextCorpus read(Path file, Progress progress) throws IOException {
    boolean[] seen = new boolean[Character.MAX_CODE_POINT + 1];
    long n = Utf8Scan.scan(file, "vocabulary", progress, cp -> seen[cp] = true);
    if (n == 0) {
      throw new IllegalArgumentException(file + ": expected a non-empty UTF-8 text, found an empty one");
    }
    if (n > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(file + ": expected at most " + (Integer.MAX_VALUE - 8) + " characters, found " + n);
    }
    int[] index = new int[seen.length]; // code point -> token
    int v = 0;
    for (int cp = 0; cp < seen.length; cp++) {
      if (seen[cp]) {
        index[cp] = v++;
      }
    }
    if (v > Tokens.MAX_VOCABULARY) {
      throw new IllegalArgumentException(file + ": expected at most " + Tokens.MAX_VOCABULARY
          + " distinct characters, found " + v);
    }
    int[] codePoints = new int[v];
    for (int cp = 0; cp < seen.length; cp++) {
      if (seen[cp]) {
        codePoints[index[cp]] = cp;
      }
    }
    Tokens.Builder tokens = Tokens.builder((int) n, v);
    Utf8Scan.scan(file, "encoding", progress, cp -> tokens.add(index[cp]));
    return new TextCorpus(file.toString(), Vocabulary.ofCodePoints(codePoints), tokens.build());
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
    return of(name, text, Vocabulary.of(text));
  }

  /** A text encoded with a given vocabulary (e.g. a model's); symbols outside it are an error. */
  public static TextCorpus of(String name, String text, Vocabulary vocabulary) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException(name + ": expected a non-empty UTF-8 text, found an empty one");
    }
    try {
      return new TextCorpus(name, vocabulary, Tokens.of(vocabulary.encode(text)));
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
  public int size() { return tokens.size(); }

  /** The whole text's tokens. */
  public Tokens tokens() { return tokens; }
  /** The training part, the first {@code 1 − }{@value #VALIDATION_FRACTION} of the text. */
  public Tokens training() { return tokens.slice(0, splitAt); }
  /** The validation part, the last {@value #VALIDATION_FRACTION} of the text. */
  public Tokens validation() { return tokens.slice(splitAt, tokens.size()); }
}
