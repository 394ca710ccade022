package org.rnn4j.classify;

import java.util.Map;

/**
 * How a classifier's raw inputs become model inputs: texts as token indices ({@link
 * TokenEncoding}) or rows of numbers as normalised feature vectors ({@link FeatureEncoding}).
 * Stored in the model file under {@value SequenceClassifier#PREFIX}* keys, so a file alone
 * prepares new inputs the way training did.
 */
public sealed interface SequenceEncoding permits TokenEncoding, FeatureEncoding {
  /** The model's input size: V token indices, or F features per step. */
  int inputSize();

  /** Whether the model reads token indices (looked up) instead of feature vectors. */
  boolean tokenInput();

  /** The metadata entries that {@link #fromMetadata} reads back. */
  Map<String, String> metadata();

  /** The encoding stored in a classifier's metadata; a missing or malformed key is named. */
  static SequenceEncoding fromMetadata(Map<String, String> m) {
    String input = SequenceClassifier.require(m, "input");
    return switch (input) {
      case TokenEncoding.INPUT -> TokenEncoding.fromMetadata(m);
      case FeatureEncoding.INPUT -> FeatureEncoding.fromMetadata(m);
      default -> throw new IllegalArgumentException("metadata '" + SequenceClassifier.PREFIX + "input': expected "
          + TokenEncoding.INPUT + " or " + FeatureEncoding.INPUT + ", found '" + input + "'");
    };
  }
}
