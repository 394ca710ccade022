package org.rnn4j.diagnose;

import org.rnn4j.layer.RecurrentContext;
import org.rnn4j.model.Batch;
import org.rnn4j.model.Mapping;
import org.rnn4j.model.RnnModel;
import org.rnn4j.tensor.Tensor;

/**
 * ‖∂L_last/∂h_t‖ for every time step t, in the first and the top layer (forward direction),
 * where L_last is the model's loss on the <b>last output step only</b> (a mask keeps row
 * T_out − 1): many-to-many losses inject gradient at every step, which would hide how far back
 * one step's error reaches. Norms are Frobenius over the batch (B, H). For many-to-one models
 * L_last is the ordinary loss.
 *
 * <p>Measured with {@link RecurrentContext#recordStateGradients}; the model's gradient buffer is restored
 * afterwards, so probing in the middle of training changes nothing.
 */
public final class StateGradients {
  private StateGradients() {}

  /** Norms per time step (time order) and the ratio ‖∂L/∂h_0‖ / ‖∂L/∂h_{T-1}‖ of the first layer. */
  public record Result(double[] firstLayer, double[] topLayer, double ratioFirstLast) {}

  public static Result measure(RnnModel model, Batch batch) {
    RecurrentContext first = model.stack().context(0);
    RecurrentContext top = model.stack().context((model.stack().layers() - 1) * model.stack().directions());
    float[] grads = model.parameters().grads();
    float[] saved = grads.clone();
    model.parameters().zeroGrads();
    first.recordStateGradients(true);
    top.recordStateGradients(true);
    try {
      model.lossAndGradient(lastOutputOnly(batch, model.config().mapping()), null);
      double[] f = first.stateGradientNorms();
      double[] t = top.stateGradientNorms();
      return new Result(f, t, f[0] / Math.max(f[f.length - 1], Double.MIN_NORMAL));
    } finally {
      first.recordStateGradients(false);
      top.recordStateGradients(false);
      System.arraycopy(saved, 0, grads, 0, grads.length);
    }
  }

  /** The batch with a mask that keeps only the last output row (times any mask it had). */
  static Batch lastOutputOnly(Batch batch, Mapping mapping) {
    if (mapping.kind() == Mapping.Kind.MANY_TO_ONE) { // one output step already
      return batch;
    }
    Tensor x = batch.x(), y = batch.y();
    int b = mapping.vectorInput() && x.rank() == 2 ? x.dim(0) : x.dim(1); // (B, I) or (T, B, ...)
    int outSteps = y.dim(0);
    Tensor mask = Tensor.zeros(outSteps, b);
    for (int r = 0; r < b; r++) {
      float keep = batch.mask() == null ? 1f : batch.mask().data()[(outSteps - 1) * b + r];
      mask.data()[(outSteps - 1) * b + r] = keep;
    }
    return new Batch(batch.x(), y, mask, batch.initial(), batch.lengths());
  }
}
