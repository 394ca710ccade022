package org.rnn4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.rnn4j.data.Vocabulary;

/** Any text as a model file's vocabulary entry: a vocabulary or an IllegalArgumentException. */
class VocabularyFuzzTest {
  @FuzzTest(maxDuration = Contract.DURATION)
  void fromJson(byte[] data) throws Exception {
    Contract.run(IllegalArgumentException.class, () -> {
      Vocabulary v = Vocabulary.fromJson(new String(data, StandardCharsets.UTF_8));
      if (v.size() < 1 || !Vocabulary.fromJson(v.toJson()).toJson().equals(v.toJson())) {
        throw new AssertionError("vocabulary does not survive its JSON form");
      }
    });
  }
}
