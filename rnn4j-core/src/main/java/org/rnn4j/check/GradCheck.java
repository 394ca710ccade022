package org.rnn4j.check;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.rnn4j.model.Batch;
import org.rnn4j.model.RnnModel;
import org.rnn4j.model.Trainable;
import org.rnn4j.tensor.Parameters;
import org.rnn4j.tensor.Parameters.Param;
import org.rnn4j.tensor.Tensor;

/**
 * Compares a model's hand-written gradients with central finite differences
 * {@code (L(θ+ε) − L(θ−ε)) / 2ε} for every parameter, the input and the given initial states.
 *
 * <p>The error of one tensor is {@code ‖analytic − numeric‖ / max(‖analytic‖, ‖numeric‖)}
 * (Frobenius norms), which is insensitive to the many near-zero entries that make elementwise
 * relative errors meaningless. The model computes in float32, so with ε = 1e-2 the rounding noise
 * of the difference quotient is about 1e-5 of the loss and the truncation error O(ε²): the
 * documented tolerance is {@link #TOLERANCE}.
 */
public final class GradCheck {
  public static final double EPSILON = 1e-2;
  public static final double TOLERANCE = 2e-3;

  private GradCheck() {}

  /** Per-tensor relative errors, keyed by parameter name, "input" and "h0"/"c0". */
  public record Result(Map<String, Double> errors) {
    public double maxError() {
      return errors.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    public String worst() {
      return errors.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("-");
    }
  }

  public static Result check(RnnModel model, Batch batch) {
    return check(model, batch, EPSILON);
  }

  /**
   * With an explicit ε: ReLU models use a smaller one, since a step of 1e-2 can carry a unit's
   * pre-activation across the kink at 0, where the derivative jumps.
   */
  public static Result check(RnnModel model, Batch batch, double epsilon) {
    Parameters p = model.parameters();
    p.zeroGrads();
    // Every evaluation replays the same dropout masks, so the loss is one deterministic function.
    long dropoutState = model.stack().dropoutRng().state();
    RnnModel.InputGradients[] ig = new RnnModel.InputGradients[1];
    model.lossAndGradient(batch, ig);
    float[] analytic = p.grads().clone();
    Map<String, Double> errors = new LinkedHashMap<>();
    float[] v = p.values();
    for (Param param : p.params().values()) {
      errors.put(param.name(), error(analytic, param.offset(), v, param.offset(), param.size(), epsilon,
          () -> loss(model, batch, dropoutState)));
    }
    if (ig[0].x() != null) { // token inputs have no gradient
      errors.put("input", error(ig[0].x().data(), 0, batch.x().data(), 0, batch.x().size(), epsilon,
          () -> loss(model, batch, dropoutState)));
    }
    Tensor[] init = batch.initial();
    String[] names = {"h0", "c0"};
    for (int k = 0; init != null && k < init.length; k++) {
      if (init[k] != null) {
        errors.put(names[k], error(ig[0].initial()[k].data(), 0, init[k].data(), 0, init[k].size(), epsilon,
            () -> loss(model, batch, dropoutState)));
      }
    }
    p.zeroGrads();
    return new Result(errors);
  }

  /**
   * The parameter gradients of any {@link Trainable} model on one batch (no input or state
   * gradients): the check of models other than {@link RnnModel}. The model must compute the same
   * loss at every call (no dropout in training mode).
   */
  public static <B> Result checkParameters(Trainable<B> model, B batch, double epsilon) {
    Parameters p = model.parameters();
    p.zeroGrads();
    model.lossAndGradient(batch);
    float[] analytic = p.grads().clone();
    Map<String, Double> errors = new LinkedHashMap<>();
    for (Param param : p.params().values()) {
      errors.put(param.name(), error(analytic, param.offset(), p.values(), param.offset(), param.size(), epsilon,
          () -> model.lossAndGradient(batch)));
    }
    p.zeroGrads();
    return new Result(errors);
  }

  private static double loss(RnnModel model, Batch batch, long dropoutState) {
    model.stack().dropoutRng().setState(dropoutState);
    return model.lossAndGradient(batch, null);
  }

  /**
   * The error of analytic[aOff .. aOff+n) against central differences of {@code loss} in
   * values[vOff .. vOff+n): {@code ‖analytic − numeric‖ / max(‖analytic‖, ‖numeric‖)}. Each value is
   * moved by ±ε and restored; the quotient uses the step actually taken in float. Any component
   * (layers, attention, convolutions) checks its gradients with this.
   */
  public static double error(float[] analytic, int aOff, float[] values, int vOff, int n, double epsilon,
      DoubleSupplier loss) {
    double diff = 0, na = 0, nn = 0;
    for (int i = 0; i < n; i++) {
      float saved = values[vOff + i];
      float up = (float) (saved + epsilon);
      float down = (float) (saved - epsilon);
      values[vOff + i] = up;
      double plus = loss.getAsDouble();
      values[vOff + i] = down;
      double minus = loss.getAsDouble();
      values[vOff + i] = saved;
      double numeric = (plus - minus) / ((double) up - down);
      double a = analytic[aOff + i];
      diff += (a - numeric) * (a - numeric);
      na += a * a;
      nn += numeric * numeric;
    }
    return Math.sqrt(diff) / Math.max(Math.sqrt(Math.max(na, nn)), 1e-8);
  }
}
