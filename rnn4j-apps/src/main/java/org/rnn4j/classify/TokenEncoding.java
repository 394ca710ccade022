package org.rnn4j.classify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnn4j.data.Vocabulary;

/**
 * Texts as token ids of a {@link Vocabulary} (characters or words) whose one reserved token,
 * id 0, is {@link Vocabulary#UNK}: every token not seen in training maps to it.
 */
public record TokenEncoding(Vocabulary vocabulary) implements SequenceEncoding {
  static final String INPUT = "tokens";

  public TokenEncoding {
    if (!vocabulary.reserved().equals(List.of(Vocabulary.UNK))) {
      throw new IllegalArgumentException("classifier vocabulary: expected the one reserved token " + Vocabulary.UNK
          + ", found " + vocabulary.reserved());
    }
  }

  /** The vocabulary of the training texts at {@code level}, after the unknown token. */
  public static TokenEncoding fit(Vocabulary.Level level, List<String> texts) {
    return new TokenEncoding(Vocabulary.build(level, List.of(Vocabulary.UNK), texts));
  }

  public Vocabulary.Level level() {
    return vocabulary.level();
  }

  /** A text's token ids; a text without tokens (empty, or blank at word level) reads as one unknown token. */
  public Sequence encode(String text) {
    int[] ids = vocabulary.encode(text);
    if (ids.length == 0) {
      ids = new int[] {vocabulary.id(Vocabulary.UNK)};
    }
    float[] values = new float[ids.length];
    for (int i = 0; i < ids.length; i++) {
      values[i] = ids[i];
    }
    return new Sequence(values, ids.length);
  }

  @Override
  public int inputSize() {
    return vocabulary.size();
  }

  @Override
  public boolean tokenInput() {
    return true;
  }

  @Override
  public Map<String, String> metadata() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(SequenceClassifier.PREFIX + "input", INPUT);
    m.put(SequenceClassifier.PREFIX + "vocab", vocabulary.toJson());
    return m;
  }

  static TokenEncoding fromMetadata(Map<String, String> m) {
    return new TokenEncoding(Vocabulary.fromJson(SequenceClassifier.require(m, "vocab")));
  }
}
