package org.rnn4j.seq2seq;

import java.util.List;
import java.util.Locale;
import java.util.Random;

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
