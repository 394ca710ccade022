package org.rnn4j.train;

import org.rnn4j.data.TokenStreams;
import org.rnn4j.model.Batch;
import org.rnn4j.model.RnnModel;
import org.rnn4j.tensor.Tensor;

/**
 * Stateful truncated BPTT over parallel token streams (TBPTT with k1 = k2 = k): each update
 * trains on the next k steps of all B streams, starting from the state the previous update
 * ended in, so the model learns dependencies longer than k while backpropagating over k steps.
 * After the last window of a pass (an epoch) the state restarts from the model's initial state.
 */
public final class StreamTraining {
  private final Trainer trainer;
  private final RnnModel model;
  private final TokenStreams streams;
  private final int steps;
  private int epoch;
  private int window;
  private Tensor[] state; // carried into the next window; null = the model's initial state

  public StreamTraining(Trainer trainer, RnnModel model, TokenStreams streams, int steps) {
    this.trainer = trainer;
    this.model = model;
    this.streams = streams;
    this.steps = steps;
    streams.windows(steps); // validates the step count
  }

  /** One update on the next window; returns its mean loss per predicted token. */
  public double step() {
    if (window == streams.windows(steps)) {
      epoch++;
      window = 0;
      state = null;
    }
    Batch w = streams.window(window, steps);
    double loss = trainer.update(new Batch(w.x(), w.y(), null, state));
    state = model.finalStates();
    window++;
    return loss;
  }

  /** Completed passes over the streams plus the fraction of the current one. */
  public double epochs() {
    return epoch + (double) window / streams.windows(steps);
  }

  /** Updates in one pass. */
  public int updatesPerEpoch() {
    return streams.windows(steps);
  }

  /** Tokens one full window trains on (k·B). */
  public long tokensPerUpdate() {
    return (long) steps * streams.streams();
  }
}
