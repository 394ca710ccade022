package org.rnn4j.model;

import java.util.Arrays;
import java.util.List;
import org.rnn4j.layer.Linear;
import org.rnn4j.layer.Recurrent;
import org.rnn4j.layer.RecurrentCall;
import org.rnn4j.layer.RecurrentContext;
import org.rnn4j.tensor.ShapeException;

/**
 * Streaming inference, one step at a time with the state carried, for a unidirectional
 * many-to-many model: {@code out = step(x_t)}. All buffers are allocated once, so a step
 * allocates nothing; the outputs equal those of one call over the whole sequence. The recurrent
 * weights are packed once, when the stepper is made: after changing the model's weights, call
 * {@link #refreshWeights()}. The stepper runs the model's layers with contexts of its own, so
 * stepping leaves the model's last forward call as it was.
 */
public final class Stepper {
  private final RnnModel model;
  private final int batch;
  private final int hidden;
  private final float[][][] state; // [unit][carried state] (B, H)
  private final float[][] layerOut; // [layer] (B, H)
  private final float[] z;
  private final float[] out;
  private final float[] input; // x_t (B, I), or (B) tokens, copied: the first unit's call reads it
  private final RecurrentContext[] contexts; // [unit]
  private final RecurrentCall[] calls; // [unit] one step from state[u] into layerOut[u]

  Stepper(RnnModel model, int batch) {
    ModelConfig c = model.config();
    if (c.bidirectional() || c.mapping().kind() != Mapping.Kind.MANY_TO_MANY) {
      throw new IllegalArgumentException("stepper: expected a unidirectional many-to-many model, found "
          + (c.bidirectional() ? "a bidirectional one" : "mapping " + c.mapping().id()));
    }
    this.model = model;
    this.batch = batch;
    this.hidden = c.hiddenSize();
    int units = model.stack().units().size();
    this.state = new float[units][model.stack().states()][batch * hidden];
    this.layerOut = new float[units][batch * hidden];
    this.z = new float[batch * c.outputWidth()];
    this.out = new float[batch * c.outputWidth()];
    this.input = new float[batch * (c.tokenInput() ? 1 : c.inputSize())];
    this.contexts = new RecurrentContext[units];
    this.calls = new RecurrentCall[units];
    for (int u = 0; u < units; u++) {
      contexts[u] = model.stack().units().get(u).newContext();
    }
    refreshWeights();
    reset();
  }

  /** Re-packs the recurrent weights after they changed (e.g. between training and sampling). */
  public void refreshWeights() {
    List<Recurrent> units = model.stack().units();
    for (int u = 0; u < units.size(); u++) {
      Recurrent.PackedWeights packed = units.get(u).packWeights();
      calls[u] = RecurrentCall.of(u == 0 ? input : layerOut[u - 1], 1, batch, layerOut[u], hidden).from(state[u])
          .withPacked(packed);
    }
  }

  /** Back to the model's initial state (zero, or the learned one). */
  public void reset() {
    List<Recurrent> units = model.stack().units();
    for (int u = 0; u < units.size(); u++) {
      for (int k = 0; k < state[u].length; k++) {
        Arrays.fill(state[u][k], 0f);
        units.get(u).initialState(k, state[u][k]);
      }
    }
  }

  /** The carried state k of unit u (layer u), (B, H): read or overwrite it. */
  public float[] state(int u, int k) {
    return state[u][k];
  }

  /**
   * Advances one step on x_t (B, I), or (B) token indices; returns the output (B, O) after the
   * output activation (an internal buffer, overwritten by the next step).
   */
  public float[] step(float[] x) {
    if (x.length < input.length) {
      throw new ShapeException("step: expected x_t of " + input.length + " floats (B = " + batch + "), found " + x.length);
    }
    System.arraycopy(x, 0, input, 0, input.length);
    List<Recurrent> units = model.stack().units();
    for (int u = 0; u < units.size(); u++) {
      units.get(u).forward(contexts[u], calls[u]);
      for (int k = 0; k < state[u].length; k++) {
        contexts[u].finalState(k, state[u][k], 0);
      }
    }
    float[] in = layerOut[units.size() - 1];
    Linear head = model.head();
    int o = model.config().outputWidth();
    if (head == null) {
      System.arraycopy(in, 0, out, 0, batch * o);
      return out;
    }
    head.forward(in, batch, z);
    model.config().lossFunction().output().apply(z, batch, o, out);
    return out;
  }
}
