package org.rnn4j.data;

import org.rnn4j.model.RnnModel;
import org.rnn4j.tensor.Tensor;

/**
 * Continues a series beyond its last row. The model first reads the last max(W, H) rows; its
 * last H outputs are the forecasts of the next H rows. Further rows need the forecast column as
 * the only input: each forecast is then fed back as the next input, one {@link RnnModel#step}
 * at a time with the state carried, so step k's output forecasts row n + k + H.
 */
public final class SeriesForecaster {
  private SeriesForecaster() {}

  /** The next {@code steps} values of the forecast column, in the data's units. */
  public static float[] forecast(RnnModel model, SeriesSpec spec, CsvTable table, int steps) {
    int nf = spec.features().size(), h = spec.horizon();
    int context = Math.max(spec.window(), h);
    if (steps < 1) {
      throw new IllegalArgumentException("--steps: expected a positive integer, found " + steps);
    }
    if (table.rows() < context) {
      throw new IllegalArgumentException(table.source() + ": expected at least " + context + " data rows (the model's window), found "
          + table.rows());
    }
    if (steps > h && nf > 1) {
      throw new IllegalArgumentException("--steps: the model also reads " + spec.features().subList(1, nf)
          + ", whose future values are unknown, so it forecasts at most its horizon: expected --steps <= " + h + ", found " + steps);
    }
    float[] x = spec.inputs(table);
    float[] in = new float[context * nf];
    System.arraycopy(x, (table.rows() - context) * nf, in, 0, context * nf);
    RnnModel.Output warm = model.forward(Tensor.of(in, context, 1, nf));
    float[] z = new float[steps]; // normalised forecasts of rows n, n+1, …
    float[] out = warm.output().data(); // (context, 1, 1)
    for (int k = 0; k < Math.min(h, steps); k++) {
      z[k] = out[context - h + k];
    }
    Tensor[] state = warm.finalStates();
    for (int k = h; k < steps; k++) {
      RnnModel.Output o = model.step(Tensor.of(new float[] {z[k - h]}, 1, 1), state);
      z[k] = o.output().data()[0];
      state = o.finalStates();
    }
    float[] values = new float[steps];
    for (int k = 0; k < steps; k++) {
      values[k] = spec.denormalise(z[k]);
    }
    return values;
  }
}
