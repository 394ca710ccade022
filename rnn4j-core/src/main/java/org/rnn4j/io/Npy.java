package org.rnn4j.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rnn4j.tensor.Tensor;

/**
 * NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0), C order only.
 *
 * <p>Reading accepts float32 ({@code <f4}) and float64 ({@code <f8}, rounded to float32), and,
 * because class-index targets are usually saved as integers, {@code <i4}, {@code <i8}, {@code |u1}
 * and {@code |b1} converted to float (exact up to 2^24). Writing always produces version 1.0
 * {@code <f4}, laid out as numpy does.
 */
public final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final int MAX_HEADER = 1 << 20; // numpy itself refuses headers over 10 kB
  private static final int ALIGN = 64;
  private static final Map<String, Dtype> DTYPES = Map.of(
      "<f4", Dtype.F32, "<f8", Dtype.F64, "<i4", Dtype.I32, "<i8", Dtype.I64,
      "|u1", Dtype.U8, "|b1", Dtype.BOOL);
  private static final String ACCEPTED = "'<f4', '<f8', '<i4', '<i8', '|u1' or '|b1'";
  private static final Pattern DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*['\"]([^'\"]*)['\"]");
  private static final Pattern FORTRAN = Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*(\\w+)");
  private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)");

  private Npy() {}

  /** Reads one array as float32; a 0-d array becomes a tensor of shape {@code []}. */
  public static Tensor read(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long fileSize = ch.size();
      if (fileSize < 10) {
        throw fail(file, "an npy file of at least 10 bytes", fileSize + " bytes");
      }
      ByteBuffer pre = ByteBuffer.allocate((int) Math.min(12, fileSize)).order(ByteOrder.LITTLE_ENDIAN);
      FileIO.readFully(ch, file, pre, 0);
      byte[] magic = Arrays.copyOf(pre.array(), 6);
      if (!Arrays.equals(magic, MAGIC)) {
        throw fail(file, "npy magic \\x93NUMPY", "bytes " + hex(magic));
      }
      int major = pre.get(6) & 0xff;
      long headerLen;
      int headerStart;
      if (major == 1) {
        headerLen = pre.getShort(8) & 0xffff;
        headerStart = 10;
      } else if ((major == 2 || major == 3) && fileSize >= 12) {
        headerLen = pre.getInt(8) & 0xffffffffL;
        headerStart = 12;
      } else {
        throw fail(file, "npy version 1.0, 2.0 or 3.0", "version " + major + "." + (pre.get(7) & 0xff)
            + " in a " + fileSize + "-byte file");
      }
      if (headerLen > fileSize - headerStart) {
        throw fail(file, "a header of " + headerLen + " bytes inside the file", "a " + fileSize + "-byte file");
      }
      if (headerLen > MAX_HEADER) {
        throw fail(file, "a header of at most " + MAX_HEADER + " bytes", headerLen + " bytes");
      }
      ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
      FileIO.readFully(ch, file, hb, headerStart);
      // Versions 1.0 and 2.0 store the header as latin-1, 3.0 as UTF-8.
      String header = new String(hb.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1).strip();
      if (!header.startsWith("{") || !header.endsWith("}")) {
        throw fail(file, "a header dict {...}", quote(header));
      }

      Matcher descr = DESCR.matcher(header);
      if (!descr.find()) {
        throw fail(file, "a dtype string under 'descr'", "header " + quote(header));
      }
      Dtype dtype = DTYPES.get(descr.group(1));
      if (dtype == null) {
        throw fail(file, "dtype " + ACCEPTED, "'" + descr.group(1) + "'");
      }
      Matcher fortran = FORTRAN.matcher(header);
      String order = fortran.find() ? "fortran_order: " + fortran.group(1) : "header " + quote(header);
      if (!order.equals("fortran_order: False")) {
        throw fail(file, "C order (fortran_order: False)", order);
      }
      Matcher shapeM = SHAPE.matcher(header);
      if (!shapeM.find()) {
        throw fail(file, "a shape tuple under 'shape'", "header " + quote(header));
      }
      int[] shape = parseShape(file, shapeM.group(1));

      long count = 1;
      for (int d : shape) {
        count *= d; // each d < 2^31 and we stop once past the int range, so no long overflow
        if (count > Integer.MAX_VALUE - 8) {
          throw fail(file, "at most " + (Integer.MAX_VALUE - 8) + " elements", "shape " + Arrays.toString(shape));
        }
      }
      long dataStart = headerStart + headerLen;
      long want = count * dtype.size;
      if (want != fileSize - dataStart) {
        throw fail(file, want + " data bytes for shape " + Arrays.toString(shape) + " of '"
            + descr.group(1) + "'", (fileSize - dataStart) + " bytes");
      }
      return Tensor.of(FileIO.readFloats(ch, file, dataStart, (int) count, dtype), shape);
    }
  }

  /** Writes {@code t} as a version 1.0 {@code <f4} C-order array, atomically. */
  public static void write(Path file, Tensor t) throws IOException {
    byte[] header = header(t.shape());
    FileIO.atomicWrite(file, ch -> {
      FileIO.writeFully(ch, ByteBuffer.wrap(header));
      FileIO.writeFloats(ch, t.data());
    });
  }

  /** Magic, version, length and the dict, space-padded so the data starts on a 64-byte boundary. */
  private static byte[] header(int[] shape) {
    StringBuilder tuple = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      tuple.append(i > 0 ? ", " : "").append(shape[i]);
    }
    tuple.append(shape.length == 1 ? ",)" : ")");
    String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + tuple + ", }";
    int pad = ALIGN - (10 + dict.length() + 1) % ALIGN; // 1..64 spaces, as numpy pads
    int headerLen = dict.length() + pad + 1;
    if (headerLen > 0xffff) { // would need version 2.0; only reachable with thousands of axes
      throw new IllegalArgumentException("npy: cannot write a tensor of rank " + shape.length);
    }
    ByteBuffer b = ByteBuffer.allocate(10 + headerLen).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) headerLen);
    b.put(dict.getBytes(StandardCharsets.ISO_8859_1));
    b.put(" ".repeat(pad).getBytes(StandardCharsets.ISO_8859_1)).put((byte) '\n');
    return b.array();
  }

  private static int[] parseShape(Path file, String tuple) {
    String body = tuple.strip();
    if (body.endsWith(",")) {
      body = body.substring(0, body.length() - 1);
    }
    if (body.isBlank()) {
      return new int[0];
    }
    String[] parts = body.split(",");
    int[] shape = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i].strip();
      if (!p.matches("\\d{1,10}") || Long.parseLong(p) > Integer.MAX_VALUE) {
        throw fail(file, "non-negative int dimensions in shape", "(" + tuple + ")");
      }
      shape[i] = Integer.parseInt(p);
    }
    return shape;
  }

  private static FormatException fail(Path file, String expected, String found) {
    return new FormatException(file + ": expected " + expected + ", found " + found);
  }

  /** Headers can be long or binary garbage; keep the message on one readable line. */
  private static String quote(String s) {
    String one = s.replaceAll("\\s+", " ");
    return "'" + (one.length() > 120 ? one.substring(0, 120) + "..." : one) + "'";
  }

  private static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder();
    for (byte x : bytes) {
      sb.append(String.format("%02x", x & 0xff));
    }
    return sb.toString();
  }
}
