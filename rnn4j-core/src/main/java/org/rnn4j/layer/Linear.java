package org.rnn4j.layer;

import java.util.Random;
import org.rnn4j.math.Kernels;
import org.rnn4j.math.PackedB;
import org.rnn4j.tensor.Parameters;
import org.rnn4j.tensor.Parameters.Param;

/**
 * Dense layer {@code z = W h + b} applied to N rows at once, W (O, F), b (O); named
 * {@code name.weight} and {@code name.bias} as in PyTorch.
 */
public final class Linear {
  private final String name;
  private final int in;
  private final int out;
  private Param w, b;
  private Parameters params;

  public Linear(String name, int in, int out) {
    this.name = name;
    this.in = in;
    this.out = out;
  }

  public int in() { return in; }
  public int out() { return out; }

  public void declare(Parameters.Builder builder) {
    w = builder.add(name + ".weight", out, in);
    b = builder.add(name + ".bias", out);
  }

  public void bind(Parameters p) {
    params = p;
    w = p.get(name + ".weight");
    b = p.get(name + ".bias");
  }

  /** PyTorch's nn.Linear default: uniform ±1/√F for weight and bias. */
  public void initParams(Random rng) {
    params.uniform((float) (1.0 / Math.sqrt(in)), rng, w, b);
  }

  /** z (N, O) = x (N, F) W^T + b. */
  public void forward(float[] x, int n, float[] z) {
    forward(x, 0, n, z, 0);
  }

  /** The same on rows starting at offsets, e.g. one time step of a (T, N, F) array. */
  public void forward(float[] x, int xOff, int n, float[] z, int zOff) {
    float[] v = params.values();
    Kernels.gemm().gemm(false, true, n, out, in, 1f, x, xOff, in, v, w.offset(), in, 0f, z, zOff, out);
    Rows.addVector(z, zOff, n, out, v, b.offset());
  }

  /**
   * W^T packed for repeated products (a snapshot of the current weights, only read afterwards):
   * streaming inference packs the head once instead of at every step.
   */
  public PackedB packWeights() {
    return Kernels.gemm().pack(true, out, in, params.values(), w.offset(), in);
  }

  /** z (N, O) = x (N, F) W^T + b with W^T packed by {@link #packWeights}: the same floats as {@link #forward(float[], int, float[])}. */
  public void forward(float[] x, int n, float[] z, PackedB packed) {
    Kernels.gemm().gemm(false, n, 1f, x, 0, in, packed, 0f, z, 0, out);
    Rows.addVector(z, 0, n, out, params.values(), b.offset());
  }

  /** Accumulates δW += δz^T x, δb += Σ δz, and δx += δz W (when dx is not null). */
  public void backward(float[] x, float[] dz, int n, float[] dx) {
    backward(x, 0, dz, 0, n, dx, 0);
  }

  /** The same on rows starting at offsets. */
  public void backward(float[] x, int xOff, float[] dz, int dzOff, int n, float[] dx, int dxOff) {
    backward(x, xOff, dz, dzOff, n, dx, dxOff, true);
  }

  /**
   * The same, with {@code addToDx} false writing δx = δz W over dx instead of adding to it: dx
   * is then not read, which saves a pass over it when it would hold zeros.
   */
  public void backward(float[] x, int xOff, float[] dz, int dzOff, int n, float[] dx, int dxOff, boolean addToDx) {
    float[] g = params.grads();
    Kernels.gemm().gemm(true, false, out, in, n, 1f, dz, dzOff, out, x, xOff, in, 1f, g, w.offset(), in);
    Rows.sumColumns(dz, dzOff, n, out, g, b.offset());
    if (dx != null) {
      Kernels.gemm().gemm(false, false, n, in, out, 1f, dz, dzOff, out, params.values(), w.offset(), in,
          addToDx ? 1f : 0f, dx, dxOff, in);
    }
  }
}
