package org.rnn4j.seq2seq;

/**
 * Token ids of B sequence pairs of equal lengths, time-major: source (S, B) and target (T, B),
 * the target ending with {@link Seq2Seq#EOS} and without the {@link Seq2Seq#BOS} the decoder
 * starts from.
 */
public record Seq2SeqBatch(int[] source, int sourceSteps, int[] target, int targetSteps, int batch) {
  public Seq2SeqBatch {
    if (sourceSteps <= 0 || targetSteps <= 0 || batch <= 0 || source.length != sourceSteps * batch
        || target.length != targetSteps * batch) {
      throw new IllegalArgumentException("seq2seq batch: expected source (S, B) and target (T, B) with S, T, B > 0,"
          + " found " + source.length + " source and " + target.length + " target ids for S = " + sourceSteps
          + ", T = " + targetSteps + ", B = " + batch);
    }
  }
}
