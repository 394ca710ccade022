package org.rnn4j.lm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.data.TextFile;
import org.rnn4j.data.Vocabulary;
import org.rnn4j.io.FormatException;
import org.rnn4j.io.ModelFile;
import org.rnn4j.model.RnnModel;
import org.rnn4j.tensor.Tensor;

class BitsPerCharacterTest {
  @TempDir Path dir;

  @Test
  void aModelThatIgnoresItsInputScoresTheHandComputedBits() {
    // All weights zero: the LSTM's cell and hidden state stay 0, so every prediction is softmax(head bias) = q.
    Vocabulary v = Vocabulary.of("abc");
    CharModel lm = CharModel.create(v, "lstm", 4, 1, 0, 1);
    Arrays.fill(lm.model().parameters().values(), 0f);
    double[] q = {0.5, 0.25, 0.25};
    lm.model().parameters().set("head.bias", Tensor.of(new float[] {(float) Math.log(q[0]), (float) Math.log(q[1]),
        (float) Math.log(q[2])}, 3));
    // "abcaab": predictions b, c, a, a, b cost 2 + 2 + 1 + 1 + 2 bits.
    assertThat(BitsPerCharacter.of(lm, v.encode("abcaab"))).isCloseTo(8.0 / 5, within(1e-6));
  }

  @Test
  void chunkingCarriesTheStateAndEqualsAStepByStepSum() {
    Vocabulary v = Vocabulary.of("the cat sat on a mat");
    CharModel lm = CharModel.create(v, "gru", 8, 2, 0, 3);
    int[] tokens = v.encode("a cat sat on the mat the mat sat on a cat");
    double byHand = 0;
    Tensor[] state = null;
    for (int t = 0; t + 1 < tokens.length; t++) {
      RnnModel.Output o = lm.model().step(Tensor.of(new float[] {tokens[t]}, 1), state);
      byHand -= Math.log(o.output().data()[tokens[t + 1]]) / Math.log(2);
      state = o.finalStates();
    }
    byHand /= tokens.length - 1;
    for (int chunk : new int[] {1, 5, 256}) {
      assertThat(BitsPerCharacter.of(lm.model(), tokens, chunk)).as("chunk " + chunk).isCloseTo(byHand, within(1e-5));
    }
    assertThatThrownBy(() -> BitsPerCharacter.of(lm, new int[] {1})).hasMessageContaining("at least 2 characters");
  }

  @Test
  void aTextOnDiskScoresAsTheSameTextInMemory() throws Exception {
    String text = "the cat sat on the mat; a mat sat on the cat. ".repeat(200);
    Vocabulary v = Vocabulary.of(text);
    CharModel lm = CharModel.create(v, "lstm", 8, 1, 0, 5);
    Path file = dir.resolve("t.txt");
    Files.writeString(file, text);
    int[] tokens = v.encode(text);
    try (TextFile f = TextFile.open(file, v)) {
      for (int[] streamsAndWarmup : new int[][] {{1, 0}, {3, 0}, {7, 40}, {64, 5000}}) {
        int b = streamsAndWarmup[0], warmup = streamsAndWarmup[1];
        assertThat(BitsPerCharacter.streams(lm.model().packed(), f, b, warmup)).as("%d streams", b)
            .isEqualTo(BitsPerCharacter.streams(lm.model().packed(), tokens, b, warmup));
      }
    }
  }

  /** Constant memory: scoring a text on disk allocates the same for a text ten times as long (buffers only). */
  @Test
  void scoringATextOnDiskAllocatesNothingPerCharacter() throws Exception {
    String line = "It was the best of times, it was the worst of times.\n";
    Vocabulary v = Vocabulary.of(line);
    CharModel lm = CharModel.create(v, "gru", 4, 1, 0, 6);
    Path small = dir.resolve("small.txt"), large = dir.resolve("large.txt");
    Files.writeString(small, line.repeat(4_000)); // 212 KB
    Files.writeString(large, line.repeat(40_000)); // 2.1 MB
    allocatedScoring(lm, small); // warm-up: the JIT compiles the loop
    long a = allocatedScoring(lm, small), b = allocatedScoring(lm, large);
    assertThat(b - a).as("bytes allocated for 1.9 M more characters (%d, then %d)", a, b).isLessThan(64 << 10);
  }

  private static long allocatedScoring(CharModel lm, Path file) throws Exception {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    try (TextFile f = TextFile.open(file, lm.vocabulary())) {
      BitsPerCharacter.streams(lm.model().packed(), f, 4, 16);
    }
    return threads.getCurrentThreadAllocatedBytes() - before;
  }

  @Test
  void aModelFileCarriesItsVocabulary() throws Exception {
    Vocabulary v = Vocabulary.of("hello, world\n");
    CharModel lm = CharModel.create(v, "lstm", 5, 1, 0, 4);
    Path file = dir.resolve("lm.safetensors");
    lm.save(file, Map.of("rnn4j.trained_steps", "7"));
    CharModel back = CharModel.load(file);
    assertThat(back.vocabulary().toJson()).isEqualTo(v.toJson());
    assertThat(back.model().parameters().values()).containsExactly(lm.model().parameters().values());
    assertThat(back.defaultPrime()).isEqualTo("\n");

    Path plain = dir.resolve("plain.safetensors");
    ModelFile.save(plain, lm.model());
    assertThatThrownBy(() -> CharModel.load(plain)).isInstanceOf(FormatException.class)
        .hasMessageContaining("expected a character model with metadata 'rnn4j.vocab'");
  }
}
