package org.rnn4j.classify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Texts as token indices: cut at {@code level}, looked up in {@code vocabulary} (unknown tokens share one index). */
public record TokenEncoding(TokenLevel level, TokenVocabulary vocabulary) implements SequenceEncoding {
  static final String INPUT = "tokens";

  /** The vocabulary of the training texts. */
  public static TokenEncoding fit(TokenLevel level, List<String> texts) {
    return new TokenEncoding(level, TokenVocabulary.of(texts.stream().map(level::split).toList()));
  }

  /** A text's token indices; a text without tokens (empty, or blank at word level) reads as one unknown token. */
  public Sequence encode(String text) {
    int[] ids = vocabulary.encode(level.split(text));
    if (ids.length == 0) {
      ids = new int[] {TokenVocabulary.UNKNOWN};
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
    m.put(SequenceClassifier.PREFIX + "tokens", level.id());
    m.put(SequenceClassifier.PREFIX + "vocab", vocabulary.toJson());
    return m;
  }

  static TokenEncoding fromMetadata(Map<String, String> m) {
    return new TokenEncoding(TokenLevel.parse(SequenceClassifier.require(m, "tokens")),
        TokenVocabulary.fromJson(SequenceClassifier.require(m, "vocab")));
  }
}
