package org.rnn4j.model;

import java.util.Arrays;
import java.util.List;
import org.rnn4j.layer.Linear;
import org.rnn4j.layer.Recurrent;
import org.rnn4j.layer.RecurrentCall;
import org.rnn4j.layer.RecurrentContext;
import org.rnn4j.loss.OutputActivation;
import org.rnn4j.tensor.ShapeException;

/**
 * Streaming inference for B streams with the state carried from call to call:
 * {@code out = step(x_t)} one step, or {@code out = run(x, T)} T steps at once (one input
 * projection for all of them and one product of the head over all T·B rows, the fast way to
 * read a known text). The outputs equal those of one call of {@link RnnModel#forward} over the
 * whole sequence, bit for bit, whatever the chunking, and each stream's outputs do not depend on
 * B. The weights come packed from a {@link PackedModel}, shared with other steppers; the
 * workspaces are this stepper's own and sized at the first call of each T, so calls of one T
 * allocate nothing (with more than one kernel thread, splitting a product among them allocates
 * a few small task objects). A stepper is used by one thread at a time; give each thread its own.
 *
 * <p>Letters: T steps of a call, B streams, I input width (1 for tokens), H hidden, O output width.
 */
public final class Stepper {
  private final RnnModel model;
  private PackedModel packed;
  private final int batch;
  private final int hidden;
  private final int inputWidth;
  private final int outputWidth;
  private final OutputActivation activation; // f_o (the config makes a new loss object per call)
  private final float[][][] state; // [unit][carried state] (B, H)
  private final RecurrentContext[] contexts; // [unit]
  private RecurrentCall[] calls; // [unit] T steps from state[u], for the T of the last call
  private int steps; // T of calls and of the buffers below
  private float[] input; // x (T, B, I) or (T, B) tokens: a copy, since the first unit's call reads it
  private float[][] layerOut; // [unit] (T, B, H)
  private float[] z; // (T, B, O) before the output activation
  private float[] out; // (T, B, O) after it

  Stepper(PackedModel packed, int batch) {
    if (batch < 1) {
      throw new IllegalArgumentException("stepper: expected a batch of at least 1 stream, found " + batch);
    }
    ModelConfig c = packed.model().config();
    this.model = packed.model();
    this.packed = packed;
    this.batch = batch;
    this.hidden = c.hiddenSize();
    this.inputWidth = c.tokenInput() ? 1 : c.inputSize();
    this.outputWidth = c.outputWidth();
    this.activation = c.lossFunction().output();
    List<Recurrent> units = model.stack().units();
    this.state = new float[units.size()][model.stack().states()][batch * hidden];
    this.contexts = new RecurrentContext[units.size()];
    for (int u = 0; u < units.size(); u++) {
      contexts[u] = units.get(u).newInferenceContext();
    }
    reset();
  }

  /** B, the number of streams. */
  public int batch() {
    return batch;
  }

  /** O, the width of each output row. */
  public int outputWidth() {
    return outputWidth;
  }

  /**
   * Re-packs the model's current weights for this stepper alone (e.g. between training and
   * sampling); steppers of other packs keep theirs.
   */
  public void refreshWeights() {
    packed = model.packed();
    calls = null;
  }

  /** Every stream back to the model's initial state (zero, or the learned one). */
  public void reset() {
    List<Recurrent> units = model.stack().units();
    for (int u = 0; u < units.size(); u++) {
      for (int k = 0; k < state[u].length; k++) {
        Arrays.fill(state[u][k], 0f);
        units.get(u).initialState(k, state[u][k]);
      }
    }
  }

  /** The carried state k (h, then c for LSTM) of layer u, (B, H): read or overwrite it. */
  public float[] state(int u, int k) {
    return state[u][k];
  }

  /**
   * Advances one step on x_t (B, I), or (B) token indices; returns the output (B, O) after the
   * output activation (a buffer of this stepper, overwritten by the next call).
   */
  public float[] step(float[] x) {
    return run(x, 1);
  }

  /** {@link #step} without the output activation: the head's z (B, O), e.g. logits to sample from. */
  public float[] stepLogits(float[] x) {
    return runLogits(x, 1);
  }

  /**
   * Advances T steps on x (T, B, I), or (T, B) token indices, time-major; returns the outputs
   * (T, B, O) after the output activation (a buffer of this stepper, valid until the next call).
   */
  public float[] run(float[] x, int steps) {
    float[] zs = runLogits(x, steps);
    int rows = steps * batch;
    Linear head = model.head();
    if (head == null) {
      return zs;
    }
    activation.apply(zs, rows, outputWidth, out);
    return out;
  }

  /** {@link #run} without the output activation: z (T, B, O). */
  public float[] runLogits(float[] x, int steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("stepper: expected at least 1 step, found " + steps);
    }
    if (x.length < steps * batch * inputWidth) {
      throw new ShapeException("stepper: expected an input of " + steps * batch * inputWidth + " floats (T = " + steps
          + ", B = " + batch + ", I = " + inputWidth + "), found " + x.length);
    }
    prepare(steps);
    System.arraycopy(x, 0, input, 0, steps * batch * inputWidth);
    List<Recurrent> units = model.stack().units();
    for (int u = 0; u < units.size(); u++) {
      units.get(u).forward(contexts[u], calls[u]);
      for (int k = 0; k < state[u].length; k++) {
        contexts[u].finalState(k, state[u][k], 0);
      }
    }
    float[] top = layerOut[units.size() - 1];
    int rows = steps * batch;
    Linear head = model.head();
    if (head == null) { // the outputs are the hidden states
      System.arraycopy(top, 0, z, 0, rows * outputWidth);
    } else {
      head.forward(top, rows, z, packed.head());
    }
    return z;
  }

  /** Buffers and calls for T steps (kept while T stays the same, grown when it does not fit). */
  private void prepare(int t) {
    if (calls != null && t == steps) {
      return;
    }
    int units = contexts.length;
    if (input == null || input.length < t * batch * inputWidth) {
      input = new float[t * batch * inputWidth];
      layerOut = new float[units][t * batch * hidden];
      z = new float[t * batch * outputWidth];
      out = new float[t * batch * outputWidth];
    }
    steps = t;
    calls = new RecurrentCall[units];
    for (int u = 0; u < units; u++) {
      calls[u] = RecurrentCall.of(u == 0 ? input : layerOut[u - 1], t, batch, layerOut[u], hidden).from(state[u])
          .withPacked(packed.unit(u));
    }
  }
}
