package org.rnn4j.model;

import java.util.Arrays;
import java.util.List;
import org.rnn4j.layer.Linear;
import org.rnn4j.layer.Recurrent;

/**
 * Streaming inference, one step at a time with the state carried, for a unidirectional
 * many-to-many model: {@code out = step(x_t)}. All buffers are allocated once, so a step
 * allocates nothing; the outputs equal those of one call over the whole sequence. The recurrent
 * weights are packed once, when the stepper is made: after changing the model's weights, call
 * {@link #refreshWeights()}.
 */
public final class Stepper {
  private final RnnModel model;
  private final int batch;
  private final int hidden;
  private final float[][][] state; // [unit][carried state] (B, H)
  private final float[][] layerOut; // [layer] (B, H)
  private final float[] z;
  private final float[] out;
  private final Recurrent.PackedWeights[] packed; // [unit] weights packed for the per-step products

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
    this.packed = new Recurrent.PackedWeights[units];
    refreshWeights();
    reset();
  }

  /** Re-packs the recurrent weights after they changed (e.g. between training and sampling). */
  public void refreshWeights() {
    List<Recurrent> units = model.stack().units();
    for (int u = 0; u < units.size(); u++) {
      packed[u] = units.get(u).packWeights();
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
    List<Recurrent> units = model.stack().units();
    float[] in = x;
    for (int u = 0; u < units.size(); u++) {
      Recurrent r = units.get(u);
      r.forward(in, 1, batch, layerOut[u], hidden, 0, state[u], null, packed[u]);
      for (int k = 0; k < state[u].length; k++) {
        r.finalState(k, state[u][k], 0);
      }
      in = layerOut[u];
    }
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
