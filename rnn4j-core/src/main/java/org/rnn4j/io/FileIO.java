package org.rnn4j.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/** Chunked little-endian array I/O and atomic file replacement, shared by the format classes. */
final class FileIO {
  // Multiple of 8 so a chunk never splits an element; small enough to stay cache-friendly.
  private static final int CHUNK = 1 << 20;

  private static final SecureRandom RANDOM = new SecureRandom();

  private FileIO() {}

  /** Body of an atomic write: fills the channel of the temporary file. */
  interface Writer {
    void write(FileChannel out) throws IOException;
  }

  /**
   * Reads {@code count} elements of {@code dtype} at {@code pos} as floats. The caller has checked
   * that the bytes lie inside the file, so a short read means the file changed underneath us.
   */
  static float[] readFloats(FileChannel ch, Path file, long pos, int count, Dtype dtype)
      throws IOException {
    float[] out = new float[count];
    int perChunk = CHUNK / dtype.size;
    ByteBuffer buf = ByteBuffer.allocate((int) Math.min(CHUNK, (long) count * dtype.size)).order(ByteOrder.LITTLE_ENDIAN);
    for (int done = 0; done < count; ) {
      int n = Math.min(perChunk, count - done);
      buf.clear().limit(n * dtype.size);
      readFully(ch, file, buf, pos + (long) done * dtype.size);
      buf.flip();
      dtype.decode(buf, out, done, n);
      done += n;
    }
    return out;
  }

  /** Reads until {@code buf} is full, starting at file position {@code pos}. */
  static void readFully(FileChannel ch, Path file, ByteBuffer buf, long pos) throws IOException {
    while (buf.hasRemaining()) {
      int r = ch.read(buf, pos);
      if (r < 0) {
        throw new FormatException(file + ": expected " + buf.remaining() + " more bytes at offset "
            + pos + ", found end of file (truncated)");
      }
      pos += r;
    }
  }

  /** Writes {@code data} as little-endian float32 at the channel's position. */
  static void writeFloats(FileChannel ch, float[] data) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate((int) Math.min(CHUNK, data.length * 4L)).order(ByteOrder.LITTLE_ENDIAN);
    for (int done = 0; done < data.length; ) {
      int n = Math.min(CHUNK / 4, data.length - done);
      buf.clear();
      buf.asFloatBuffer().put(data, done, n);
      buf.limit(n * 4);
      writeFully(ch, buf);
      done += n;
    }
  }

  static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
  }

  /**
   * Writes {@code target} so readers see the old file or the complete new one, never a torn one:
   * temp file in the same directory (same file system), fsync, then rename over the target, then
   * fsync the directory so the rename itself survives a power cut.
   */
  static void atomicWrite(Path target, Writer body) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    // Not Files.createTempFile: its 0600 permissions would survive the rename onto the target.
    Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)) {
        body.write(ch);
        ch.force(true);
      }
      try {
        // With ATOMIC_MOVE alone, replacing an existing target is up to the file system (jimfs refuses).
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      syncDirectory(dir);
    } finally {
      Files.deleteIfExists(tmp); // no-op after a successful move
    }
  }

  /** Best effort: some platforms (Windows) cannot open a directory for syncing; the file is already durable. */
  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Nothing to do: the data reached the disk; only the rename's durability is up to the OS.
    }
  }
}
