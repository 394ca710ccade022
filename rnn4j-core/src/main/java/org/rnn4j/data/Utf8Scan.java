package org.rnn4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One streaming pass over a UTF-8 file: its code points one at a time, through a buffer of
 * {@value #BUFFER} bytes, so a file of any size is read in constant memory. Decoding is strict
 * (RFC 3629: no overlong forms, surrogates or values above U+10FFFF); the first invalid or
 * truncated sequence is an error naming the file, its bytes and its byte offset. A leading
 * byte-order mark is skipped.
 */
final class Utf8Scan {
  static final int BUFFER = 1 << 20;
  private static final int REPORT_EVERY = 16 << 20; // bytes between progress reports

  /** Receives each code point of the text in order. */
  interface Sink {
    void accept(int codePoint);
  }

  private Utf8Scan() {}

  /** Feeds every code point of {@code file} to {@code sink}; returns how many there were. */
  static long scan(Path file, String phase, TextCorpus.Progress progress, Sink sink) throws IOException {
    long total = Files.size(file);
    byte[] buf = new byte[BUFFER];
    long count = 0;
    long offset = 0; // the file offset of buf[0]
    long nextReport = 0;
    int start = 0, end = 0; // the undecoded bytes are buf[start, end)
    boolean eof = false;
    try (InputStream in = Files.newInputStream(file)) {
      while (true) {
        if (!eof) {
          // Move the undecoded tail (at most 3 bytes) to the front and fill the rest.
          System.arraycopy(buf, start, buf, 0, end - start);
          offset += start;
          end -= start;
          start = 0;
          int n = in.readNBytes(buf, end, buf.length - end);
          end += n;
          eof = end < buf.length;
          if (offset == 0 && end >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB && (buf[2] & 0xFF) == 0xBF) {
            start = 3;
          }
        }
        // Decode whole sequences; near the end of a full buffer, stop where a sequence may be cut.
        int limit = eof ? end : end - 3;
        while (start < limit) {
          int b0 = buf[start] & 0xFF;
          if (b0 < 0x80) {
            sink.accept(b0);
            start++;
          } else {
            int length = b0 >= 0xC2 && b0 <= 0xDF ? 2 : b0 >= 0xE0 && b0 <= 0xEF ? 3 : b0 >= 0xF0 && b0 <= 0xF4 ? 4 : 0;
            int cp = length == 2 ? b0 & 0x1F : length == 3 ? b0 & 0x0F : b0 & 0x07;
            for (int k = 1; k < length; k++) {
              int b = start + k < end ? buf[start + k] & 0xFF : -1;
              // The second byte's range excludes overlong forms, surrogates and values above U+10FFFF.
              int lo = k > 1 ? 0x80 : b0 == 0xE0 ? 0xA0 : b0 == 0xF0 ? 0x90 : 0x80;
              int hi = k > 1 ? 0xBF : b0 == 0xED ? 0x9F : b0 == 0xF4 ? 0x8F : 0xBF;
              if (b < lo || b > hi) {
                throw invalid(file, buf, start, Math.min(start + k, end), offset);
              }
              cp = cp << 6 | (b & 0x3F);
            }
            if (length == 0) {
              throw invalid(file, buf, start, start + 1, offset);
            }
            sink.accept(cp);
            start += length;
          }
          count++;
        }
        if (progress != null && (offset + start >= nextReport || eof)) {
          progress.update(phase, offset + start, total);
          nextReport = offset + start + REPORT_EVERY;
        }
        if (eof) {
          return count;
        }
      }
    }
  }

  private static IllegalArgumentException invalid(Path file, byte[] buf, int from, int to, long offset) {
    StringBuilder bytes = new StringBuilder();
    for (int i = from; i < to; i++) {
      bytes.append(String.format(" %02X", buf[i] & 0xFF));
    }
    return new IllegalArgumentException(file + ": expected UTF-8 text, found invalid bytes" + bytes + " at byte offset "
        + (offset + from));
  }
}
