package org.rnn4j.data;

import java.util.Arrays;

/**
 * A read-only sequence of token indices stored compactly: one byte per token when every index
 * is below 256, else two (an unsigned {@code char}), so a text of n characters takes n or 2n
 * bytes instead of the 4n of an {@code int[]}. {@link #slice} is a view, not a copy.
 */
public final class Tokens {
  /** The largest vocabulary two bytes per token can index. */
  public static final int MAX_VOCABULARY = 1 << 16;

  private final byte[] bytes; // exactly one of bytes and chars is non-null
  private final char[] chars;
  private final int from;
  private final int size;

  private Tokens(byte[] bytes, char[] chars, int from, int size) {
    this.bytes = bytes;
    this.chars = chars;
    this.from = from;
    this.size = size;
  }

  /** Tokens of a vocabulary of {@code vocabularySize} symbols, filled in by {@link Builder#add}. */
  public static Builder builder(int size, int vocabularySize) {
    return new Builder(size, vocabularySize);
  }

  /** A compact copy of {@code tokens} (indices in [0, {@value #MAX_VOCABULARY})). */
  public static Tokens of(int[] tokens) {
    int max = Arrays.stream(tokens).max().orElse(0);
    Builder b = builder(tokens.length, max + 1);
    for (int t : tokens) {
      b.add(t);
    }
    return b.build();
  }

  public int size() {
    return size;
  }

  public int get(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("token: expected an index in [0, " + size + "), found " + i);
    }
    return bytes != null ? bytes[from + i] & 0xFF : chars[from + i];
  }

  /** Bytes per token: 1 or 2. */
  public int bytesPerToken() {
    return bytes != null ? 1 : 2;
  }

  /** Tokens [start, end) of this sequence, sharing its storage. */
  public Tokens slice(int start, int end) {
    if (start < 0 || end < start || end > size) {
      throw new IndexOutOfBoundsException("slice: expected 0 <= start <= end <= " + size + ", found [" + start + ", " + end + ")");
    }
    return new Tokens(bytes, chars, from + start, end - start);
  }

  /** The tokens as a new {@code int[]} (for short sequences: 4 bytes per token). */
  public int[] toArray() {
    int[] out = new int[size];
    for (int i = 0; i < size; i++) {
      out[i] = get(i);
    }
    return out;
  }

  /** Fills a sequence of a known length one token at a time. */
  public static final class Builder {
    private final byte[] bytes;
    private final char[] chars;
    private final int vocabularySize;
    private int size;

    private Builder(int size, int vocabularySize) {
      if (size < 0 || vocabularySize < 1 || vocabularySize > MAX_VOCABULARY) {
        throw new IllegalArgumentException("tokens: expected a length >= 0 and a vocabulary of 1 to " + MAX_VOCABULARY
            + " symbols, found length " + size + " and " + vocabularySize + " symbols");
      }
      this.vocabularySize = vocabularySize;
      this.bytes = vocabularySize <= 256 ? new byte[size] : null;
      this.chars = bytes == null ? new char[size] : null;
    }

    public void add(int token) {
      if (token < 0 || token >= vocabularySize) {
        throw new IllegalArgumentException("token: expected an index in [0, " + vocabularySize + "), found " + token);
      }
      if (bytes != null) {
        bytes[size++] = (byte) token;
      } else {
        chars[size++] = (char) token;
      }
    }

    public Tokens build() {
      int capacity = bytes != null ? bytes.length : chars.length;
      if (size != capacity) {
        throw new IllegalStateException("tokens: expected " + capacity + " tokens, found " + size);
      }
      return new Tokens(bytes, chars, 0, size);
    }
  }
}
