package org.rnn4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.model.Batch;

class TextCorpusTest {
  @TempDir Path dir;

  @Test
  void vocabularyIsTheSortedDistinctCodePointsAndEncodingRoundTrips() {
    String text = "banana 🍌 bread\n";
    TextCorpus c = TextCorpus.of("t", text);
    Vocabulary v = c.vocabulary();
    assertThat(v.decode(range(9))).isEqualTo("\n abdenr🍌");
    assertThat(v.size()).isEqualTo(9);
    assertThat(c.size()).isEqualTo(text.codePointCount(0, text.length()));
    assertThat(v.decode(c.tokens().toArray())).isEqualTo(text);
    assertThat(TextCorpus.of("u", "nab").vocabulary().encode("ban")).containsExactly(1, 0, 2);
  }

  @Test
  void vocabularySurvivesItsJsonForm() {
    Vocabulary v = Vocabulary.of("Tab\there, \"quotes\", \\ and ü\n");
    Vocabulary back = Vocabulary.fromJson(v.toJson());
    assertThat(back.decode(range(back.size()))).isEqualTo(v.decode(range(v.size())));
    assertThatThrownBy(() -> Vocabulary.fromJson("\"ba\"")).hasMessageContaining("ascending");
    assertThatThrownBy(() -> Vocabulary.fromJson("[1,2]")).hasMessageContaining("expected a non-empty JSON string");
  }

  @Test
  void unknownSymbolsAreNamed() {
    Vocabulary v = Vocabulary.of("abc");
    assertThatThrownBy(() -> v.encode("abz")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'z' U+007A at character 2");
  }

  @Test
  void theLastTenthIsValidation() {
    String text = "abcdefghij".repeat(10);
    TextCorpus c = TextCorpus.of("t", text);
    assertThat(c.training().size()).isEqualTo(90);
    assertThat(c.validation().size()).isEqualTo(10);
    assertThat(c.vocabulary().decode(c.validation().toArray())).isEqualTo("abcdefghij");
  }

  @Test
  void invalidOrEmptyUtf8IsAClearError() {
    byte[] bad = {'o', 'k', ' ', (byte) 0xC3, (byte) 0x28, 'x'};
    assertThatThrownBy(() -> TextCorpus.fromUtf8("bad.txt", bad)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bad.txt: expected UTF-8 text, found invalid bytes C3 at byte offset 3");
    byte[] truncated = {'a', (byte) 0xE2, (byte) 0x82};
    assertThatThrownBy(() -> TextCorpus.fromUtf8("cut.txt", truncated)).hasMessageContaining("at byte offset 1");
    assertThatThrownBy(() -> TextCorpus.fromUtf8("empty.txt", new byte[0]))
        .hasMessage("empty.txt: expected a non-empty UTF-8 text, found an empty one");
    assertThat(TextCorpus.fromUtf8("bom.txt", "\uFEFFhi".getBytes(StandardCharsets.UTF_8)).size()).isEqualTo(2);
  }

  @Test
  void streamsAreContiguousSlicesReadKStepsAtATime() {
    int[] tokens = range(23); // 22 predictions: 3 streams of 7, one token dropped
    TokenStreams s = new TokenStreams(tokens, 3);
    assertThat(s.length()).isEqualTo(7);
    assertThat(s.windows(3)).isEqualTo(3);
    Batch w0 = s.window(0, 3);
    assertThat(w0.x().shape()).containsExactly(3, 3);
    // Row-major (T, B): step t of stream r is token r·7 + t; its target is the token after it.
    assertThat(w0.x().data()).containsExactly(0, 7, 14, 1, 8, 15, 2, 9, 16);
    assertThat(w0.y().data()).containsExactly(1, 8, 15, 2, 9, 16, 3, 10, 17);
    Batch last = s.window(2, 3); // the remaining single step
    assertThat(last.x().data()).containsExactly(6, 13, 20);
    assertThat(last.y().data()).containsExactly(7, 14, 21);
    assertThatThrownBy(() -> new TokenStreams(range(4), 4)).hasMessageContaining("at least 5 characters for 4 parallel streams");
  }

  @Test
  void theStoryCorpusIsDeterministic() {
    String a = StoryCorpus.generate(7, 5000), b = StoryCorpus.generate(7, 5000);
    assertThat(a).isEqualTo(b).startsWith("Day 1. ").hasSizeGreaterThanOrEqualTo(5000);
    assertThat(StoryCorpus.generate(8, 5000)).isNotEqualTo(a);
  }

  private static int[] range(int n) {
    int[] r = new int[n];
    for (int i = 0; i < n; i++) {
      r[i] = i;
    }
    return r;
  }

  @Test
  void aFileIsReadInTwoStreamingPassesIntoOneBytePerCharacter() throws Exception {
    String text = "banana 🍌 bread\n".repeat(2000);
    Path file = dir.resolve("t.txt");
    Files.write(file, ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8));
    List<String> phases = new ArrayList<>();
    TextCorpus c = TextCorpus.read(file, (phase, done, total) -> phases.add(phase + " " + (done == total)));
    TextCorpus same = TextCorpus.of("t", text);
    assertThat(c.vocabulary().toJson()).isEqualTo(same.vocabulary().toJson());
    assertThat(c.tokens().toArray()).containsExactly(same.tokens().toArray());
    assertThat(c.tokens().bytesPerToken()).isEqualTo(1);
    assertThat(c.training().size() + c.validation().size()).isEqualTo(c.size());
    assertThat(phases).contains("vocabulary true", "encoding true");
  }

  @Test
  void moreThan256SymbolsTakeTwoBytesPerCharacter() throws Exception {
    StringBuilder text = new StringBuilder();
    for (int cp = 0x4E00; cp < 0x4E00 + 300; cp++) {
      text.appendCodePoint(cp);
    }
    Path file = dir.resolve("cjk.txt");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    TextCorpus c = TextCorpus.read(file);
    assertThat(c.vocabulary().size()).isEqualTo(300);
    assertThat(c.tokens().bytesPerToken()).isEqualTo(2);
    assertThat(c.vocabulary().decode(c.tokens().toArray())).isEqualTo(text.toString());
  }

  @Test
  void invalidBytesAreFoundAcrossTheReadBuffersBoundary() throws Exception {
    byte[] bytes = new byte[Utf8Scan.BUFFER + 10];
    Arrays.fill(bytes, (byte) 'a');
    bytes[Utf8Scan.BUFFER - 1] = (byte) 0xE2; // a three-byte sequence cut by the buffer's end, then a bad byte
    bytes[Utf8Scan.BUFFER] = (byte) 0x82;
    Path file = dir.resolve("bad.txt");
    Files.write(file, bytes);
    assertThatThrownBy(() -> TextCorpus.read(file))
        .hasMessage(file + ": expected UTF-8 text, found invalid bytes E2 82 at byte offset " + (Utf8Scan.BUFFER - 1));
    bytes[Utf8Scan.BUFFER + 1] = (byte) 0xAC; // now whole: '€'
    Files.write(file, bytes);
    assertThat(TextCorpus.read(file).vocabulary().decode(new int[] {1})).isEqualTo("€");
    for (byte[] bad : new byte[][] {{'x', (byte) 0xC0, (byte) 0x80}, {'x', (byte) 0xED, (byte) 0xA0, (byte) 0x80},
        {'x', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {'x', (byte) 0xE2, (byte) 0x82}}) {
      Files.write(file, bad);
      assertThatThrownBy(() -> TextCorpus.read(file)).as(Arrays.toString(bad)).hasMessageContaining("at byte offset 1");
      assertThatThrownBy(() -> TextCorpus.fromUtf8("f", bad)).as(Arrays.toString(bad)).hasMessageContaining("at byte offset 1");
    }
    Files.write(file, new byte[0]);
    assertThatThrownBy(() -> TextCorpus.read(file)).hasMessage(file + ": expected a non-empty UTF-8 text, found an empty one");
  }

  @Test
  void tokensAreCompactSlicesOfOneStorage() {
    Tokens t = Tokens.of(new int[] {3, 1, 4, 1, 5});
    assertThat(t.bytesPerToken()).isEqualTo(1);
    Tokens middle = t.slice(1, 4);
    assertThat(middle.toArray()).containsExactly(1, 4, 1);
    assertThat(middle.slice(1, 3).toArray()).containsExactly(4, 1);
    assertThat(Tokens.of(new int[] {300, 0}).bytesPerToken()).isEqualTo(2);
    assertThatThrownBy(() -> middle.get(3)).hasMessageContaining("expected an index in [0, 3), found 3");
  }
}
