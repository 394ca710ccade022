package org.rnn4j.data;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The code points of a UTF-8 file read forward from a byte offset, one at a time, through a
 * fixed buffer, so a file of any size is read in constant memory. Decoding is strict (RFC 3629:
 * no overlong forms, surrogates or values above U+10FFFF); the first invalid or truncated
 * sequence is an error naming the file, its bytes and its byte offset. A byte-order mark at the
 * start of the file is skipped.
 */
final class Utf8Scan implements Closeable {
  static final int BUFFER = 1 << 20;
  private static final int REPORT_EVERY = 16 << 20; // bytes between progress reports

  /** Receives each code point of the text in order. */
  interface Sink {
    void accept(int codePoint);
  }

  private final Path file;
  private final InputStream in;
  private final byte[] buf;
  private long offset; // the file offset of buf[0]
  private int start, end; // the undecoded bytes are buf[start, end)
  private boolean eof;

  /** Reads {@code file} from {@code byteOffset}, which must be the first byte of a code point. */
  Utf8Scan(Path file, long byteOffset, int bufferBytes) throws IOException {
    this.file = file;
    FileChannel channel = FileChannel.open(file);
    try {
      channel.position(byteOffset);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    this.in = Channels.newInputStream(channel);
    this.buf = new byte[bufferBytes];
    this.offset = byteOffset;
    fill();
    if (byteOffset == 0 && end >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB && (buf[2] & 0xFF) == 0xBF) {
      start = 3;
    }
  }

  /** Feeds every code point of {@code file} to {@code sink}; returns how many there were. */
  static long scan(Path file, String phase, TextCorpus.Progress progress, Sink sink) throws IOException {
    long total = Files.size(file);
    long count = 0;
    long nextReport = 0;
    try (Utf8Scan reader = new Utf8Scan(file, 0, BUFFER)) {
      for (int cp = reader.next(); cp >= 0; cp = reader.next()) {
        sink.accept(cp);
        count++;
        if (progress != null && reader.position() >= nextReport) {
          progress.update(phase, reader.position(), total);
          nextReport = reader.position() + REPORT_EVERY;
        }
      }
      if (progress != null) {
        progress.update(phase, total, total);
      }
    }
    return count;
  }

  /** The next code point, or −1 at the end of the file. */
  int next() throws IOException {
    if (end - start < 4 && !eof) {
      fill();
    }
    if (start >= end) {
      return -1;
    }
    int b0 = buf[start] & 0xFF;
    if (b0 < 0x80) {
      start++;
      return b0;
    }
    int length = b0 >= 0xC2 && b0 <= 0xDF ? 2 : b0 >= 0xE0 && b0 <= 0xEF ? 3 : b0 >= 0xF0 && b0 <= 0xF4 ? 4 : 0;
    if (length == 0) {
      throw invalid(start + 1);
    }
    int cp = length == 2 ? b0 & 0x1F : length == 3 ? b0 & 0x0F : b0 & 0x07;
    for (int k = 1; k < length; k++) {
      int b = start + k < end ? buf[start + k] & 0xFF : -1;
      // The second byte's range excludes overlong forms, surrogates and values above U+10FFFF.
      int lo = k > 1 ? 0x80 : b0 == 0xE0 ? 0xA0 : b0 == 0xF0 ? 0x90 : 0x80;
      int hi = k > 1 ? 0xBF : b0 == 0xED ? 0x9F : b0 == 0xF4 ? 0x8F : 0xBF;
      if (b < lo || b > hi) {
        throw invalid(Math.min(start + k, end));
      }
      cp = cp << 6 | (b & 0x3F);
    }
    start += length;
    return cp;
  }

  /** The byte offset of the next code point. */
  long position() {
    return offset + start;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /** Moves the undecoded tail (at most 3 bytes) to the front and fills the rest. */
  private void fill() throws IOException {
    System.arraycopy(buf, start, buf, 0, end - start);
    offset += start;
    end -= start;
    start = 0;
    end += in.readNBytes(buf, end, buf.length - end);
    eof = end < buf.length;
  }

  private IllegalArgumentException invalid(int to) {
    StringBuilder bytes = new StringBuilder();
    for (int i = start; i < to; i++) {
      bytes.append(String.format(" %02X", buf[i] & 0xFF));
    }
    return new IllegalArgumentException(file + ": expected UTF-8 text, found invalid bytes" + bytes + " at byte offset "
        + (offset + start));
  }
}
