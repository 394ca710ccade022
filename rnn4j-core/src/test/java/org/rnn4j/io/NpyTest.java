package org.rnn4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rnn4j.io.TestFiles.concat;
import static org.rnn4j.io.TestFiles.f32;
import static org.rnn4j.io.TestFiles.f64;
import static org.rnn4j.io.TestFiles.npy;
import static org.rnn4j.io.TestFiles.npyDict;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.tensor.Tensor;

class NpyTest {
  @TempDir Path dir;

  private Path file(byte[] bytes) throws IOException {
    return Files.write(dir.resolve("x.npy"), bytes);
  }

  @Test
  void roundTripsEveryRank() throws IOException {
    for (int[] shape : new int[][] {{}, {5}, {2, 3}, {7, 3, 5}, {2, 0, 4}}) {
      float[] data = new float[Tensor.sizeOf(shape)];
      for (int i = 0; i < data.length; i++) {
        data[i] = i * 0.5f - 3f;
      }
      Path f = dir.resolve("t.npy");
      Npy.write(f, Tensor.of(data, shape));
      Tensor back = Npy.read(f);
      assertThat(back.shape()).as(Arrays.toString(shape)).isEqualTo(shape);
      assertThat(back.data()).isEqualTo(data);
    }
  }

  @Test
  void writesNumpyLayout() throws IOException {
    Path f = dir.resolve("t.npy");
    Npy.write(f, Tensor.zeros(1, 2, 4));
    byte[] b = Files.readAllBytes(f);
    int headerLen = (b[8] & 0xff) | (b[9] & 0xff) << 8;
    String header = new String(b, 10, headerLen, StandardCharsets.ISO_8859_1);
    assertThat(b[6]).isEqualTo((byte) 1);
    assertThat((10 + headerLen) % 64).isZero();
    assertThat(header).startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2, 4), }").endsWith(" \n");
    assertThat(b.length).isEqualTo(10 + headerLen + 8 * 4);
    // byte-identical to numpy's own file of the same shape
    byte[] numpy = Files.readAllBytes(Path.of("src/test/resources/reference/torch/lstm_1l/h0.npy"));
    assertThat(Arrays.copyOf(b, 128)).isEqualTo(Arrays.copyOf(numpy, 128));
  }

  @Test
  void writeReplacesAtomicallyAndLeavesNoTempFiles() throws IOException {
    Path f = dir.resolve("t.npy");
    Npy.write(f, Tensor.zeros(100));
    Npy.write(f, Tensor.of(new float[] {1, 2}, 2));
    assertThat(Npy.read(f).data()).containsExactly(1f, 2f);
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(f);
    }
    // permissions are those of any new file (umask), not a temp file's owner-only 0600
    if (f.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Path plain = Files.write(dir.resolve("plain"), new byte[0]);
      assertThat(Files.getPosixFilePermissions(f)).isEqualTo(Files.getPosixFilePermissions(plain));
    }
  }

  @Test
  void readsScalarAndVersion2And3() throws IOException {
    Tensor s = Npy.read(file(npy(1, npyDict("<f4", "()"), f32(2.5f))));
    assertThat(s.shape()).isEmpty();
    assertThat(s.data()).containsExactly(2.5f);
    assertThat(Npy.read(file(npy(2, npyDict("<f4", "(3,)"), f32(1, 2, 3)))).data()).containsExactly(1f, 2f, 3f);
    assertThat(Npy.read(file(npy(3, npyDict("<f4", "(1, 1)"), f32(4)))).shape()).containsExactly(1, 1);
  }

  @Test
  void convertsFloat64ToFloat32() throws IOException {
    double[] v = {0.1, -1e-3, 123456.789, Math.PI, -0.0, 1e300};
    Tensor t = Npy.read(file(npy(1, npyDict("<f8", "(2, 3)"), f64(v))));
    assertThat(t.shape()).containsExactly(2, 3);
    for (int i = 0; i < v.length; i++) {
      assertThat(t.data()[i]).isEqualTo((float) v[i]);
    }
  }

  @Test
  void largeArraysSpanSeveralIoChunks() throws IOException {
    float[] data = new float[300_001]; // > 1 MB as float32
    for (int i = 0; i < data.length; i++) {
      data[i] = i;
    }
    Path f = dir.resolve("big.npy");
    Npy.write(f, Tensor.of(data, data.length));
    assertThat(Npy.read(f).data()).isEqualTo(data);
    double[] d = new double[140_000]; // > 1 MB as float64
    for (int i = 0; i < d.length; i++) {
      d[i] = -i;
    }
    float[] got = Npy.read(file(npy(1, npyDict("<f8", "(140000,)"), f64(d)))).data();
    assertThat(got[131_071]).isEqualTo(-131_071f);
    assertThat(got[131_072]).isEqualTo(-131_072f);
    assertThat(got[139_999]).isEqualTo(-139_999f);
  }

  @Test
  void convertsIntegerAndBoolClassIndices() throws IOException {
    assertThat(Npy.read(file(npy(1, npyDict("<i8", "(3,)"), TestFiles.i64(0, 7, -2)))).data())
        .containsExactly(0f, 7f, -2f);
    assertThat(Npy.read(file(npy(1, npyDict("<i4", "(2,)"), TestFiles.i32(3, 9)))).data())
        .containsExactly(3f, 9f);
    assertThat(Npy.read(file(npy(1, npyDict("|u1", "(2,)"), new byte[] {(byte) 255, 4}))).data())
        .containsExactly(255f, 4f);
    assertThat(Npy.read(file(npy(1, npyDict("|b1", "(3,)"), new byte[] {1, 0, 1}))).data())
        .containsExactly(1f, 0f, 1f);
  }

  @Test
  void rejectsBadMagic() throws IOException {
    byte[] b = npy(1, npyDict("<f4", "(1,)"), f32(1));
    b[1] = 'X';
    assertThatThrownBy(() -> Npy.read(file(b))).isInstanceOf(FormatException.class)
        .hasMessageContaining("x.npy: expected npy magic").hasMessageContaining("found bytes 93");
  }

  @Test
  void rejectsUnsupportedVersion() throws IOException {
    byte[] b = npy(1, npyDict("<f4", "(1,)"), f32(1));
    b[6] = 4;
    assertThatThrownBy(() -> Npy.read(file(b))).isInstanceOf(FormatException.class)
        .hasMessageContaining("expected npy version 1.0, 2.0 or 3.0, found version 4.0");
  }

  @Test
  void rejectsHeaderLengthBeyondFile() throws IOException {
    byte[] b = npy(1, npyDict("<f4", "(1,)"), f32(1));
    b[8] = (byte) 0xff;
    b[9] = (byte) 0x7f;
    assertThatThrownBy(() -> Npy.read(file(b))).isInstanceOf(FormatException.class)
        .hasMessageContaining("expected a header of 32767 bytes inside the file");
  }

  @Test
  void rejectsUnsupportedDtypes() throws IOException {
    for (String descr : new String[] {">f4", "<i2", "|O", "<c8", "<f2"}) {
      byte[] b = npy(1, npyDict(descr, "(1,)"), new byte[8]);
      assertThatThrownBy(() -> Npy.read(file(b))).as(descr).isInstanceOf(FormatException.class)
          .hasMessageContaining("x.npy: expected dtype '<f4', '<f8'").hasMessageEndingWith("found '" + descr + "'");
    }
  }

  @Test
  void rejectsStructuredDtype() throws IOException {
    byte[] b = npy(1, "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }", f32(1));
    assertThatThrownBy(() -> Npy.read(file(b))).isInstanceOf(FormatException.class)
        .hasMessageContaining("expected a dtype string under 'descr'");
  }

  @Test
  void rejectsFortranOrder() throws IOException {
    byte[] b = npy(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }", f32(1, 2, 3, 4));
    assertThatThrownBy(() -> Npy.read(file(b))).isInstanceOf(FormatException.class)
        .hasMessage(dir.resolve("x.npy") + ": expected C order (fortran_order: False), found fortran_order: True");
  }

  @Test
  void rejectsTruncatedAndOverlongData() throws IOException {
    byte[] truncated = npy(1, npyDict("<f4", "(2, 3)"), f32(1, 2, 3, 4, 5));
    assertThatThrownBy(() -> Npy.read(file(truncated))).isInstanceOf(FormatException.class)
        .hasMessageContaining("expected 24 data bytes for shape [2, 3] of '<f4', found 20 bytes");
    byte[] extra = concat(npy(1, npyDict("<f8", "(1,)"), f64(1)), new byte[3]);
    assertThatThrownBy(() -> Npy.read(file(extra))).isInstanceOf(FormatException.class)
        .hasMessageContaining("expected 8 data bytes for shape [1] of '<f8', found 11 bytes");
  }

  @Test
  void rejectsHugeShapeBeforeAllocating() throws IOException {
    byte[] b = npy(1, npyDict("<f4", "(100000, 100000)"), f32(1));
    assertThatThrownBy(() -> Npy.read(file(b))).isInstanceOf(FormatException.class)
        .hasMessageContaining("elements, found shape [100000, 100000]");
  }

  @Test
  void rejectsBadShapeAndTinyFile() throws IOException {
    byte[] neg = npy(1, npyDict("<f4", "(-1,)"), f32(1));
    assertThatThrownBy(() -> Npy.read(file(neg))).isInstanceOf(FormatException.class)
        .hasMessageContaining("expected non-negative int dimensions in shape, found (-1,)");
    assertThatThrownBy(() -> Npy.read(file(new byte[] {(byte) 0x93, 'N'}))).isInstanceOf(FormatException.class)
        .hasMessageContaining("expected an npy file of at least 10 bytes, found 2 bytes");
  }
}
