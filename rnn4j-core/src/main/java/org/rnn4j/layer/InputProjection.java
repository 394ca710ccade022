package org.rnn4j.layer;

import org.rnn4j.math.Kernels;
import org.rnn4j.math.PackedB;
import org.rnn4j.math.Pointwise;

/**
 * The input projection of a recurrent layer over all steps at once, {@code xp = X W_ih^T + b_ih}
 * (T·B, G), and its backward {@code δW_ih += δXP^T X}, {@code δX += δXP W_ih}.
 *
 * <p>{@link #dense} multiplies a (T·B, I) input. {@link #lookup} takes token indices (T·B) in
 * [0, I) and gathers column {@code tok} of W_ih instead of multiplying by a one-hot vector —
 * the same numbers without the I-fold wasted work, taken step by step inside the layer's time
 * loop ({@link #perStep}); its backward scatter-adds rows into δW_ih. Its table (W_ih^T + b_ih)
 * and the table's gradient are the caller's buffers of {@link #tableSize} floats (a layer keeps
 * them in each call's context): a projection holds no state.
 */
abstract class InputProjection {
  final int inputSize;
  final int gates;

  private InputProjection(int inputSize, int gates) {
    this.inputSize = inputSize;
    this.gates = gates;
  }

  static InputProjection dense(int inputSize, int gates) {
    return new Dense(inputSize, gates);
  }

  static InputProjection lookup(int vocabulary, int gates) {
    return new Lookup(vocabulary, gates);
  }

  /**
   * xp (n, G) = projection of x's n rows + b_ih; W_ih (G, I) at {@code w[wOff]}, b_ih (G) at
   * {@code w[biasOff]} (−1: no bias). A {@link #perStep} projection has {@link #prepare} and
   * {@link #gather} instead.
   */
  void forward(float[] x, int n, float[] w, int wOff, int biasOff, float[] xp) {
    throw new UnsupportedOperationException("a per-step projection: prepare, then gather");
  }

  /**
   * Whether the layer should take each step's rows with {@link #gather} inside its time loop
   * instead of projecting all steps up front: a lookup's rows are copies of its small table, so
   * there is nothing to gain from doing them at once, and the (T·B, G) array they would fill
   * (26 MB for charlm) would be written and read back from memory.
   */
  boolean perStep() {
    return false;
  }

  /** Floats of the table {@link #prepare} fills (and of backward's scratch): 0 unless {@link #perStep}. */
  int tableSize() {
    return 0;
  }

  /** Builds the table {@link #gather} reads, from the current weights (once per sequence). */
  void prepare(float[] w, int wOff, int biasOff, float[] table) {
    throw new UnsupportedOperationException("not a per-step projection");
  }

  /** xp rows [xpOff/G, +n) = the projections of rows [from, from + n) of x; see {@link #perStep}. */
  void gather(float[] table, float[] x, int from, int n, float[] xp, int xpOff) {
    throw new UnsupportedOperationException("not a per-step projection");
  }

  /** W_ih^T packed for repeated dense products, or null for a lookup (which needs no product). */
  abstract PackedB pack(float[] w, int wOff);

  /**
   * Accumulates δW_ih into {@code g[wOff]} and, when {@code dx} is not null, δX into dx;
   * {@code scratch} holds {@link #tableSize} floats.
   */
  abstract void backward(float[] x, float[] dxp, int n, float[] w, int wOff, float[] g, float[] dx, float[] scratch);

  private static final class Dense extends InputProjection {
    Dense(int inputSize, int gates) {
      super(inputSize, gates);
    }

    @Override
    void forward(float[] x, int n, float[] w, int wOff, int biasOff, float[] xp) {
      // (n, I) x (I, G) -> (n, G)
      Kernels.gemm().gemm(false, true, n, gates, inputSize, 1f, x, 0, inputSize, w, wOff, inputSize, 0f, xp, 0, gates);
      if (biasOff >= 0) {
        Rows.addVector(xp, 0, n, gates, w, biasOff);
      }
    }

    @Override
    PackedB pack(float[] w, int wOff) {
      return Kernels.gemm().pack(true, gates, inputSize, w, wOff, inputSize);
    }

    @Override
    void backward(float[] x, float[] dxp, int n, float[] w, int wOff, float[] g, float[] dx, float[] scratch) {
      // δW_ih += δXP^T X: (G, n) x (n, I)
      Kernels.gemm().gemm(true, false, gates, inputSize, n, 1f, dxp, 0, gates, x, 0, inputSize, 1f, g, wOff, inputSize);
      if (dx != null) {
        // δX += δXP W_ih: (n, G) x (G, I)
        Kernels.gemm().gemm(false, false, n, inputSize, gates, 1f, dxp, 0, gates, w, wOff, inputSize, 1f, dx, 0, inputSize);
      }
    }
  }

  /** Its table is W_ih^T + b_ih (I, G): contiguous rows to gather. */
  private static final class Lookup extends InputProjection {
    Lookup(int vocabulary, int gates) {
      super(vocabulary, gates);
    }

    @Override
    boolean perStep() {
      return true;
    }

    @Override
    int tableSize() {
      return inputSize * gates;
    }

    @Override
    void prepare(float[] w, int wOff, int biasOff, float[] wT) {
      // Row v of the table is column v of W_ih plus b_ih: the gather then copies xp's rows whole
      // (the same single addition as adding the bias afterwards, in one pass instead of two).
      for (int gi = 0; gi < gates; gi++) {
        float bi = biasOff >= 0 ? w[biasOff + gi] : 0f;
        for (int v = 0; v < inputSize; v++) {
          wT[v * gates + gi] = biasOff >= 0 ? w[wOff + gi * inputSize + v] + bi : w[wOff + gi * inputSize + v];
        }
      }
    }

    @Override
    void gather(float[] wT, float[] tokens, int from, int n, float[] xp, int xpOff) {
      for (int r = 0; r < n; r++) {
        System.arraycopy(wT, (int) tokens[from + r] * gates, xp, xpOff + r * gates, gates);
      }
    }

    @Override
    PackedB pack(float[] w, int wOff) {
      return null;
    }

    @Override
    void backward(float[] tokens, float[] dxp, int n, float[] w, int wOff, float[] g, float[] dx, float[] dwT) {
      // Columns of δXP (gates) split among threads: each sums its own columns in row order.
      Kernels.parallelFor(gates, (long) n * gates, (c0, c1) -> {
        for (int v = 0; v < inputSize; v++) {
          java.util.Arrays.fill(dwT, v * gates + c0, v * gates + c1, 0f);
        }
        Pointwise add = Kernels.pointwise();
        for (int r = 0; r < n; r++) {
          add.addTo(dxp, r * gates + c0, dwT, (int) tokens[r] * gates + c0, c1 - c0);
        }
        for (int gi = c0; gi < c1; gi++) {
          for (int v = 0; v < inputSize; v++) {
            g[wOff + gi * inputSize + v] += dwT[v * gates + gi];
          }
        }
      });
      // Token indices have no gradient: dx stays untouched.
    }
  }
}
