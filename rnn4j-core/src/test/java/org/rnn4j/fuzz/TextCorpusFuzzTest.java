package org.rnn4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import org.rnn4j.data.TextCorpus;
import org.rnn4j.data.Vocabulary;

/**
 * Any bytes as a text corpus (strict UTF-8 decoding, vocabulary, encoding): a corpus whose
 * vocabulary survives its JSON form and decodes the tokens back, or an IllegalArgumentException.
 */
class TextCorpusFuzzTest {
  @FuzzTest(maxDuration = Contract.DURATION)
  void fromUtf8(byte[] data) throws Exception {
    Contract.run(IllegalArgumentException.class, () -> {
      TextCorpus c = TextCorpus.fromUtf8("corpus.txt", data);
      Vocabulary v = Vocabulary.fromJson(c.vocabulary().toJson());
      int[] tokens = c.tokens().toArray();
      if (!Arrays.equals(v.encode(v.decode(tokens)), tokens)) {
        throw new AssertionError("vocabulary round trip changed the tokens");
      }
    });
  }
}
