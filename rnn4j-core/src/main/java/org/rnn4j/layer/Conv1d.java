package org.rnn4j.layer;

import java.util.Random;
import org.rnn4j.cell.Activation;
import org.rnn4j.math.Kernels;
import org.rnn4j.tensor.Parameters;
import org.rnn4j.tensor.Parameters.Param;
import org.rnn4j.tensor.ShapeException;

/**
 * 1-D convolution over time with a pointwise activation, time-major: x (T, B, C_in) →
 * y (T', B, C_out), weight (C_out, C_in, K) and bias (C_out) as PyTorch's {@code nn.Conv1d}
 * (named {@code name.weight}, {@code name.bias}).
 *
 * <pre>
 *   z[t', b, o] = bias[o] + Σ_{c, k} W[o, c, k] · x[t'·S + k − P_left, b, c]     (x = 0 outside 0 … T-1)
 *   y = f(z),  f ∈ relu, tanh, identity, ...
 * </pre>
 *
 * Padding 'valid': no padding, T' = ⌊(T − K)/S⌋ + 1. Padding 'same' (TensorFlow's rule, any
 * stride): T' = ⌈T/S⌉, total padding max((T'−1)·S + K − T, 0), of which ⌊·/2⌋ on the left.
 *
 * <p>Computed as one GEMM over an unfolded input ("im2col"): cols (T'·B, C_in·K) holds each
 * output position's receptive field in the weight's (c, k) order, so z = cols W^T. Backward is
 * the same three products transposed: δz = δy ⊙ f'(y); δW += δz^T cols; δb += Σ δz;
 * δcols = δz W, folded back onto δx ("col2im", summing overlaps).
 */
public final class Conv1d {
  private final String name;
  private final int in, out, kernel, stride;
  private final boolean same;
  private final Activation activation;
  private Param w, b;
  private Parameters params;

  // Saved by forward for backward.
  private int steps, batch, outSteps, padLeft;
  private float[] cols, y;

  public Conv1d(String name, int in, int out, int kernel, int stride, boolean same, Activation activation) {
    if (in <= 0 || out <= 0 || kernel <= 0 || stride <= 0) {
      throw new IllegalArgumentException(name + ": expected positive in/out channels, kernel and stride, found in=" + in
          + ", out=" + out + ", kernel=" + kernel + ", stride=" + stride);
    }
    this.name = name;
    this.in = in;
    this.out = out;
    this.kernel = kernel;
    this.stride = stride;
    this.same = same;
    this.activation = activation;
  }

  public int inChannels() { return in; }
  public int outChannels() { return out; }

  /** T' for an input of T steps; throws when 'valid' leaves no output step. */
  public int outputSteps(int t) {
    if (t <= 0 || (!same && t < kernel)) {
      throw new ShapeException(name + ": expected at least " + (same ? 1 : kernel) + " input steps for kernel " + kernel
          + (same ? "" : " with 'valid' padding") + ", found " + t);
    }
    return same ? (t + stride - 1) / stride : (t - kernel) / stride + 1;
  }

  private int padLeft(int t, int tOut) {
    return same ? Math.max((tOut - 1) * stride + kernel - t, 0) / 2 : 0;
  }

  public void declare(Parameters.Builder builder) {
    w = builder.add(name + ".weight", out, in, kernel);
    b = builder.add(name + ".bias", out);
  }

  public void bind(Parameters p) {
    params = p;
    w = p.get(name + ".weight");
    b = p.get(name + ".bias");
  }

  /** PyTorch's default: uniform ±1/√(C_in·K) for weight and bias. */
  public void initParams(Random rng) {
    params.uniform((float) (1.0 / Math.sqrt(in * kernel)), rng, w, b);
  }

  /** y (T', B, C_out) from x (T, B, C_in); the returned array is kept for backward (do not modify). */
  public float[] forward(float[] x, int t, int bsz) {
    if (x.length != t * bsz * in) {
      throw new ShapeException(name + ": expected input (T, B, C_in) = (" + t + ", " + bsz + ", " + in + "), found "
          + x.length + " values");
    }
    steps = t;
    batch = bsz;
    outSteps = outputSteps(t);
    padLeft = padLeft(t, outSteps);
    int rows = outSteps * bsz, width = in * kernel;
    cols = new float[rows * width]; // (T'·B, C_in·K), zero where the field reaches into the padding
    for (int to = 0; to < outSteps; to++) {
      for (int k = 0; k < kernel; k++) {
        int ti = to * stride + k - padLeft;
        if (ti < 0 || ti >= t) {
          continue;
        }
        for (int r = 0; r < bsz; r++) {
          int src = (ti * bsz + r) * in, dst = (to * bsz + r) * width + k;
          for (int c = 0; c < in; c++) {
            cols[dst + c * kernel] = x[src + c];
          }
        }
      }
    }
    float[] v = params.values();
    y = new float[rows * out];
    // (T'·B, C_in·K) x (C_in·K, C_out) -> (T'·B, C_out)
    Kernels.gemm().gemm(false, true, rows, out, width, 1f, cols, 0, width, v, w.offset(), width, 0f, y, 0, out);
    Rows.addVector(y, 0, rows, out, v, b.offset());
    for (int i = 0; i < y.length; i++) {
      y[i] = activation.apply(y[i]);
    }
    return y;
  }

  /** The output length of the last forward call. */
  public int lastOutputSteps() {
    return outSteps;
  }

  /**
   * From δy (T', B, C_out) of the last forward: accumulates δW, δb, and δx (T, B, C_in) into
   * {@code dx} when it is not null.
   */
  public void backward(float[] dy, float[] dx) {
    int rows = outSteps * batch, width = in * kernel;
    float[] dz = new float[rows * out];
    for (int i = 0; i < dz.length; i++) {
      dz[i] = dy[i] * activation.derivFromOutput(y[i]);
    }
    float[] g = params.grads();
    // δW += δz^T cols: (C_out, T'·B) x (T'·B, C_in·K)
    Kernels.gemm().gemm(true, false, out, width, rows, 1f, dz, 0, out, cols, 0, width, 1f, g, w.offset(), width);
    Rows.sumColumns(dz, rows, out, g, b.offset());
    if (dx == null) {
      return;
    }
    float[] dcols = new float[rows * width];
    // δcols = δz W: (T'·B, C_out) x (C_out, C_in·K)
    Kernels.gemm().gemm(false, false, rows, width, out, 1f, dz, 0, out, params.values(), w.offset(), width, 0f, dcols, 0, width);
    for (int to = 0; to < outSteps; to++) {
      for (int k = 0; k < kernel; k++) {
        int ti = to * stride + k - padLeft;
        if (ti < 0 || ti >= steps) {
          continue;
        }
        for (int r = 0; r < batch; r++) {
          int dst = (ti * batch + r) * in, src = (to * batch + r) * width + k;
          for (int c = 0; c < in; c++) {
            dx[dst + c] += dcols[src + c * kernel];
          }
        }
      }
    }
  }
}
