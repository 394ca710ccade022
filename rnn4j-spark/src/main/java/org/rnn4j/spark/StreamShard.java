package org.rnn4j.spark;

import org.rnn4j.model.Batch;
import org.rnn4j.tensor.Tensor;

/**
 * A partition's token streams: streams {@code [first, first + count)} of the B streams the
 * training text is cut into ({@code TokenStreams}' layout: stream r reads tokens [r·n, r·n + n]),
 * so the partition's part of a window is the window's columns of its own streams, and the state
 * carried for them is the partition's part of the one-process state.
 */
final class StreamShard implements Shard<StreamWindow> {
  private final int partition;
  private final int count;
  private final int length; // n: input steps per stream
  private final int[] tokens; // count·n + 1 tokens: streams [first, first + count) back to back, overlapping by one

  StreamShard(int partition, int count, int length, int[] tokens) {
    if (tokens.length != (count == 0 ? 0 : count * length + 1)) {
      throw new IllegalStateException("stream shard " + partition + ": expected " + (count * length + 1) + " tokens, found "
          + tokens.length);
    }
    this.partition = partition;
    this.count = count;
    this.length = length;
    this.tokens = tokens;
  }

  @Override
  public Batch batch(StreamWindow work) {
    if (count == 0) {
      return null;
    }
    int from = work.window() * work.steps();
    int steps = Math.min(work.steps(), length - from);
    float[] x = new float[steps * count];
    float[] y = new float[steps * count];
    for (int t = 0; t < steps; t++) {
      for (int r = 0; r < count; r++) {
        int at = r * length + from + t;
        x[t * count + r] = tokens[at];
        y[t * count + r] = tokens[at + 1];
      }
    }
    Tensor[] initial = null;
    float[][] carried = work.states() == null ? null : work.states()[partition];
    if (carried != null) {
      initial = new Tensor[carried.length];
      for (int k = 0; k < carried.length; k++) {
        int rows = work.stateRows();
        initial[k] = Tensor.of(carried[k], rows, count, carried[k].length / (rows * count));
      }
    }
    return new Batch(Tensor.of(x, steps, count), Tensor.of(y, steps, count), null, initial);
  }

  @Override
  public boolean carriesState() {
    return true;
  }

  @Override
  public StreamWindow carrying(StreamWindow work, float[][] state) {
    float[][][] states = new float[partition + 1][][];
    states[partition] = state;
    return new StreamWindow(work.window(), work.steps(), work.stateRows(), state == null ? null : states);
  }
}
