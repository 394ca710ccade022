package org.rnn4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileIOTest {
  @TempDir Path dir;

  @Test
  void failedWriteKeepsTheOldFileAndRemovesTheTempFile() throws IOException {
    Path f = Files.writeString(dir.resolve("keep.bin"), "old");
    assertThatThrownBy(() -> FileIO.atomicWrite(f, ch -> {
      FileIO.writeFully(ch, ByteBuffer.wrap(new byte[] {1, 2, 3, 4}));
      throw new IOException("disk full");
    })).hasMessage("disk full");
    assertThat(Files.readString(f)).isEqualTo("old");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(f);
    }
  }

  @Test
  void writesANewFile() throws IOException {
    Path f = dir.resolve("new.bin");
    FileIO.atomicWrite(f, ch -> FileIO.writeFloats(ch, new float[] {1.5f}));
    assertThat(Files.readAllBytes(f)).containsExactly(TestFiles.f32(1.5f));
  }
}
