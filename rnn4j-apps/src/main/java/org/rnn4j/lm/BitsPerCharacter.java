package org.rnn4j.lm;

import org.rnn4j.model.PackedModel;
import org.rnn4j.model.RnnModel;
import org.rnn4j.model.Stepper;

/**
 * Bits per character of a text under a character model: the mean over every position t ≥ 1 of
 * −log₂ p(x_t | x_<t), reading the text as one stream from the model's initial state, on the
 * streaming path ({@link Stepper}) in chunks with the state carried, so the result does not
 * depend on the chunk size.
 *
 * <p>{@link #streams} reads the text as B parallel streams instead, which runs the per-step
 * products on B rows at once (as training does) and is several times faster. What changes: the
 * text is cut into B contiguous segments of positions, and each segment's stream starts from the
 * initial state {@code warmup} characters before the segment (or at the text's start), reading
 * them without scoring them; so the first characters of every segment but the first are
 * predicted from a state that saw only the last {@code warmup} characters before the segment
 * instead of the whole text before it. Every position is scored exactly once. With a warm-up
 * that reaches back to the text's start for every segment the figure is the one-stream figure
 * (up to the order of the double sum).
 */
public final class BitsPerCharacter {
  /** Steps per call of one stream: long enough for efficient kernels, short enough for small workspaces. */
  public static final int DEFAULT_CHUNK = 256;
  /** Rows (steps × streams) per call when reading B streams. */
  private static final int ROWS_PER_CALL = 4096;

  private BitsPerCharacter() {}

  public static double of(CharModel lm, int[] tokens) {
    return of(lm.model(), tokens, DEFAULT_CHUNK);
  }

  /** The same on packed weights, which other threads may share (see {@link PackedModel}). */
  public static double of(PackedModel model, int[] tokens) {
    return score(model, tokens, 1, 0, DEFAULT_CHUNK);
  }

  public static double of(RnnModel model, int[] tokens, int chunk) {
    if (chunk <= 0) {
      throw new IllegalArgumentException("chunk: expected a positive number of steps, found " + chunk);
    }
    return score(model.packed(), tokens, 1, 0, chunk);
  }

  /**
   * Bits per character read as {@code streams} parallel streams, each starting {@code warmup}
   * characters before its segment (see the class comment for what that changes).
   */
  public static double streams(PackedModel model, int[] tokens, int streams, int warmup) {
    if (streams < 1) {
      throw new IllegalArgumentException("streams: expected at least 1, found " + streams);
    }
    if (warmup < 0) {
      throw new IllegalArgumentException("warm-up: expected a number of characters >= 0, found " + warmup);
    }
    return score(model, tokens, streams, warmup, Math.max(16, ROWS_PER_CALL / streams));
  }

  private static double score(PackedModel model, int[] tokens, int streams, int warmup, int chunk) {
    if (tokens.length < 2) {
      throw new IllegalArgumentException("bits per character: expected a text of at least 2 characters, found "
          + tokens.length);
    }
    int v = model.model().config().outputSize();
    int predictions = tokens.length - 1; // position t predicts tokens[t + 1] from tokens[0 .. t]
    int b = Math.min(streams, predictions);
    int[] from = new int[b], start = new int[b], end = new int[b]; // read from, score from, end (positions)
    int steps = 0;
    for (int s = 0; s < b; s++) {
      start[s] = (int) ((long) predictions * s / b);
      end[s] = (int) ((long) predictions * (s + 1) / b);
      from[s] = Math.max(0, start[s] - warmup);
      steps = Math.max(steps, end[s] - from[s]);
    }
    Stepper stepper = model.stepper(b);
    float[] x = new float[chunk * b];
    double nats = 0;
    for (int first = 0; first < steps; first += chunk) {
      int t = Math.min(chunk, steps - first);
      for (int i = 0; i < t; i++) {
        for (int s = 0; s < b; s++) {
          int pos = from[s] + first + i;
          x[i * b + s] = pos < end[s] ? tokens[pos] : 0; // a finished stream idles on token 0
        }
      }
      float[] p = stepper.run(x, t); // (t, B, V) probabilities
      for (int i = 0; i < t; i++) {
        for (int s = 0; s < b; s++) {
          int pos = from[s] + first + i;
          if (pos >= start[s] && pos < end[s]) {
            // An underflowed probability counts as the smallest float (149 bits), not infinity.
            nats -= Math.log(Math.max(p[(i * b + s) * v + tokens[pos + 1]], Float.MIN_VALUE));
          }
        }
      }
    }
    return nats / predictions / Math.log(2);
  }
}
