package org.rnn4j.data;

import java.util.ArrayList;
import java.util.List;
import org.rnn4j.loss.OutputActivation;
import org.rnn4j.math.Rng;
import org.rnn4j.model.Batch;
import org.rnn4j.model.Mapping;
import org.rnn4j.model.RnnModel;
import org.rnn4j.tensor.ShapeException;
import org.rnn4j.tensor.Tensor;

/**
 * N training sequences given as whole arrays. On disk the arrays are batch-first, as most
 * Python code writes them: inputs X (N, T, I) (one-to-many: (N, I)); targets Y (N, T_out, O)
 * values or (N, T_out) class indices (many-to-one: (N, O) or (N)); lengths (N) optional, each
 * sequence's own number of steps (later steps are padding). With {@code timeMajor} the sequence
 * arrays are (T, N, I) and (T_out, N, ...). In memory everything is time-major with the
 * sequence on axis 1: x (T, N, I) or (1, N, I), y (T_out, N, O) or (T_out, N).
 */
public final class ArrayDataset {
  private final Tensor x;
  private final Tensor y;
  private final int[] lengths; // null: every sequence has all T steps
  private final boolean classIndices;
  private final int outputWidth;

  private ArrayDataset(Tensor x, Tensor y, int[] lengths, boolean classIndices, int outputWidth) {
    this.x = x;
    this.y = y;
    this.lengths = lengths;
    this.classIndices = classIndices;
    this.outputWidth = outputWidth;
  }

  /**
   * Validates the arrays' shapes against the mapping and loss and lays them out time-major.
   * {@code lengths} may be null. Class indices are the targets of loss "ce".
   */
  public static ArrayDataset of(Tensor inputs, Tensor targets, Tensor lengths, Mapping mapping, String loss, boolean timeMajor) {
    boolean indices = loss.equals("ce");
    boolean vectorIn = mapping.vectorInput(), oneOut = mapping.kind() == Mapping.Kind.MANY_TO_ONE;
    String xName = vectorIn ? "inputs (N, I)" : timeMajor ? "inputs (T, N, I)" : "inputs (N, T, I)";
    inputs.requireShape(xName, vectorIn ? new int[] {-1, -1} : new int[] {-1, -1, -1});
    int n = vectorIn || !timeMajor ? inputs.dim(0) : inputs.dim(1);
    Tensor x = vectorIn ? inputs.reshape(1, n, inputs.dim(1)) : timeMajor ? inputs : swap01(inputs);
    int t = x.dim(0);
    if (n == 0 || (!vectorIn && t == 0)) {
      throw new ShapeException(xName + ": expected at least one sequence of at least one step, found " + inputs.shapeString());
    }
    String yName = oneOut ? (indices ? "targets (N) class indices" : "targets (N, O)")
        : (timeMajor ? "targets (T_out, N" : "targets (N, T_out") + (indices ? ") class indices" : ", O)");
    int tOut = mapping.kind() == Mapping.Kind.MANY_TO_MANY ? t : -1;
    int[] want = oneOut ? (indices ? new int[] {n} : new int[] {n, -1})
        : timeMajor ? (indices ? new int[] {tOut, n} : new int[] {tOut, n, -1})
        : (indices ? new int[] {n, tOut} : new int[] {n, tOut, -1});
    targets.requireShape(yName + " for " + mapping.id() + " with loss " + loss, want);
    Tensor y = oneOut ? targets.reshape(prepend1(targets.shape())) : timeMajor ? targets : swap01(targets);
    int width = indices ? classCount(y) : y.dim(2);
    return new ArrayDataset(x, y, lengths == null ? null : lengths(lengths, n, t, mapping), indices, width);
  }

  private static int[] prepend1(int[] shape) {
    int[] s = new int[shape.length + 1];
    s[0] = 1;
    System.arraycopy(shape, 0, s, 1, shape.length);
    return s;
  }

  private static int classCount(Tensor y) {
    int max = -1;
    for (int i = 0; i < y.size(); i++) {
      float v = y.data()[i];
      if (v != (int) v || v < 0) {
        throw new IllegalArgumentException("targets: expected class indices (integers >= 0) for loss ce, found " + v
            + " at flat index " + i);
      }
      max = Math.max(max, (int) v);
    }
    return max + 1;
  }

  private static int[] lengths(Tensor l, int n, int t, Mapping mapping) {
    Mapping.Kind k = mapping.kind();
    if (k != Mapping.Kind.MANY_TO_MANY && k != Mapping.Kind.MANY_TO_ONE) {
      throw new IllegalArgumentException("lengths: expected mapping many-to-many or many-to-one, found " + mapping.id());
    }
    l.requireShape("lengths (N)", n);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      float v = l.data()[i];
      if (v != (int) v || v < 1 || v > t) {
        throw new IllegalArgumentException("lengths: expected integers in [1, " + t + "], found " + v + " for sequence " + i);
      }
      out[i] = (int) v;
    }
    return out;
  }

  /** (A, B, ...) → (B, A, ...). */
  private static Tensor swap01(Tensor a) {
    int d0 = a.dim(0), d1 = a.dim(1), inner = a.size() / Math.max(1, d0 * d1);
    float[] out = new float[a.size()];
    for (int i = 0; i < d0; i++) {
      for (int j = 0; j < d1; j++) {
        System.arraycopy(a.data(), (i * d1 + j) * inner, out, (j * d0 + i) * inner, inner);
      }
    }
    int[] s = a.shape();
    s[0] = d1;
    s[1] = d0;
    return Tensor.of(out, s);
  }

  public int size() { return x.dim(1); }
  public int inputSize() { return x.dim(2); }
  /** O for value targets, the number of classes for class indices. */
  public int outputWidth() { return outputWidth; }
  public int steps() { return x.dim(0); }
  public int outputSteps() { return y.dim(0); }

  /** The first and the last part in order: the last {@code fraction} of the sequences validates. */
  public ArrayDataset[] split(double fraction) {
    if (!(fraction >= 0 && fraction < 1)) {
      throw new IllegalArgumentException("--val-fraction: expected a value in [0, 1), found " + fraction);
    }
    int n = size(), val = (int) Math.round(n * fraction);
    if (fraction > 0 && (val == 0 || val == n)) {
      throw new IllegalArgumentException("--val-fraction " + fraction + ": expected a validation part and a training part of at least "
          + "one sequence each, found " + n + " sequences");
    }
    return new ArrayDataset[] {rows(range(0, n - val)), rows(range(n - val, n))};
  }

  /** Minibatches of a seeded shuffle of the sequences. */
  public List<Batch> batches(int batchSize, Rng rng) {
    int[] order = range(0, size());
    for (int i = order.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
    List<Batch> out = new ArrayList<>();
    for (int from = 0; from < order.length; from += batchSize) {
      int[] pick = java.util.Arrays.copyOfRange(order, from, Math.min(order.length, from + batchSize));
      out.add(rows(pick).batch());
    }
    return out;
  }

  /** All sequences as one batch. */
  public Batch batch() {
    return new Batch(x, y, null, null, lengths);
  }

  private ArrayDataset rows(int[] pick) {
    int[] l = null;
    if (lengths != null) {
      l = new int[pick.length];
      for (int i = 0; i < pick.length; i++) {
        l[i] = lengths[pick[i]];
      }
    }
    return new ArrayDataset(gather(x, pick), gather(y, pick), l, classIndices, outputWidth);
  }

  /** The sequences {@code pick} of a (S, N, ...) tensor, in that order. */
  private static Tensor gather(Tensor a, int[] pick) {
    int s = a.dim(0), n = a.dim(1), inner = a.size() / Math.max(1, s * n);
    float[] out = new float[s * pick.length * inner];
    for (int t = 0; t < s; t++) {
      for (int j = 0; j < pick.length; j++) {
        System.arraycopy(a.data(), (t * n + pick[j]) * inner, out, (t * pick.length + j) * inner, inner);
      }
    }
    int[] shape = a.shape();
    shape[1] = pick.length;
    return Tensor.of(out, shape);
  }

  private static int[] range(int from, int to) {
    int[] r = new int[to - from];
    for (int i = 0; i < r.length; i++) {
      r[i] = from + i;
    }
    return r;
  }

  /**
   * The validation metric over the real (unpadded) output positions: accuracy for "ce" (argmax)
   * and "bce" (output > 0.5 against target > 0.5), NRMSE for "mse".
   */
  public double metric(RnnModel model, String loss) {
    return score(model.forward(x, outputSteps(), null, lengths).output().data(), loss);
  }

  /**
   * The metric of the naive reference, a model that ignores its input and always outputs what
   * fits {@code training} best: its most frequent class ("ce"), its more frequent value per output
   * ("bce"), its mean per output ("mse"); scored on this data set as {@link #metric} scores a model.
   */
  public double baselineMetric(ArrayDataset training, String loss) {
    float[] constant = training.constantPrediction(loss); // (O)
    int o = outputWidth, positions = outputSteps() * size();
    float[] out = new float[positions * o]; // (T_out, B, O)
    for (int p = 0; p < positions; p++) {
      System.arraycopy(constant, 0, out, p * o, o);
    }
    return score(out, loss);
  }

  /** Outputs padded in time for sequence r: many-to-many steps after its length. */
  private boolean padded(int t, int r) {
    return lengths != null && outputSteps() > 1 && t >= lengths[r];
  }

  private double score(float[] out, String loss) { // out: (T_out, B, O)
    int b = size(), tOut = outputSteps(), o = outputWidth;
    List<float[]> pairs = new ArrayList<>(); // {prediction or hit, target}
    int hits = 0, count = 0;
    for (int t = 0; t < tOut; t++) {
      for (int r = 0; r < b; r++) {
        for (int k = 0; !padded(t, r) && k < (classIndices ? 1 : o); k++) {
          int pos = (t * b + r) * (classIndices ? 1 : o) + k;
          if (loss.equals("ce")) {
            hits += OutputActivation.argmax(out, (t * b + r) * o, o) == (int) y.data()[pos] ? 1 : 0;
          } else if (loss.equals("bce")) {
            hits += (out[pos] > 0.5f) == (y.data()[pos] > 0.5f) ? 1 : 0;
          } else {
            pairs.add(new float[] {out[pos], y.data()[pos]});
          }
          count++;
        }
      }
    }
    if (!loss.equals("mse")) {
      return hits / (double) count;
    }
    float[] p = new float[pairs.size()], target = new float[pairs.size()];
    for (int i = 0; i < p.length; i++) {
      p[i] = pairs.get(i)[0];
      target[i] = pairs.get(i)[1];
    }
    return Metrics.nrmse(p, target);
  }

  /** (O): the one-hot most frequent class (ce), 1 where most targets are > 0.5 (bce), the mean target (mse). */
  private float[] constantPrediction(String loss) {
    int b = size(), tOut = outputSteps(), o = outputWidth;
    double[] sum = new double[o];
    int count = 0;
    for (int t = 0; t < tOut; t++) {
      for (int r = 0; r < b; r++) {
        if (padded(t, r)) {
          continue;
        }
        count++;
        if (classIndices) {
          sum[(int) y.data()[t * b + r]]++;
          continue;
        }
        for (int k = 0; k < o; k++) {
          float v = y.data()[(t * b + r) * o + k];
          sum[k] += loss.equals("bce") ? (v > 0.5f ? 1 : 0) : v;
        }
      }
    }
    float[] c = new float[o];
    if (classIndices) {
      int best = 0;
      for (int k = 1; k < o; k++) {
        best = sum[k] > sum[best] ? k : best;
      }
      c[best] = 1;
      return c;
    }
    for (int k = 0; k < o; k++) {
      double mean = sum[k] / Math.max(1, count);
      c[k] = loss.equals("bce") ? (mean > 0.5 ? 1 : 0) : (float) mean;
    }
    return c;
  }

  /** The metric's name for a loss. */
  public static String metricName(String loss) {
    return loss.equals("mse") ? "nrmse" : "accuracy";
  }
}
