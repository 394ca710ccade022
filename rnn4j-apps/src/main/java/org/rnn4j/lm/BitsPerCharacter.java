package org.rnn4j.lm;

import org.rnn4j.model.RnnModel;
import org.rnn4j.tensor.Tensor;

/**
 * Bits per character of a text under a character model: the mean over every position t ≥ 1 of
 * −log₂ p(x_t | x_<t), reading the text as one stream from the model's initial state. The text
 * is run in chunks with the state carried between them, so any length fits in memory and the
 * result does not depend on the chunk size.
 */
public final class BitsPerCharacter {
  /** Steps per forward call: long enough for efficient kernels, short enough for small workspaces. */
  public static final int DEFAULT_CHUNK = 256;

  private BitsPerCharacter() {}

  public static double of(CharModel lm, int[] tokens) {
    return of(lm.model(), tokens, DEFAULT_CHUNK);
  }

  public static double of(RnnModel model, int[] tokens, int chunk) {
    if (tokens.length < 2) {
      throw new IllegalArgumentException("bits per character: expected a text of at least 2 characters, found "
          + tokens.length);
    }
    if (chunk <= 0) {
      throw new IllegalArgumentException("chunk: expected a positive number of steps, found " + chunk);
    }
    model.setTraining(false);
    int v = model.config().outputSize();
    int predictions = tokens.length - 1;
    double nats = 0;
    Tensor[] state = null;
    for (int from = 0; from < predictions; from += chunk) {
      int steps = Math.min(chunk, predictions - from);
      float[] x = new float[steps];
      for (int t = 0; t < steps; t++) {
        x[t] = tokens[from + t];
      }
      RnnModel.Output out = model.forward(Tensor.of(x, steps, 1), steps, state);
      float[] p = out.output().data(); // (steps, 1, V) probabilities
      for (int t = 0; t < steps; t++) {
        // An underflowed probability counts as the smallest float (149 bits), not infinity.
        nats -= Math.log(Math.max(p[t * v + tokens[from + t + 1]], Float.MIN_VALUE));
      }
      state = out.finalStates();
    }
    return nats / predictions / Math.log(2);
  }
}
