package org.rnn4j.layer;

import java.util.Random;
import org.rnn4j.cell.Activation;
import org.rnn4j.math.Kernels;
import org.rnn4j.tensor.Parameters;
import org.rnn4j.tensor.Parameters.Param;
import org.rnn4j.tensor.ShapeException;

/**
 * 2-D convolution of N frames (C_in, H, W) → (C_out, H', W'), each frame as PyTorch's
 * {@code nn.Conv2d} with a square kernel K, stride S and zero padding, then a pointwise
 * activation; weight (C_out, C_in, K, K) and bias (C_out), named {@code name.weight},
 * {@code name.bias}.
 *
 * <pre>
 *   z[n, o, i, j] = bias[o] + Σ_{c, u, v} W[o, c, u, v] · x[n, c, i·S + u − P_top, j·S + v − P_left]   (0 outside)
 *   y = f(z)
 * </pre>
 *
 * Padding 'valid': none, H' = ⌊(H − K)/S⌋ + 1. Padding 'same' (TensorFlow's rule, as
 * {@link Conv1d}): H' = ⌈H/S⌉, total padding max((H'−1)·S + K − H, 0), ⌊·/2⌋ of it at the top
 * (left); the same for W. The frame size is fixed when the layer is made.
 *
 * <p>One GEMM for all N frames over the unfolded input ("im2col"): cols (C_in·K·K, N·H'·W')
 * holds every output position's receptive field in the weight's (c, u, v) order, frame after
 * frame, so z = W cols (C_out, N·H'·W'). Backward is the same products transposed:
 * δz = δy ⊙ f′(y); δW += δz colsᵀ; δb += Σ δz; δcols = Wᵀ δz, folded back onto δx ("col2im",
 * summing overlaps).
 */
public final class Conv2d {
  private final String name;
  private final int in, out, kernel, stride, inH, inW, outH, outW, padTop, padLeft;
  private final Activation activation;
  private Param w, b;
  private Parameters params;

  // Saved by forward for backward: the unfolded inputs (C_in·K·K, N·H'·W') and the outputs (N, C_out, H', W').
  private int frames;
  private float[] cols, y;

  public Conv2d(String name, int in, int out, int kernel, int stride, boolean same, Activation activation, int inH,
      int inW) {
    if (in <= 0 || out <= 0 || kernel <= 0 || stride <= 0) {
      throw new IllegalArgumentException(name + ": expected positive in/out channels, kernel and stride, found in=" + in
          + ", out=" + out + ", kernel=" + kernel + ", stride=" + stride);
    }
    if (inH <= 0 || inW <= 0 || !same && (inH < kernel || inW < kernel)) {
      throw new ShapeException(name + ": expected frames of at least " + (same ? 1 : kernel) + "×" + (same ? 1 : kernel)
          + " for kernel " + kernel + (same ? "" : " without padding") + ", found " + inH + "×" + inW);
    }
    this.name = name;
    this.in = in;
    this.out = out;
    this.kernel = kernel;
    this.stride = stride;
    this.activation = activation;
    this.inH = inH;
    this.inW = inW;
    this.outH = same ? (inH + stride - 1) / stride : (inH - kernel) / stride + 1;
    this.outW = same ? (inW + stride - 1) / stride : (inW - kernel) / stride + 1;
    this.padTop = same ? Math.max((outH - 1) * stride + kernel - inH, 0) / 2 : 0;
    this.padLeft = same ? Math.max((outW - 1) * stride + kernel - inW, 0) / 2 : 0;
  }

  public int inChannels() { return in; }
  public int outChannels() { return out; }
  public int outHeight() { return outH; }
  public int outWidth() { return outW; }

  public void declare(Parameters.Builder builder) {
    w = builder.add(name + ".weight", out, in, kernel, kernel);
    b = builder.add(name + ".bias", out);
  }

  public void bind(Parameters p) {
    params = p;
    w = p.get(name + ".weight");
    b = p.get(name + ".bias");
  }

  /** PyTorch's nn.Conv2d default: uniform ±1/√(C_in·K·K) for weight and bias. */
  public void initParams(Random rng) {
    params.uniform((float) (1.0 / Math.sqrt(in * kernel * kernel)), rng, w, b);
  }

  /** y (N, C_out, H', W') from x (N, C_in, H, W); the returned array is kept for backward. */
  public float[] forward(float[] x, int n) {
    int rows = in * kernel * kernel, positions = outH * outW;
    if (x.length < n * in * inH * inW) {
      throw new ShapeException(name + ": expected " + n + " frames of " + in + "×" + inH + "×" + inW + " values, found "
          + x.length + " values");
    }
    frames = n;
    int wide = n * positions; // the columns of cols and z: every position of every frame
    cols = new float[rows * wide];
    for (int f = 0; f < n; f++) {
      unfold(x, f * in * inH * inW, cols, f * positions, wide);
    }
    float[] v = params.values(), z = new float[out * wide];
    // (C_out, C_in·K·K) x (C_in·K·K, N·H'W') -> (C_out, N·H'W')
    Kernels.gemm().gemm(false, false, out, wide, rows, 1f, v, w.offset(), rows, cols, 0, wide, 0f, z, 0, wide);
    y = new float[n * out * positions];
    for (int o = 0; o < out; o++) {
      float bias = v[b.offset() + o];
      for (int f = 0; f < n; f++) {
        int from = o * wide + f * positions, to = (f * out + o) * positions;
        for (int p = 0; p < positions; p++) {
          y[to + p] = activation.apply(z[from + p] + bias);
        }
      }
    }
    return y;
  }

  /** Accumulates δW, δb from δy (N, C_out, H', W') of the last forward; returns δx (N, C_in, H, W). */
  public float[] backward(float[] dy) {
    int rows = in * kernel * kernel, positions = outH * outW, wide = frames * positions;
    float[] g = params.grads(), v = params.values();
    float[] dz = new float[out * wide]; // (C_out, N·H'W'), the layout of z
    for (int f = 0; f < frames; f++) {
      for (int o = 0; o < out; o++) {
        int from = (f * out + o) * positions, to = o * wide + f * positions;
        for (int p = 0; p < positions; p++) {
          dz[to + p] = dy[from + p] * activation.derivFromOutput(y[from + p]);
        }
      }
    }
    // δW (C_out, C_in·K·K) += δz (C_out, N·H'W') · colsᵀ
    Kernels.gemm().gemm(false, true, out, rows, wide, 1f, dz, 0, wide, cols, 0, wide, 1f, g, w.offset(), rows);
    for (int o = 0; o < out; o++) { // δb[o] += Σ δz[o, ·]: the row sums of δz
      double sum = 0;
      for (int i = o * wide; i < (o + 1) * wide; i++) {
        sum += dz[i];
      }
      g[b.offset() + o] += (float) sum;
    }
    // δcols (C_in·K·K, N·H'W') = Wᵀ · δz
    float[] dCols = new float[rows * wide];
    Kernels.gemm().gemm(true, false, rows, wide, out, 1f, v, w.offset(), rows, dz, 0, wide, 0f, dCols, 0, wide);
    float[] dx = new float[frames * in * inH * inW];
    for (int f = 0; f < frames; f++) {
      fold(dCols, f * positions, wide, dx, f * in * inH * inW);
    }
    return dx;
  }

  /**
   * One frame's receptive fields into the columns from {@code colOff} of c, rows of length {@code ld}:
   * c[(ch·K + u)·K + v][colOff + i·W' + j] = x[ch, i·S + u − P_top, j·S + v − P_left] (0 outside the frame).
   */
  private void unfold(float[] x, int xOff, float[] c, int colOff, int ld) {
    for (int ch = 0; ch < in; ch++) {
      for (int u = 0; u < kernel; u++) {
        for (int vv = 0; vv < kernel; vv++) {
          int row = ((ch * kernel + u) * kernel + vv) * ld + colOff;
          for (int i = 0; i < outH; i++) {
            int r = i * stride + u - padTop;
            for (int j = 0; j < outW; j++) {
              int col = j * stride + vv - padLeft;
              boolean inside = r >= 0 && r < inH && col >= 0 && col < inW;
              c[row + i * outW + j] = inside ? x[xOff + (ch * inH + r) * inW + col] : 0f;
            }
          }
        }
      }
    }
  }

  /** The transpose of {@link #unfold}: adds each δcols entry of one frame onto the input value it was read from. */
  private void fold(float[] dc, int colOff, int ld, float[] dx, int xOff) {
    for (int ch = 0; ch < in; ch++) {
      for (int u = 0; u < kernel; u++) {
        for (int vv = 0; vv < kernel; vv++) {
          int row = ((ch * kernel + u) * kernel + vv) * ld + colOff;
          for (int i = 0; i < outH; i++) {
            int r = i * stride + u - padTop;
            if (r < 0 || r >= inH) {
              continue;
            }
            for (int j = 0; j < outW; j++) {
              int col = j * stride + vv - padLeft;
              if (col >= 0 && col < inW) {
                dx[xOff + (ch * inH + r) * inW + col] += dc[row + i * outW + j];
              }
            }
          }
        }
      }
    }
  }
}
