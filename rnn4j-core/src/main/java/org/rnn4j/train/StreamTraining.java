package org.rnn4j.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rnn4j.data.TokenStreams;
import org.rnn4j.io.ModelFile;
import org.rnn4j.model.Batch;
import org.rnn4j.model.RnnModel;
import org.rnn4j.model.Trainable;
import org.rnn4j.tensor.Tensor;

/**
 * Stateful truncated BPTT over parallel token streams (TBPTT with k1 = k2 = k): each update
 * trains on the next k steps of all B streams, starting from the state the previous update
 * ended in, so the model learns dependencies longer than k while backpropagating over k steps.
 * After the last window of a pass (an epoch) the state restarts from the model's initial state.
 *
 * <p>Its checkpoint is the trainer's plus the stream position and the carried state, so a
 * resumed run continues exactly where the stopped one was.
 */
public final class StreamTraining {
  private static final String POSITION_PREFIX = "stream.";
  private static final String STATE_PREFIX = ModelFile.EXTRA_PREFIX + "stream_state_";

  private final Trainer<Batch> trainer;
  private final RnnModel model;
  private final TokenStreams streams;
  private final int steps;
  private int epoch; // completed passes
  private int window; // windows done in the current pass
  private Tensor[] state; // carried into the next window; null = the model's initial state

  /** Training of {@code model} by {@code trainer} (whose model it is) on windows of {@code steps} steps. */
  public StreamTraining(Trainer<Batch> trainer, RnnModel model, TokenStreams streams, int steps) {
    if (trainer.model() != model) {
      throw new IllegalArgumentException("stream training: expected the trainer's own model");
    }
    this.trainer = trainer;
    this.model = model;
    this.streams = streams;
    this.steps = steps;
    streams.windows(steps); // validates the step count
  }

  /**
   * Continues a checkpointed run: {@code trainer} is {@link Trainer#resume} of {@code checkpoint},
   * and the streams and window length must be those of the stopped run.
   */
  public static StreamTraining resume(Trainer<Batch> trainer, Checkpoint<RnnModel> checkpoint, TokenStreams streams,
      int steps) {
    StreamTraining t = new StreamTraining(trainer, checkpoint.model(), streams, steps);
    Map<String, String> meta = checkpoint.extraMetadata();
    Map<String, String> expected = t.layout();
    expected.forEach((key, want) -> {
      if (!want.equals(meta.get(key))) {
        throw new IllegalArgumentException("resume: expected the checkpoint's " + key + " = " + meta.get(key)
            + " (the same text, batch and sequence length), found " + want);
      }
    });
    t.epoch = Integer.parseInt(meta.getOrDefault(POSITION_PREFIX + "epoch", "0"));
    t.window = Integer.parseInt(meta.getOrDefault(POSITION_PREFIX + "window", "0"));
    int carried = t.model.stack().states();
    if (checkpoint.extraTensors().containsKey(STATE_PREFIX + 0)) {
      t.state = new Tensor[carried];
      for (int k = 0; k < carried; k++) {
        t.state[k] = checkpoint.extraTensors().get(STATE_PREFIX + k).copy();
      }
    }
    return t;
  }

  /** One update on the next window; returns its mean loss per predicted token. */
  public double step() {
    if (window == streams.windows(steps)) {
      epoch++;
      window = 0;
      state = null;
    }
    Batch w = streams.window(window, steps);
    double loss = trainer.update(new Batch(w.x(), w.y(), null, state), epochs());
    state = model.finalStates();
    window++;
    return loss;
  }

  /** The trainer's checkpoint plus the stream position, the carried state and {@code extraMetadata}. */
  public Checkpoint<Trainable<Batch>> checkpoint(Map<String, String> extraMetadata) {
    Map<String, String> meta = new LinkedHashMap<>(extraMetadata);
    meta.putAll(layout());
    meta.put(POSITION_PREFIX + "epoch", Integer.toString(epoch));
    meta.put(POSITION_PREFIX + "window", Integer.toString(window));
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    for (int k = 0; state != null && k < state.length; k++) {
      tensors.put(STATE_PREFIX + k, state[k]);
    }
    return trainer.checkpoint().with(tensors, meta);
  }

  /** What a position is relative to. */
  private Map<String, String> layout() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(POSITION_PREFIX + "streams", Integer.toString(streams.streams()));
    m.put(POSITION_PREFIX + "length", Integer.toString(streams.length()));
    m.put(POSITION_PREFIX + "steps", Integer.toString(steps));
    return m;
  }

  public Trainer<Batch> trainer() {
    return trainer;
  }

  /** Updates done, counted from the start of the run. */
  public long updates() {
    return trainer.state().step();
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
