package org.rnn4j.data;

import java.util.ArrayList;
import java.util.List;
import org.rnn4j.model.RnnModel;
import org.rnn4j.tensor.Tensor;

/**
 * Windows of a normalised series for a many-to-many model: the input window covers rows
 * s … s+W−1 (all features), its targets are the K forecast columns at s+H … s+W−1+H, so every
 * step of a window trains. Training windows take only targets before the validation part; the
 * validation part is scored one target row at a time from the window of W rows ending H rows
 * before it (the same context every training step's last output had).
 */
public final class SeriesWindows {
  private static final int EVAL_BATCH = 256;

  private SeriesWindows() {}

  /** Every training window (stride 1) whose targets all lie before the validation part; x (W, F), y (W, K). */
  public static List<Example> training(SeriesSpec spec, NumericTable table) {
    float[] x = spec.inputs(table);
    int w = spec.window(), h = spec.horizon();
    int end = SeriesSpec.validationStart(table.rows()); // targets must have row index < end
    List<Example> out = new ArrayList<>();
    for (int s = 0; s + w - 1 + h < end; s++) {
      out.add(window(spec, x, s));
    }
    return out;
  }

  /** The number of training windows of a table of {@code rows} rows: those {@link #training} makes. */
  public static int trainingWindows(SeriesSpec spec, long rows) {
    return Math.max(0, SeriesSpec.validationStart((int) rows) - spec.window() - spec.horizon() + 1);
  }

  /**
   * The window of W rows from row {@code s} of {@code x} (normalised features, (rows, F) row-major,
   * as {@link SeriesSpec#inputs} gives them): x (W, F), and y (W, K) the forecast columns H rows later.
   */
  public static Example window(SeriesSpec spec, float[] x, int s) {
    int nf = spec.features().size(), k = spec.outputs(), w = spec.window(), h = spec.horizon();
    float[] in = new float[w * nf];
    float[] target = new float[w * k];
    System.arraycopy(x, s * nf, in, 0, w * nf);
    for (int t = 0; t < w; t++) {
      System.arraycopy(x, (s + t + h) * nf, target, t * k, k); // the forecast columns are features 0 … K−1
    }
    return new Example(Tensor.of(in, w, nf), Tensor.of(target, w, k));
  }

  /**
   * Predictions for every row of the validation part, in the data's units, with the truth and the
   * persistence baseline (the last known value, H rows earlier); arrays are (K, rows).
   */
  public record Validation(int firstRow, List<String> targets, float[][] truth, float[][] predicted, float[][] persistence) {
    /** NRMSE of forecast column k. */
    public double nrmse(int k) {
      return Metrics.nrmse(predicted[k], truth[k]);
    }

    public double persistenceNrmse(int k) {
      return Metrics.nrmse(persistence[k], truth[k]);
    }

    /**
     * Over all forecast columns: the root mean square of their NRMSEs, i.e. the RMSE over every
     * column once each is divided by its own standard deviation (one column: its NRMSE).
     */
    public double nrmse() {
      double s = 0;
      for (int k = 0; k < targets.size(); k++) {
        s += nrmse(k) * nrmse(k);
      }
      return Math.sqrt(s / targets.size());
    }

    /** The same for persistence. */
    public double persistenceNrmse() {
      double s = 0;
      for (int k = 0; k < targets.size(); k++) {
        s += persistenceNrmse(k) * persistenceNrmse(k);
      }
      return Math.sqrt(s / targets.size());
    }
  }

  public static Validation validate(RnnModel model, SeriesSpec spec, NumericTable table) {
    return validate(model, spec, table, SeriesSpec.validationStart(table.rows()));
  }

  /**
   * {@link #validate(RnnModel, SeriesSpec, NumericTable)} of the rows from {@code first} on, with
   * the W + H − 1 rows before them as context: what a table's tail (from row {@code first − W − H +
   * 1} of the whole) needs to score the validation part.
   */
  public static Validation validate(RnnModel model, SeriesSpec spec, NumericTable table, int first) {
    float[] x = spec.inputs(table);
    int nf = spec.features().size(), k = spec.outputs(), w = spec.window(), h = spec.horizon();
    int n = table.rows() - first;
    float[][] truth = new float[k][n], predicted = new float[k][n], persistence = new float[k][n];
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
      float[] out = model.forward(Tensor.of(in, w, b, nf)).output().data(); // (W, B, K)
      for (int j = 0; j < b; j++) {
        for (int c = 0; c < k; c++) {
          predicted[c][from + j] = spec.denormalise(c, out[((w - 1) * b + j) * k + c]);
        }
      }
    }
    for (int c = 0; c < k; c++) {
      float[] raw = table.column(spec.features().get(c));
      for (int i = 0; i < n; i++) {
        truth[c][i] = raw[first + i];
        persistence[c][i] = raw[first + i - h];
      }
    }
    return new Validation(first, spec.forecast(), truth, predicted, persistence);
  }
}
