package org.rnn4j.layer;

import org.rnn4j.tensor.ShapeException;

/**
 * Max or average pooling of N frames (C, H, W) → (C, H', W') over P×P windows with stride S,
 * no padding, H' = ⌊(H − P)/S⌋ + 1 (PyTorch's {@code nn.MaxPool2d}/{@code nn.AvgPool2d}
 * defaults). Backward sends each output's gradient to the window's maximum (the first one on
 * ties), or spreads it evenly over the window for the average.
 */
public final class Pool2d {
  private final Pool1d.Kind kind;
  private final int size, stride, channels, inH, inW, outH, outW;

  // Saved by forward for backward: the number of frames and, for max, each output's source index.
  private int frames;
  private int[] argmax;

  public Pool2d(Pool1d.Kind kind, int size, int stride, int channels, int inH, int inW) {
    if (size <= 0 || stride <= 0) {
      throw new IllegalArgumentException(kind.id() + " pooling: expected positive size and stride, found size=" + size
          + ", stride=" + stride);
    }
    if (inH < size || inW < size) {
      throw new ShapeException(kind.id() + " pooling: expected frames of at least " + size + "×" + size + ", found "
          + inH + "×" + inW);
    }
    this.kind = kind;
    this.size = size;
    this.stride = stride;
    this.channels = channels;
    this.inH = inH;
    this.inW = inW;
    this.outH = (inH - size) / stride + 1;
    this.outW = (inW - size) / stride + 1;
  }

  public int outHeight() { return outH; }
  public int outWidth() { return outW; }

  /** y (N, C, H', W') from x (N, C, H, W). */
  public float[] forward(float[] x, int n) {
    frames = n;
    int planes = n * channels;
    float[] y = new float[planes * outH * outW];
    argmax = kind == Pool1d.Kind.MAX ? new int[y.length] : null;
    for (int p = 0; p < planes; p++) {
      for (int i = 0; i < outH; i++) {
        for (int j = 0; j < outW; j++) {
          int o = (p * outH + i) * outW + j;
          float best = Float.NEGATIVE_INFINITY, sum = 0;
          int at = -1;
          for (int u = 0; u < size; u++) {
            for (int v = 0; v < size; v++) {
              int src = (p * inH + i * stride + u) * inW + j * stride + v;
              sum += x[src];
              if (x[src] > best || at < 0) {
                best = x[src];
                at = src;
              }
            }
          }
          if (argmax != null) {
            argmax[o] = at;
            y[o] = best;
          } else {
            y[o] = sum / (size * size);
          }
        }
      }
    }
    return y;
  }

  /** δx (N, C, H, W) from δy (N, C, H', W') of the last forward. */
  public float[] backward(float[] dy) {
    float[] dx = new float[frames * channels * inH * inW];
    if (argmax != null) {
      for (int o = 0; o < dy.length; o++) {
        dx[argmax[o]] += dy[o];
      }
      return dx;
    }
    float share = 1f / (size * size);
    for (int p = 0; p < frames * channels; p++) {
      for (int i = 0; i < outH; i++) {
        for (int j = 0; j < outW; j++) {
          float d = dy[(p * outH + i) * outW + j] * share;
          for (int u = 0; u < size; u++) {
            for (int v = 0; v < size; v++) {
              dx[(p * inH + i * stride + u) * inW + j * stride + v] += d;
            }
          }
        }
      }
    }
    return dx;
  }
}
