package org.rnn4j.seq2seq;

import java.util.Arrays;

/**
 * Token ids of B sequence pairs, time-major: source (S, B) of equal lengths and target (T, B),
 * each target ending with {@link Seq2Seq#EOS} and without the {@link Seq2Seq#BOS} the decoder
 * starts from. Row r's target has {@code targetLengths[r]} ≤ T tokens (EOS included); the steps
 * after it are padding, which the loss ignores.
 */
public record Seq2SeqBatch(int[] source, int sourceSteps, int[] target, int targetSteps, int batch, int[] targetLengths) {
  public Seq2SeqBatch {
    if (sourceSteps <= 0 || targetSteps <= 0 || batch <= 0 || source.length != sourceSteps * batch
        || target.length != targetSteps * batch || targetLengths.length != batch) {
      throw new IllegalArgumentException("seq2seq batch: expected source (S, B), target (T, B) and B target lengths with"
          + " S, T, B > 0, found " + source.length + " source and " + target.length + " target ids and "
          + targetLengths.length + " lengths for S = " + sourceSteps + ", T = " + targetSteps + ", B = " + batch);
    }
    for (int length : targetLengths) {
      if (length < 1 || length > targetSteps) {
        throw new IllegalArgumentException("seq2seq batch: expected target lengths in [1, T = " + targetSteps
            + "], found " + length);
      }
    }
  }

  /** A batch whose targets all have T tokens: no padding. */
  public Seq2SeqBatch(int[] source, int sourceSteps, int[] target, int targetSteps, int batch) {
    this(source, sourceSteps, target, targetSteps, batch, full(targetSteps, batch));
  }

  private static int[] full(int t, int b) {
    int[] lengths = new int[Math.max(0, b)];
    Arrays.fill(lengths, t);
    return lengths;
  }

  /** The target tokens the loss counts: the sum of the target lengths. */
  public int targetTokens() {
    int n = 0;
    for (int length : targetLengths) {
      n += length;
    }
    return n;
  }
}
