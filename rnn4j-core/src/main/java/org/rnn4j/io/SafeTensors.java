package org.rnn4j.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnn4j.tensor.Tensor;

/**
 * safetensors files: an 8-byte little-endian header length, a JSON header mapping each name to
 * {@code dtype}, {@code shape} and {@code data_offsets} (relative to the data section), an
 * optional {@code __metadata__} string map, then raw little-endian data.
 *
 * <p>Reading accepts F32, F64, F16 and BF16 (all converted to float32) and validates the whole
 * header before allocating any tensor. Writing produces F32 with contiguous offsets in the given
 * order.
 */
public final class SafeTensors {
  private static final long MAX_HEADER = 100_000_000; // same bound as the reference implementation
  private static final String METADATA = "__metadata__";
  private static final Map<String, Dtype> DTYPES =
      Map.of("F32", Dtype.F32, "F64", Dtype.F64, "F16", Dtype.F16, "BF16", Dtype.BF16);
  // A repeated tensor name would otherwise silently shadow the first one.
  private static final JSON JSON_READER = JSON.builder(
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build()).build();

  private SafeTensors() {}

  /** One validated header entry; {@code begin}/{@code end} are offsets into the data section. */
  private record Entry(String name, Dtype dtype, int[] shape, int count, long begin, long end) {}

  public static SafeTensorsFile read(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size < 8) {
        throw fail(file, "at least 8 bytes (the header length)", size + " bytes");
      }
      ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      FileIO.readFully(ch, file, lenBuf, 0);
      long headerLen = lenBuf.getLong(0); // unsigned on disk: negative here means >= 2^63
      if (headerLen < 0 || headerLen > MAX_HEADER) {
        throw fail(file, "a header length of at most " + MAX_HEADER + " bytes", Long.toUnsignedString(headerLen));
      }
      if (headerLen > size - 8) {
        throw fail(file, "a header length of at most " + (size - 8) + " bytes (file size - 8)", headerLen + " bytes");
      }
      ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
      FileIO.readFully(ch, file, hb, 8);
      Object root;
      try {
        root = JSON_READER.anyFrom(new String(hb.array(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw fail(file, "a JSON header", "invalid JSON (" + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")");
      }
      if (!(root instanceof Map<?, ?> header)) {
        throw fail(file, "a JSON object as header", show(root));
      }

      long dataStart = 8 + headerLen;
      long dataLen = size - dataStart;
      Map<String, String> metadata = new LinkedHashMap<>();
      List<Entry> entries = new ArrayList<>();
      for (Map.Entry<?, ?> e : header.entrySet()) {
        String name = (String) e.getKey();
        if (name.equals(METADATA)) {
          metadata = metadata(file, e.getValue());
        } else {
          entries.add(entry(file, name, e.getValue(), dataLen));
        }
      }
      entries.sort(Comparator.comparingLong(Entry::begin));
      for (int i = 1; i < entries.size(); i++) {
        Entry prev = entries.get(i - 1);
        Entry cur = entries.get(i);
        if (cur.begin < prev.end) {
          throw fail(file, cur.name, "data not overlapping tensor '" + prev.name + "' at " + range(prev),
              "data_offsets " + range(cur));
        }
      }

      Map<String, Tensor> tensors = new LinkedHashMap<>();
      for (Entry en : entries) {
        float[] data = FileIO.readFloats(ch, file, dataStart + en.begin, en.count, en.dtype);
        tensors.put(en.name, Tensor.of(data, en.shape));
      }
      return new SafeTensorsFile(tensors, metadata);
    }
  }

  /**
   * Writes F32 tensors in the given order with contiguous offsets and an optional metadata map
   * (omitted from the file when empty), atomically.
   */
  public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata)
      throws IOException {
    Map<String, Object> header = new LinkedHashMap<>();
    if (!metadata.isEmpty()) {
      for (Map.Entry<String, String> m : metadata.entrySet()) {
        if (m.getKey() == null || m.getValue() == null) {
          throw new IllegalArgumentException(file + ": metadata keys and values must not be null, found " + m);
        }
      }
      header.put(METADATA, metadata);
    }
    long offset = 0;
    for (Map.Entry<String, Tensor> t : tensors.entrySet()) {
      if (t.getKey() == null || t.getKey().equals(METADATA)) {
        throw new IllegalArgumentException(file + ": expected a tensor name other than " + METADATA
            + " or null, found " + t.getKey());
      }
      long bytes = 4L * t.getValue().size();
      Map<String, Object> desc = new LinkedHashMap<>();
      desc.put("dtype", "F32");
      desc.put("shape", Arrays.stream(t.getValue().shape()).boxed().toList());
      desc.put("data_offsets", List.of(offset, offset + bytes));
      header.put(t.getKey(), desc);
      offset += bytes;
    }
    byte[] json = JSON.std.asString(header).getBytes(StandardCharsets.UTF_8);
    // Pad with spaces to a multiple of 8 so the data section is 8-byte aligned, as the reference does.
    int padded = (json.length + 7) / 8 * 8;
    ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
    head.putLong(padded).put(json);
    while (head.hasRemaining()) {
      head.put((byte) ' ');
    }
    head.flip();
    FileIO.atomicWrite(file, ch -> {
      FileIO.writeFully(ch, head);
      for (Tensor t : tensors.values()) {
        FileIO.writeFloats(ch, t.data());
      }
    });
  }

  private static Map<String, String> metadata(Path file, Object value) {
    if (!(value instanceof Map<?, ?> m)) {
      throw fail(file, METADATA + " as an object of strings", show(value));
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : m.entrySet()) {
      if (!(e.getValue() instanceof String s)) {
        throw fail(file, METADATA + "." + e.getKey() + " as a string", show(e.getValue()));
      }
      out.put((String) e.getKey(), s);
    }
    return out;
  }

  private static Entry entry(Path file, String name, Object value, long dataLen) {
    if (!(value instanceof Map<?, ?> m)) {
      throw fail(file, name, "an object with dtype, shape and data_offsets", show(value));
    }
    Dtype dtype = m.get("dtype") instanceof String s ? DTYPES.get(s) : null;
    if (dtype == null) {
      throw fail(file, name, "dtype F32, F64, F16 or BF16", show(m.get("dtype")));
    }
    if (!(m.get("shape") instanceof List<?> dims)) {
      throw fail(file, name, "shape as a list of non-negative ints", show(m.get("shape")));
    }
    int[] shape = new int[dims.size()];
    long count = 1;
    for (int i = 0; i < shape.length; i++) {
      long d = nonNegative(dims.get(i));
      if (d < 0 || d > Integer.MAX_VALUE) {
        throw fail(file, name, "shape as a list of non-negative ints", show(dims));
      }
      shape[i] = (int) d;
      count *= d; // bounded below, so this product of int-sized factors cannot overflow a long
      if (count > Integer.MAX_VALUE - 8) {
        throw fail(file, name, "at most " + (Integer.MAX_VALUE - 8) + " elements", "shape " + show(dims));
      }
    }
    List<?> offs = m.get("data_offsets") instanceof List<?> l ? l : List.of();
    long begin = offs.size() == 2 ? nonNegative(offs.get(0)) : -1;
    long end = offs.size() == 2 ? nonNegative(offs.get(1)) : -1;
    if (begin < 0 || end < begin || end > dataLen) {
      throw fail(file, name, "data_offsets [begin, end] with 0 <= begin <= end <= " + dataLen
          + " (data section length)", show(m.get("data_offsets")));
    }
    if (end - begin != count * dtype.size) {
      throw fail(file, name, (count * dtype.size) + " bytes for shape " + Arrays.toString(shape) + " of "
          + dtype, (end - begin) + " bytes at data_offsets " + show(offs));
    }
    return new Entry(name, dtype, shape, (int) count, begin, end);
  }

  /** The value of a JSON integer that is >= 0 and fits a long, else -1. */
  private static long nonNegative(Object o) {
    return (o instanceof Integer || o instanceof Long) && ((Number) o).longValue() >= 0
        ? ((Number) o).longValue() : -1;
  }

  private static String range(Entry e) {
    return "[" + e.begin + ", " + e.end + "]";
  }

  /** Compact JSON of a header value for messages, kept to one short line. */
  private static String show(Object o) {
    String s;
    try {
      s = o == null ? "nothing" : JSON.std.asString(o);
    } catch (IOException e) {
      s = String.valueOf(o);
    }
    return s.length() > 120 ? s.substring(0, 120) + "..." : s;
  }

  private static FormatException fail(Path file, String expected, String found) {
    return new FormatException(file + ": expected " + expected + ", found " + found);
  }

  private static FormatException fail(Path file, String tensor, String expected, String found) {
    return new FormatException(file + ": tensor '" + tensor + "': expected " + expected + ", found " + found);
  }
}
