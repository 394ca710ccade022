package org.rnn4j.diagnose;

import org.rnn4j.layer.Recurrent;
import org.rnn4j.layer.RecurrentCall;
import org.rnn4j.layer.RecurrentContext;
import org.rnn4j.model.Batch;
import org.rnn4j.model.Mapping;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.tensor.Tensor;

/**
 * Exact products of step Jacobians along a trajectory of the first layer (forward direction).
 *
 * <p>The carried state of a step is s_t = h_t (Elman-like cells, GRU) or [h_t; c_t] (LSTM),
 * n = states·H values. For the first sequence of a batch, each step's Jacobian
 * J_t = ∂s_t/∂s_{t-1} (n×n) is built row by row from the layer's own backward: a one-step
 * backward with dL/ds_t = e_i gives row i as dL/ds_{t-1}. Then for k = 0 … T
 *
 * <pre>
 *   P_k = ∂s_{T-1}/∂s_{T-1-k} = J_{T-1} J_{T-2} ⋯ J_{T-k}      (P_0 = I, s_{-1} the initial state)
 *   productNorm[k] = σ_max(P_k)                              (EJML singular values)
 *   growthPerStep  = productNorm[T]^(1/T)                     geometric mean gain per step
 * </pre>
 *
 * A gain below 1 means signals (and gradients) from k steps back shrink like gain^k; above 1
 * they can grow. The cost is n one-step backward calls per step plus T SVDs of n×n, so it is
 * meant for small layers (n ≤ {@link #MAX_STATE}).
 */
public final class StepJacobians {
  public static final int MAX_STATE = 512;

  private StepJacobians() {}

  /** σ_max(P_k) for k = 0 … T, σ_max(J_t) for t = 0 … T-1, and the mean gain per step. */
  public record Result(double[] productNorm, double[] stepNorm, double growthPerStep) {}

  public static Result along(RnnModel model, Batch batch) {
    ModelConfig c = model.config();
    RnnModel probe = new RnnModel(c); // its own gradient buffer: the model's gradients stay untouched
    System.arraycopy(model.parameters().values(), 0, probe.parameters().values(), 0, model.parameters().size());
    Recurrent unit = probe.stack().units().get(0);
    if (unit.cell().usesOlderStates()) {
      throw new IllegalArgumentException("step Jacobians: expected a cell whose step reads only s_{t-1}, found "
          + c.cell() + ", which reads older states too");
    }
    int h = unit.hidden(), states = unit.cell().states(), n = states * h;
    if (n > MAX_STATE) {
      throw new IllegalArgumentException("step Jacobians: expected at most " + MAX_STATE + " state values, found "
          + n + " (states × hidden)");
    }
    Tensor x = c.tokenInput() ? batch.x().reshape(batch.x().dim(0), batch.x().dim(1), 1) : batch.x();
    int outSteps = c.mapping().kind() == Mapping.Kind.MANY_TO_ONE ? 1 : batch.y().dim(0);
    Mapping.Layout layout = c.mapping().layout(x, outSteps);
    int t = layout.steps(), b = layout.batch(), width = layout.input().length / (t * b);

    float[][] state = initialState(unit, batch, states, h);
    float[] xt = new float[width], out = new float[h], noOutputGrad = new float[h];
    double[][] jacobians = new double[t][];
    double[] stepNorm = new double[t];
    RecurrentContext ctx = unit.newContext();
    RecurrentCall step = RecurrentCall.of(xt, 1, 1, out, h).from(state);
    for (int i = 0; i < t; i++) {
      System.arraycopy(layout.input(), i * b * width, xt, 0, width); // batch row 0
      unit.forward(ctx, step);
      double[] j = new double[n * n];
      for (int row = 0; row < n; row++) {
        float[][] dFinal = new float[states][h];
        dFinal[row / h][row % h] = 1f;
        float[][] dInitial = new float[states][h];
        unit.backward(ctx, noOutputGrad, dFinal, null, dInitial);
        for (int k = 0; k < states; k++) {
          for (int col = 0; col < h; col++) {
            j[row * n + k * h + col] = dInitial[k][col];
          }
        }
      }
      jacobians[i] = j;
      stepNorm[i] = Spectral.norm(j, n, n);
      for (int k = 0; k < states; k++) {
        ctx.finalState(k, state[k], 0);
      }
    }
    double[] productNorm = new double[t + 1];
    double[] product = identity(n);
    productNorm[0] = 1;
    for (int k = 1; k <= t; k++) {
      product = multiply(product, jacobians[t - k], n); // P_k = P_{k-1} J_{T-k}
      productNorm[k] = Spectral.norm(product, n, n);
    }
    return new Result(productNorm, stepNorm, Math.pow(productNorm[t], 1.0 / t));
  }

  /** The first sequence's initial state of layer 0: given in the batch, learned, or zero. */
  private static float[][] initialState(Recurrent unit, Batch batch, int states, int h) {
    float[][] s = new float[states][h];
    for (int k = 0; k < states; k++) {
      Tensor[] given = batch.initial();
      if (given != null && k < given.length && given[k] != null) {
        System.arraycopy(given[k].data(), 0, s[k], 0, h); // (L·D, B, H): unit 0, row 0
      } else {
        unit.initialState(k, s[k]);
      }
    }
    return s;
  }

  private static double[] identity(int n) {
    double[] m = new double[n * n];
    for (int i = 0; i < n; i++) {
      m[i * n + i] = 1;
    }
    return m;
  }

  /** a (n, n) · b (n, n), row-major. */
  private static double[] multiply(double[] a, double[] b, int n) {
    double[] c = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < n; k++) {
        double aik = a[i * n + k];
        for (int j = 0; j < n; j++) {
          c[i * n + j] += aik * b[k * n + j];
        }
      }
    }
    return c;
  }
}
