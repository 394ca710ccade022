package org.rnn4j.data;

import java.util.Arrays;
import org.rnn4j.model.PackedModel;
import org.rnn4j.model.RnnModel;
import org.rnn4j.model.Stepper;
import org.rnn4j.tensor.Tensor;

/**
 * Continues a series beyond its last row, on the streaming path ({@link Stepper}). The model
 * first reads the last max(W, H) rows in one call; its last H outputs are the forecasts of the
 * next H rows. Further rows need the forecast columns as the only inputs: each forecast row is
 * then fed back as the next input, one step at a time with the state carried, so step k's output
 * forecasts row n + k + H.
 */
public final class SeriesForecaster {
  private SeriesForecaster() {}

  /**
   * The next {@code steps} rows of the forecast columns, (steps, K), in the data's units. A
   * bidirectional model reads its whole window in both directions, so it cannot stream: it
   * forecasts at most its horizon, from one call over the window.
   */
  public static float[][] forecast(RnnModel model, SeriesSpec spec, NumericTable table, int steps) {
    if (!model.config().bidirectional()) {
      return forecast(model.packed(), spec, table, steps);
    }
    if (steps > spec.horizon()) {
      throw new IllegalArgumentException("--steps: a bidirectional model reads its window in both directions, so it "
          + "forecasts at most its horizon: expected --steps <= " + spec.horizon() + ", found " + steps);
    }
    int nf = spec.features().size(), k = spec.outputs(), h = spec.horizon();
    float[] in = window(spec, table, steps);
    int context = in.length / nf;
    float[] out = model.forward(Tensor.of(in, context, 1, nf)).output().data(); // (context, 1, K)
    float[][] z = new float[steps][];
    for (int s = 0; s < steps; s++) {
      z[s] = Arrays.copyOfRange(out, (context - h + s) * k, (context - h + s + 1) * k);
    }
    return denormalise(spec, z);
  }

  /** The same on packed weights of a unidirectional model, which other threads may share (see {@link PackedModel}). */
  public static float[][] forecast(PackedModel model, SeriesSpec spec, NumericTable table, int steps) {
    int nf = spec.features().size(), k = spec.outputs(), h = spec.horizon();
    float[] in = window(spec, table, steps);
    int context = in.length / nf;
    Stepper stepper = model.stepper(1);
    float[] out = stepper.run(in, context); // (context, 1, K)
    float[][] z = new float[steps][]; // normalised forecasts of rows n, n+1, …; each (K)
    for (int s = 0; s < Math.min(h, steps); s++) {
      z[s] = Arrays.copyOfRange(out, (context - h + s) * k, (context - h + s + 1) * k);
    }
    for (int s = h; s < steps; s++) {
      // The stepper's output buffer is sized for the longest call (the window), so only its first K values are this step's.
      z[s] = Arrays.copyOf(stepper.step(z[s - h]), k);
    }
    return denormalise(spec, z);
  }

  /** The last max(W, H) rows of the inputs, normalised, (context, features); checks the request. */
  private static float[] window(SeriesSpec spec, NumericTable table, int steps) {
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
    return in;
  }

  private static float[][] denormalise(SeriesSpec spec, float[][] z) {
    float[][] values = new float[z.length][z[0].length];
    for (int s = 0; s < z.length; s++) {
      for (int c = 0; c < z[s].length; c++) {
        values[s][c] = spec.denormalise(c, z[s][c]);
      }
    }
    return values;
  }
}
