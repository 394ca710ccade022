package org.rnn4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A text read from disk in constant memory gives the tokens the in-memory encoding gives. */
class TextFileTest {
  @TempDir Path dir;

  @Test
  void readersFromAnyPositionsGiveTheTokensOfTheTextInMemory() throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 0; text.length() < 3 * TextFile.READER_BUFFER; i++) {
      text.append("Grüße, €").append(i).append(" 𝄞 ");
    }
    Vocabulary v = Vocabulary.of(text.toString());
    int[] expected = v.encode(text.toString());
    Path file = dir.resolve("t.txt");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    try (TextFile f = TextFile.open(file, v)) {
      assertThat(f.length()).isEqualTo(expected.length);
      assertThat(f.tokens()).containsExactly(expected);
      long[] positions = {0, 1, 1, 17, expected.length / 2, expected.length - 1};
      IntSupplier[] readers = f.readers(positions);
      for (int k = 0; k < positions.length; k++) {
        for (int i = (int) positions[k]; i < Math.min(expected.length, positions[k] + 2 * TextFile.READER_BUFFER); i++) {
          assertThat(readers[k].getAsInt()).as("reader %d at %d", k, i).isEqualTo(expected[i]);
        }
      }
      assertThatThrownBy(readers[5]::getAsInt).hasMessageContaining("read past the end");
      assertThatThrownBy(() -> f.readers(new long[] {3, 2})).hasMessageContaining("expected ascending values in [0, ");
      assertThatThrownBy(() -> f.readers(new long[] {expected.length})).hasMessageContaining("expected ascending values");
    }
  }

  @Test
  void aByteOrderMarkIsSkippedAndBadTextIsNamed() throws Exception {
    Path file = dir.resolve("t.txt");
    Files.write(file, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', 'b', 'a'});
    Vocabulary v = Vocabulary.of("ab");
    try (TextFile f = TextFile.open(file, v)) {
      assertThat(f.tokens()).containsExactly(0, 1, 0);
    }
    Files.writeString(file, "abxa");
    assertThatThrownBy(() -> TextFile.open(file, v))
        .hasMessageStartingWith(file + ": text: expected symbols of the model's vocabulary, found 'x' U+0078 at character 2");
    Files.write(file, new byte[] {'a', (byte) 0xC0, (byte) 0x80});
    assertThatThrownBy(() -> TextFile.open(file, v)).hasMessage(file + ": expected UTF-8 text, found invalid bytes C0 at byte offset 1");
  }
}
