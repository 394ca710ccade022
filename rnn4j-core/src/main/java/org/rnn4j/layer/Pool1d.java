package org.rnn4j.layer;

import java.util.Locale;
import org.rnn4j.tensor.ShapeException;

/**
 * Max or average pooling over time, without padding: x (T, B, C) → y (T'', B, C) with
 * T'' = ⌊(T − P)/S⌋ + 1 windows of size P and stride S (PyTorch's MaxPool1d/AvgPool1d).
 *
 * <pre>
 *   max: y[t, b, c] = max_{p < P} x[t·S + p, b, c]    δx[argmax] += δy   (first maximum on ties)
 *   avg: y[t, b, c] = (1/P) Σ_{p < P} x[t·S + p, b, c]  δx[t·S + p] += δy / P
 * </pre>
 */
public final class Pool1d {
  /** The reduction over a window. */
  public enum Kind {
    MAX, AVG;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Kind kind;
  private final int size, stride;

  // Saved by forward for backward.
  private int steps, batch, channels, outSteps;
  private int[] argmax; // (T'', B, C): the input step of each maximum

  public Pool1d(Kind kind, int size, int stride) {
    if (size <= 0 || stride <= 0) {
      throw new IllegalArgumentException(kind.id() + " pooling: expected positive size and stride, found size=" + size
          + ", stride=" + stride);
    }
    this.kind = kind;
    this.size = size;
    this.stride = stride;
  }

  public int outputSteps(int t) {
    if (t < size) {
      throw new ShapeException(kind.id() + " pooling: expected at least " + size + " input steps, found " + t);
    }
    return (t - size) / stride + 1;
  }

  /** y (T'', B, C) from x (T, B, C). */
  public float[] forward(float[] x, int t, int b, int c) {
    steps = t;
    batch = b;
    channels = c;
    outSteps = outputSteps(t);
    int bc = b * c;
    float[] y = new float[outSteps * bc];
    argmax = kind == Kind.MAX ? new int[y.length] : null;
    for (int to = 0; to < outSteps; to++) {
      for (int i = 0; i < bc; i++) {
        int start = to * stride, o = to * bc + i;
        if (kind == Kind.MAX) {
          int best = start;
          for (int p = 1; p < size; p++) {
            if (x[(start + p) * bc + i] > x[best * bc + i]) {
              best = start + p;
            }
          }
          argmax[o] = best;
          y[o] = x[best * bc + i];
        } else {
          float sum = 0;
          for (int p = 0; p < size; p++) {
            sum += x[(start + p) * bc + i];
          }
          y[o] = sum / size;
        }
      }
    }
    return y;
  }

  public int lastOutputSteps() {
    return outSteps;
  }

  /** Returns δx (T, B, C) from δy (T'', B, C) of the last forward. */
  public float[] backward(float[] dy) {
    int bc = batch * channels;
    float[] dx = new float[steps * bc];
    for (int to = 0; to < outSteps; to++) {
      for (int i = 0; i < bc; i++) {
        int o = to * bc + i;
        if (kind == Kind.MAX) {
          dx[argmax[o] * bc + i] += dy[o];
        } else {
          float share = dy[o] / size;
          for (int p = 0; p < size; p++) {
            dx[(to * stride + p) * bc + i] += share;
          }
        }
      }
    }
    return dx;
  }
}
