package org.rnn4j.data;

import java.util.Arrays;
import org.rnn4j.model.PackedModel;
import org.rnn4j.model.RnnModel;
import org.rnn4j.model.Stepper;
import org.rnn4j.tensor.Tensor;

/**
 * Continues a series beyond its last row, on the streaming path ({@link Stepper}). The model
 * first reads the last max(W, H) rows in one call; its last H outputs are the forecasts of the
 * next H rows. Further rows need the forecast column as the only input: each forecast is then
 * fed back as the next input, one step at a time with the state carried, so step k's output
 * forecasts row n + k + H.
 */
public final class SeriesForecaster {
  private SeriesForecaster() {}

  /**
   * The next {@code steps} values of the forecast column, in the data's units. A bidirectional
   * model reads its whole window in both directions, so it cannot stream: it forecasts at most
   * its horizon, from one call over the window.
   */
  public static float[] forecast(RnnModel model, SeriesSpec spec, CsvTable table, int steps) {
    if (!model.config().bidirectional()) {
      return forecast(model.packed(), spec, table, steps);
    }
    if (steps > spec.horizon()) {
      throw new IllegalArgumentException("--steps: a bidirectional model reads its window in both directions, so it "
          + "forecasts at most its horizon: expected --steps <= " + spec.horizon() + ", found " + steps);
    }
    float[] in = window(spec, table, steps);
    int context = in.length / spec.features().size();
    float[] out = model.forward(Tensor.of(in, context, 1, spec.features().size())).output().data(); // (context, 1, 1)
    float[] z = Arrays.copyOfRange(out, context - spec.horizon(), context - spec.horizon() + steps);
    return denormalise(spec, z);
  }

  /** The same on packed weights of a unidirectional model, which other threads may share (see {@link PackedModel}). */
  public static float[] forecast(PackedModel model, SeriesSpec spec, CsvTable table, int steps) {
    int h = spec.horizon();
    float[] in = window(spec, table, steps);
    int context = in.length / spec.features().size();
    Stepper stepper = model.stepper(1);
    float[] out = stepper.run(in, context); // (context, 1, 1)
    float[] z = new float[steps]; // normalised forecasts of rows n, n+1, …
    for (int k = 0; k < Math.min(h, steps); k++) {
      z[k] = out[context - h + k];
    }
    float[] fed = new float[1];
    for (int k = h; k < steps; k++) {
      fed[0] = z[k - h];
      z[k] = stepper.step(fed)[0];
    }
    return denormalise(spec, z);
  }

  /** The last max(W, H) rows of the inputs, normalised, (context, features); checks the request. */
  private static float[] window(SeriesSpec spec, CsvTable table, int steps) {
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
    return in;
  }

  private static float[] denormalise(SeriesSpec spec, float[] z) {
    float[] values = new float[z.length];
    for (int k = 0; k < z.length; k++) {
      values[k] = spec.denormalise(z[k]);
    }
    return values;
  }
}
