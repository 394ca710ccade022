package org.rnn4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.function.IntSupplier;
import org.rnn4j.data.TextCorpus;
import org.rnn4j.data.TextFile;

/**
 * Any bytes as a text file read in streaming passes (the 1 MB-buffer reader behind {@code
 * TextCorpus.read} and {@code TextFile}, which eval uses), checked against the in-memory decoder
 * (the JDK's): both refuse the bytes with an IllegalArgumentException naming the same byte offset
 * (the bytes they quote may differ: the JDK may quote a longer malformed sequence), or both
 * give the same vocabulary and tokens, and a {@link TextFile} reader from the middle gives the
 * rest of them.
 */
class TextFileFuzzTest {
  @FuzzTest(maxDuration = Contract.DURATION)
  void read(byte[] data) throws Exception {
    Contract.runOnFile(data, ".txt", IllegalArgumentException.class, file -> {
      TextCorpus inMemory;
      try {
        inMemory = TextCorpus.fromUtf8(file.toString(), data);
      } catch (IllegalArgumentException expected) {
        try {
          TextCorpus.read(file);
        } catch (IllegalArgumentException e) {
          if (!offset(e.getMessage()).equals(offset(expected.getMessage()))) {
            throw new AssertionError("streaming and in-memory decoding disagree: " + e.getMessage() + " / " + expected.getMessage());
          }
          throw e;
        }
        throw new AssertionError("the streaming reader accepted what the in-memory decoder refused: " + expected.getMessage());
      }
      TextCorpus streamed = TextCorpus.read(file);
      int[] tokens = inMemory.tokens().toArray();
      if (!streamed.vocabulary().toJson().equals(inMemory.vocabulary().toJson()) || !Arrays.equals(streamed.tokens().toArray(), tokens)) {
        throw new AssertionError("streaming and in-memory decoding give different tokens");
      }
      try (TextFile text = TextFile.open(file, inMemory.vocabulary())) {
        if (text.length() != tokens.length || !Arrays.equals(text.tokens(), tokens)) {
          throw new AssertionError("TextFile gives other tokens");
        }
        int from = tokens.length / 2;
        IntSupplier reader = text.readers(new long[] {from})[0];
        for (int i = from; i < tokens.length; i++) {
          if (reader.getAsInt() != tokens[i]) {
            throw new AssertionError("TextFile's reader from " + from + " differs at " + i);
          }
        }
      }
    });
  }

  /** The byte offset an error names, or the whole message when it names none (e.g. an empty file). */
  private static String offset(String message) {
    int at = message.lastIndexOf(" at byte offset ");
    return at < 0 ? message : message.substring(at);
  }
}
