package org.rnn4j.train;

/**
 * How to train: epochs over the data in minibatches of {@code batchSize} (1 = SGD per sequence,
 * the textbook's Algorithm 26.1), gradient clipping (0 = off) and the seed of the shuffling.
 */
public record TrainOptions(int epochs, int batchSize, double clipNorm, double clipValue, long seed) {
  public TrainOptions {
    if (epochs <= 0 || batchSize <= 0 || clipNorm < 0 || clipValue < 0) {
      throw new IllegalArgumentException("training options: expected epochs > 0, batch > 0, clip >= 0, found epochs="
          + epochs + ", batch=" + batchSize + ", clip-norm=" + clipNorm + ", clip-value=" + clipValue);
    }
  }
}
