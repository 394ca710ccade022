package org.rnn4j.data;

import org.rnn4j.model.Batch;
import org.rnn4j.tensor.Tensor;

/**
 * The standard char-rnn batching for stateful truncated BPTT: the token sequence is cut into B
 * contiguous streams of equal length, stream r reading tokens [r·n, (r+1)·n] (n inputs and, one
 * token later, n targets; the tail that does not fill a stream is dropped). Window w holds steps
 * [w·k, w·k + k) of all B streams at once, so carrying each row's state from window w to w + 1
 * continues that row's own stream.
 */
public final class TokenStreams {
  private final Tokens tokens;
  private final int streams;
  private final int length; // n: input steps per stream

  public TokenStreams(int[] tokens, int streams) {
    this(Tokens.of(tokens), streams);
  }

  public TokenStreams(Tokens tokens, int streams) {
    if (streams <= 0) {
      throw new IllegalArgumentException("streams: expected a positive number, found " + streams);
    }
    if (tokens.size() < streams + 1) {
      throw new IllegalArgumentException("text: expected at least " + (streams + 1) + " characters for " + streams
          + " parallel streams (batch), found " + tokens.size() + "; use a smaller --batch or a longer text");
    }
    this.tokens = tokens;
    this.streams = streams;
    this.length = (tokens.size() - 1) / streams;
  }

  /** B, the number of parallel streams. */
  public int streams() { return streams; }

  /** n, the input steps of each stream. */
  public int length() { return length; }

  /** Windows of k steps in one pass over the streams (the last may be shorter). */
  public int windows(int k) {
    requireSteps(k);
    return (length + k - 1) / k;
  }

  /** Window w of k steps: x (k', B) token indices, y (k', B) the next tokens, k' = k except at the end. */
  public Batch window(int w, int k) {
    int from = w * k;
    if (w < 0 || w >= windows(k)) {
      throw new IllegalArgumentException("window: expected an index in [0, " + windows(k) + "), found " + w);
    }
    int steps = Math.min(k, length - from);
    float[] x = new float[steps * streams];
    float[] y = new float[steps * streams];
    for (int t = 0; t < steps; t++) {
      for (int r = 0; r < streams; r++) {
        int at = r * length + from + t;
        x[t * streams + r] = tokens.get(at);
        y[t * streams + r] = tokens.get(at + 1);
      }
    }
    return new Batch(Tensor.of(x, steps, streams), Tensor.of(y, steps, streams));
  }

  private static void requireSteps(int k) {
    if (k <= 0) {
      throw new IllegalArgumentException("sequence length: expected a positive number of steps, found " + k);
    }
  }
}
