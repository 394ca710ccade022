package org.rnn4j.classify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The tokens a classifier knows, from its training texts: index {@value #UNKNOWN} stands for any
 * token it never saw, the known tokens follow in ascending (String) order, so the same texts
 * always give the same indices. Stored in a model file as a JSON array of the known tokens.
 */
public final class TokenVocabulary {
  /** The index of every token outside the vocabulary. */
  public static final int UNKNOWN = 0;

  private final List<String> tokens; // index i + 1
  private final Map<String, Integer> index = new HashMap<>();

  private TokenVocabulary(List<String> tokens) {
    this.tokens = List.copyOf(tokens);
    for (int i = 0; i < this.tokens.size(); i++) {
      if (index.put(this.tokens.get(i), i + 1) != null) {
        throw new IllegalArgumentException("vocabulary: expected distinct tokens, found '" + this.tokens.get(i) + "' twice");
      }
    }
  }

  /** The distinct tokens of the given token lists. */
  public static TokenVocabulary of(Collection<List<String>> texts) {
    TreeSet<String> distinct = new TreeSet<>();
    texts.forEach(distinct::addAll);
    return new TokenVocabulary(new ArrayList<>(distinct));
  }

  /** Indices in [0, size()); unknown tokens map to {@value #UNKNOWN}. */
  public int[] encode(List<String> text) {
    int[] ids = new int[text.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = index.getOrDefault(text.get(i), UNKNOWN);
    }
    return ids;
  }

  /** Known tokens plus the unknown one: the model's input size V. */
  public int size() {
    return tokens.size() + 1;
  }

  public String toJson() {
    return JsonLists.write(tokens);
  }

  /** Reads what {@link #toJson} wrote. */
  public static TokenVocabulary fromJson(String json) {
    return new TokenVocabulary(JsonLists.strings("vocabulary", json));
  }
}
