package org.rnn4j.seq2seq;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnn4j.data.Vocabulary;

/**
 * The text side of a sequence-to-sequence model, stored in its file beside the config: the source
 * and target vocabularies (one token level) and the longest target it trained on, in tokens,
 * which bounds generation ({@link #maxSteps}). The target vocabulary reserves
 * {@link Seq2Seq#TARGET_RESERVED} at ids {@link Seq2Seq#BOS} and {@link Seq2Seq#EOS}.
 */
public record Seq2SeqText(Vocabulary source, Vocabulary target, int longestTarget) {
  private static final String SOURCE_KEY = "seq2seq.source_vocab", TARGET_KEY = "seq2seq.target_vocab",
      LONGEST_KEY = "seq2seq.longest_target";

  public Seq2SeqText {
    if (source.level() != target.level()) {
      throw new IllegalArgumentException("seq2seq vocabularies: expected one token level, found source "
          + source.level().id() + " and target " + target.level().id());
    }
    if (target.reserved().size() < 2 || !target.reserved().subList(0, 2).equals(Seq2Seq.TARGET_RESERVED)) {
      throw new IllegalArgumentException("seq2seq target vocabulary: expected reserved " + Seq2Seq.TARGET_RESERVED
          + " first, found " + target.reserved());
    }
    if (longestTarget < 0) {
      throw new IllegalArgumentException("seq2seq longest target: expected a count of tokens, found " + longestTarget);
    }
  }

  /**
   * The vocabularies of training pairs at a token level. The source vocabulary reserves
   * {@link Vocabulary#UNK}, so a symbol never seen in training maps to it when translating (its
   * embedding is never trained: the model sees "something unknown here"); the target needs no
   * unknown token, since only symbols it has are ever generated.
   */
  public static Seq2SeqText of(List<Seq2SeqTask.Pair> training, Vocabulary.Level level) {
    Collection<String> sources = training.stream().map(Seq2SeqTask.Pair::source).toList();
    Collection<String> targets = training.stream().map(Seq2SeqTask.Pair::target).toList();
    Vocabulary target = Vocabulary.build(level, Seq2Seq.TARGET_RESERVED, targets);
    int longest = 0;
    for (String t : targets) {
      longest = Math.max(longest, Vocabulary.split(level, t).size());
    }
    return new Seq2SeqText(Vocabulary.build(level, List.of(Vocabulary.UNK), sources), target, longest);
  }

  public Vocabulary.Level level() {
    return source.level();
  }

  /** The bound on generated tokens, EOS included: twice the longest training target, plus 2. */
  public int maxSteps() {
    return 2 * longestTarget + 2;
  }

  public Map<String, String> toMetadata() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(SOURCE_KEY, source.toJson());
    m.put(TARGET_KEY, target.toJson());
    m.put(LONGEST_KEY, Integer.toString(longestTarget));
    return m;
  }

  /** Whether a model file's metadata has a text side. */
  public static boolean isStoredIn(Map<String, String> metadata) {
    return metadata.containsKey(SOURCE_KEY);
  }

  /** Reads {@link #toMetadata}; a missing or malformed entry is named in the error. */
  public static Seq2SeqText fromMetadata(Map<String, String> m) {
    String longest = require(m, LONGEST_KEY);
    if (!longest.matches("[0-9]{1,9}")) {
      throw new IllegalArgumentException("metadata '" + LONGEST_KEY + "': expected a count of tokens, found '" + longest
          + "'");
    }
    return new Seq2SeqText(vocabulary(m, SOURCE_KEY), vocabulary(m, TARGET_KEY), Integer.parseInt(longest));
  }

  private static Vocabulary vocabulary(Map<String, String> m, String key) {
    try {
      return Vocabulary.fromJson(require(m, key));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("metadata '" + key + "': " + e.getMessage());
    }
  }

  private static String require(Map<String, String> m, String key) {
    String v = m.get(key);
    if (v == null) {
      throw new IllegalArgumentException("expected metadata key '" + key + "', found none");
    }
    return v;
  }
}
