package org.rnn4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rnn4j.io.TestFiles.concat;
import static org.rnn4j.io.TestFiles.f32;
import static org.rnn4j.io.TestFiles.f64;
import static org.rnn4j.io.TestFiles.le64;
import static org.rnn4j.io.TestFiles.safetensors;
import static org.rnn4j.io.TestFiles.u16;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.tensor.Tensor;

class SafeTensorsTest {
  @TempDir Path dir;

  private Path file(byte[] bytes) throws IOException {
    return Files.write(dir.resolve("m.safetensors"), bytes);
  }

  private AbstractThrowableAssert<?, ? extends Throwable> assertRejects(String json, byte[] data) throws IOException {
    Path f = file(safetensors(json, data));
    return assertThatThrownBy(() -> SafeTensors.read(f)).isInstanceOf(FormatException.class)
        .hasMessageStartingWith(f + ": ");
  }

  @Test
  void roundTripsTensorsInOrderWithMetadata() throws IOException {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("weight_ih_l0", Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2));
    tensors.put("bias", Tensor.of(new float[] {-1.5f, 0}, 2));
    tensors.put("scalar", Tensor.of(new float[] {7}));
    tensors.put("empty", Tensor.zeros(0, 4));
    tensors.put("a_last", Tensor.of(new float[] {Float.NaN, Float.NEGATIVE_INFINITY}, 1, 2));
    Map<String, String> meta = Map.of("module", "LSTM", "hidden_size", "6");
    Path f = dir.resolve("m.safetensors");
    SafeTensors.write(f, tensors, meta);

    SafeTensorsFile back = SafeTensors.read(f);
    assertThat(back.metadata()).isEqualTo(meta);
    assertThat(back.tensors().keySet()).containsExactlyElementsOf(tensors.keySet());
    for (String name : tensors.keySet()) {
      assertThat(back.tensor(name).shape()).as(name).isEqualTo(tensors.get(name).shape());
      assertThat(back.tensor(name).data()).as(name).isEqualTo(tensors.get(name).data());
    }
    assertThatThrownBy(() -> back.tensor("nope")).hasMessageContaining("no tensor named 'nope'; have [weight_ih_l0");
  }

  @Test
  void writesAlignedContiguousF32() throws IOException {
    Path f = dir.resolve("m.safetensors");
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("b", Tensor.zeros(3));
    tensors.put("a", Tensor.zeros(2, 2));
    SafeTensors.write(f, tensors, Map.of());
    byte[] bytes = Files.readAllBytes(f);
    long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
    assertThat(n % 8).isZero();
    assertThat(header.strip()).isEqualTo("{\"b\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,12]},"
        + "\"a\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[12,28]}}");
    assertThat(bytes.length).isEqualTo(8 + n + 28);
    assertThat(SafeTensors.read(f).metadata()).isEmpty();
  }

  @Test
  void convertsF64F16AndBf16() throws IOException {
    double[] d = {0.1, -2.5, 1e-8, 3.0e38};
    // F16: 1.0, -2.0, 65504 (max), 2^-24 (smallest subnormal); BF16: 1.0, -3.0 (upper halves of floats)
    String json = "{\"d\":{\"dtype\":\"F64\",\"shape\":[2,2],\"data_offsets\":[0,32]},"
        + "\"h\":{\"dtype\":\"F16\",\"shape\":[4],\"data_offsets\":[32,40]},"
        + "\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[40,44]}}";
    SafeTensorsFile st = SafeTensors.read(file(safetensors(json,
        concat(f64(d), u16(0x3c00, 0xc000, 0x7bff, 0x0001), u16(0x3f80, 0xc040)))));
    assertThat(st.tensor("d").shape()).containsExactly(2, 2);
    for (int i = 0; i < d.length; i++) {
      assertThat(st.tensor("d").data()[i]).isEqualTo((float) d[i]);
    }
    assertThat(st.tensor("h").data()).containsExactly(1f, -2f, 65504f, 0x1p-24f);
    assertThat(st.tensor("b").data()).containsExactly(1f, -3f);
  }

  @Test
  void halfPrecisionSpecialValues() {
    assertThat(Dtype.halfToFloat((short) 0x7c00)).isEqualTo(Float.POSITIVE_INFINITY);
    assertThat(Dtype.halfToFloat((short) 0xfc00)).isEqualTo(Float.NEGATIVE_INFINITY);
    assertThat(Dtype.halfToFloat((short) 0x7e00)).isNaN();
    assertThat(Dtype.halfToFloat((short) 0x8000)).isEqualTo(-0f);
    assertThat(Dtype.halfToFloat((short) 0x0400)).isEqualTo(0x1p-14f); // smallest normal
    assertThat(Dtype.halfToFloat((short) 0x3555)).isEqualTo(0.333251953125f);
  }

  @Test
  void rejectsHeaderLengthBeyondFileOrBound() throws IOException {
    Path beyond = file(concat(le64(1000), "{}".getBytes(StandardCharsets.UTF_8)));
    assertThatThrownBy(() -> SafeTensors.read(beyond)).isInstanceOf(FormatException.class)
        .hasMessage(beyond + ": expected a header length of at most 2 bytes (file size - 8), found 1000 bytes");
    Path huge = file(concat(le64(-1), new byte[8]));
    assertThatThrownBy(() -> SafeTensors.read(huge)).isInstanceOf(FormatException.class)
        .hasMessageContaining("expected a header length of at most 100000000 bytes, found 18446744073709551615");
    Path tiny = file(new byte[3]);
    assertThatThrownBy(() -> SafeTensors.read(tiny)).isInstanceOf(FormatException.class)
        .hasMessageContaining("expected at least 8 bytes (the header length), found 3 bytes");
  }

  @Test
  void rejectsHeadersThatAreNotJsonObjects() throws IOException {
    assertRejects("{\"a\": ", new byte[0]).hasMessageContaining("expected a JSON header, found invalid JSON (Unexpected end-of-input");
    assertRejects("[1, 2]", new byte[0]).hasMessageContaining("expected a JSON object as header, found [1,2]");
    String dup = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
        + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}";
    assertRejects(dup, f32(1, 2)).hasMessageContaining("Duplicate field 'a'");
  }

  @Test
  void rejectsOffsetsOutsideTheFile() throws IOException {
    assertRejects("{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", f32(1, 2, 3))
        .hasMessageContaining("tensor 'w': expected data_offsets [begin, end] with 0 <= begin <= end <= 12"
            + " (data section length), found [0,16]");
    assertRejects("{\"w\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[8,4]}}", f32(1, 2, 3))
        .hasMessageContaining("tensor 'w': expected data_offsets").hasMessageEndingWith("found [8,4]");
    assertRejects("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}", f32(1))
        .hasMessageContaining("tensor 'w': expected data_offsets").hasMessageEndingWith("found [0]");
  }

  @Test
  void rejectsOverlappingTensors() throws IOException {
    String json = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
        + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";
    assertRejects(json, f32(1, 2, 3)).hasMessageContaining(
        "tensor 'b': expected data not overlapping tensor 'a' at [0, 8], found data_offsets [4, 12]");
  }

  @Test
  void rejectsShapeSizeMismatch() throws IOException {
    assertRejects("{\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,20]}}", f32(1, 2, 3, 4, 5))
        .hasMessageContaining("tensor 'w': expected 24 bytes for shape [2, 3] of F32, found 20 bytes at data_offsets [0,20]");
  }

  @Test
  void rejectsUnsupportedDtypeAndBadShape() throws IOException {
    assertRejects("{\"w\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}", new byte[8])
        .hasMessageContaining("tensor 'w': expected dtype F32, F64, F16 or BF16, found \"I64\"");
    assertRejects("{\"w\":{\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[4])
        .hasMessageContaining("tensor 'w': expected dtype F32, F64, F16 or BF16, found nothing");
    assertRejects("{\"w\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", new byte[4])
        .hasMessageContaining("tensor 'w': expected shape as a list of non-negative ints, found [-1]");
    assertRejects("{\"w\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}", new byte[4])
        .hasMessageContaining("expected shape as a list of non-negative ints, found [1.5]");
    assertRejects("{\"w\":{\"dtype\":\"F32\",\"shape\":[65536,65536],\"data_offsets\":[0,4]}}", new byte[4])
        .hasMessageContaining("elements, found shape [65536,65536]");
    assertRejects("{\"w\":[1,2]}", new byte[4])
        .hasMessageContaining("tensor 'w': expected an object with dtype, shape and data_offsets, found [1,2]");
  }

  @Test
  void rejectsNonStringMetadata() throws IOException {
    assertRejects("{\"__metadata__\":{\"layers\":2}}", new byte[0])
        .hasMessageContaining("expected __metadata__.layers as a string, found 2");
    assertRejects("{\"__metadata__\":[\"x\"]}", new byte[0])
        .hasMessageContaining("expected __metadata__ as an object of strings, found [\"x\"]");
  }

  @Test
  void writeRejectsReservedName() {
    Map<String, Tensor> t = Map.of("__metadata__", Tensor.zeros(1));
    assertThatThrownBy(() -> SafeTensors.write(dir.resolve("m.safetensors"), t, Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("__metadata__");
  }
}
