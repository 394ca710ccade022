package org.rnn4j.seq2seq;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.rnn4j.data.Vocabulary;

/** A built-in sequence-to-sequence task: a seeded generator of (source, target) strings and defaults. */
public interface Seq2SeqTask {
  List<String> NAMES = List.of("reverse", "sort", "dates");

  String name();

  /** One line for help texts. */
  String description();

  Vocabulary sourceVocabulary();

  Vocabulary targetVocabulary();

  /** One random pair. */
  Pair generate(Random rng);

  /** Training and model settings that reach high accuracy in about a minute on two cores. */
  Settings defaults();

  /** A task's source vocabulary: its alphabet in order, nothing reserved (generated sources have no unknown symbols). */
  static Vocabulary source(String alphabet) {
    return Vocabulary.of(Vocabulary.Level.CHAR, List.of(), Vocabulary.split(Vocabulary.Level.CHAR, alphabet));
  }

  /** A task's target vocabulary: {@link Seq2Seq#TARGET_RESERVED}, then its alphabet in order. */
  static Vocabulary target(String alphabet) {
    return Vocabulary.of(Vocabulary.Level.CHAR, Seq2Seq.TARGET_RESERVED, Vocabulary.split(Vocabulary.Level.CHAR, alphabet));
  }

  /** A source text and its translation. */
  record Pair(String source, String target) {}

  /** Default sizes and optimisation settings; the learning rate is multiplied by {@code decay} after every epoch. */
  record Settings(int trainSize, int testSize, int epochs, int batchSize, double learningRate, double decay,
      int hidden, int embedding) {}

  /** A task by name with its default lengths and formats. */
  static Seq2SeqTask create(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "reverse" -> DigitTask.reverse(4, 12);
      case "sort" -> DigitTask.sort(4, 8);
      case "dates" -> new DateTask();
      default -> throw new IllegalArgumentException("seq2seq task: expected one of " + String.join(", ", NAMES)
          + ", found '" + name + "'");
    };
  }
}
