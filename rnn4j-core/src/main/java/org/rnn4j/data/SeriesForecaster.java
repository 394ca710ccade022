package org.rnn4j.data;

import org.rnn4j.model.RnnModel;
import org.rnn4j.tensor.Tensor;

/**
 * Continues a series beyond its last row. The model first reads the last max(W, H) rows; its
 * last H outputs are the forecasts of the next H rows. Further rows need the forecast columns as
 * the only inputs: each forecast row is then fed back as the next input, one {@link RnnModel#step}
 * at a time with the state carried, so step k's output forecasts row n + k + H.
 */
public final class SeriesForecaster {
  private SeriesForecaster() {}

  /** The next {@code steps} rows of the forecast columns, (steps, K), in the data's units. */
  public static float[][] forecast(RnnModel model, SeriesSpec spec, NumericTable table, int steps) {
    int nf = spec.features().size(), k = spec.outputs(), h = spec.horizon();
    int context = Math.max(spec.window(), h);
    if (steps < 1) {
      throw new IllegalArgumentException("--steps: expected a positive integer, found " + steps);
    }
    if (table.rows() < context) {
      throw new IllegalArgumentException(table.source() + ": expected at least " + context + " data rows (the model's window), found "
          + table.rows());
    }
    if (steps > h && nf > k) {
      throw new IllegalArgumentException("--steps: the model also reads " + spec.features().subList(k, nf)
          + ", whose future values are unknown, so it forecasts at most its horizon: expected --steps <= " + h + ", found " + steps);
    }
    float[] x = spec.inputs(table);
    float[] in = new float[context * nf];
    System.arraycopy(x, (table.rows() - context) * nf, in, 0, context * nf);
    RnnModel.Output warm = model.forward(Tensor.of(in, context, 1, nf));
    float[][] z = new float[steps][]; // normalised forecasts of rows n, n+1, …; each (K)
    float[] out = warm.output().data(); // (context, 1, K)
    for (int s = 0; s < Math.min(h, steps); s++) {
      z[s] = java.util.Arrays.copyOfRange(out, (context - h + s) * k, (context - h + s + 1) * k);
    }
    Tensor[] state = warm.finalStates();
    for (int s = h; s < steps; s++) {
      RnnModel.Output o = model.step(Tensor.of(z[s - h].clone(), 1, k), state);
      z[s] = o.output().data().clone();
      state = o.finalStates();
    }
    float[][] values = new float[steps][k];
    for (int s = 0; s < steps; s++) {
      for (int c = 0; c < k; c++) {
        values[s][c] = spec.denormalise(c, z[s][c]);
      }
    }
    return values;
  }
}
