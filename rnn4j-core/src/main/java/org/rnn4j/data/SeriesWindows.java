package org.rnn4j.data;

import java.util.ArrayList;
import java.util.List;
import org.rnn4j.model.RnnModel;
import org.rnn4j.tensor.Tensor;

/**
 * Windows of a normalised series for a many-to-many model: the input window covers rows
 * s … s+W−1 (all features), its targets are the forecast column at s+H … s+W−1+H, so every step
 * of a window trains. Training windows take only targets before the validation part; the
 * validation part is scored one target at a time from the window of W rows ending H rows before
 * it (the same context every training step's last output had).
 */
public final class SeriesWindows {
  private static final int EVAL_BATCH = 256;

  private SeriesWindows() {}

  /** Every training window (stride 1) whose targets all lie before the validation part. */
  public static List<Example> training(SeriesSpec spec, CsvTable table) {
    float[] x = spec.inputs(table);
    int nf = spec.features().size(), w = spec.window(), h = spec.horizon();
    int end = SeriesSpec.validationStart(table.rows()); // targets must have row index < end
    List<Example> out = new ArrayList<>();
    for (int s = 0; s + w - 1 + h < end; s++) {
      float[] in = new float[w * nf];
      float[] target = new float[w];
      System.arraycopy(x, s * nf, in, 0, w * nf);
      for (int t = 0; t < w; t++) {
        target[t] = x[(s + t + h) * nf]; // feature 0 is the forecast column
      }
      out.add(new Example(Tensor.of(in, w, nf), Tensor.of(target, w, 1)));
    }
    return out;
  }

  /**
   * Predictions for every row of the validation part, in the data's units, with the truth and
   * the persistence baseline (the last known value, H rows earlier).
   */
  public record Validation(int firstRow, float[] truth, float[] predicted, float[] persistence) {
    public double nrmse() {
      return Metrics.nrmse(predicted, truth);
    }

    public double persistenceNrmse() {
      return Metrics.nrmse(persistence, truth);
    }
  }

  public static Validation validate(RnnModel model, SeriesSpec spec, CsvTable table) {
    float[] x = spec.inputs(table);
    float[] raw = table.column(spec.forecast());
    int nf = spec.features().size(), w = spec.window(), h = spec.horizon();
    int first = SeriesSpec.validationStart(table.rows()), n = table.rows() - first;
    float[] truth = new float[n], predicted = new float[n], persistence = new float[n];
    for (int from = 0; from < n; from += EVAL_BATCH) {
      int b = Math.min(EVAL_BATCH, n - from);
      float[] in = new float[w * b * nf]; // (W, B, F)
      for (int j = 0; j < b; j++) {
        int last = first + from + j - h; // the newest input row for this target
        for (int t = 0; t < w; t++) {
          int row = last - w + 1 + t;
          System.arraycopy(x, row * nf, in, (t * b + j) * nf, nf);
        }
      }
      float[] out = model.forward(Tensor.of(in, w, b, nf)).output().data(); // (W, B, 1)
      for (int j = 0; j < b; j++) {
        int i = from + j;
        predicted[i] = spec.denormalise(out[(w - 1) * b + j]);
        truth[i] = raw[first + i];
        persistence[i] = raw[first + i - h];
      }
    }
    return new Validation(first, truth, predicted, persistence);
  }
}
