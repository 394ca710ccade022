package org.rnn4j.check;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rnn4j.model.Batch;
import org.rnn4j.model.RnnModel;
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
      double[] numeric = new double[param.size()];
      for (int i = 0; i < numeric.length; i++) {
        numeric[i] = difference(v, param.offset() + i, epsilon, () -> loss(model, batch, dropoutState));
      }
      errors.put(param.name(), relError(analytic, param.offset(), numeric));
    }
    if (ig[0].x() != null) { // token inputs have no gradient
      errors.put("input", tensorError(ig[0].x(), batch.x(), epsilon, () -> loss(model, batch, dropoutState)));
    }
    Tensor[] init = batch.initial();
    String[] names = {"h0", "c0"};
    for (int k = 0; init != null && k < init.length; k++) {
      if (init[k] != null) {
        errors.put(names[k], tensorError(ig[0].initial()[k], init[k], epsilon, () -> loss(model, batch, dropoutState)));
      }
    }
    p.zeroGrads();
    return new Result(errors);
  }

  private static double loss(RnnModel model, Batch batch, long dropoutState) {
    model.stack().dropoutRng().setState(dropoutState);
    return model.lossAndGradient(batch, null);
  }

  private static double tensorError(Tensor analytic, Tensor wrt, double epsilon, java.util.function.DoubleSupplier f) {
    double[] numeric = new double[wrt.size()];
    for (int i = 0; i < numeric.length; i++) {
      numeric[i] = difference(wrt.data(), i, epsilon, f);
    }
    return relError(analytic.data(), 0, numeric);
  }

  private static double difference(float[] values, int i, double epsilon, java.util.function.DoubleSupplier f) {
    float saved = values[i];
    float up = (float) (saved + epsilon);
    float down = (float) (saved - epsilon);
    values[i] = up;
    double plus = f.getAsDouble();
    values[i] = down;
    double minus = f.getAsDouble();
    values[i] = saved;
    return (plus - minus) / ((double) up - down); // the step actually taken in float
  }

  static double relError(float[] analytic, int off, double[] numeric) {
    double diff = 0, na = 0, nn = 0;
    for (int i = 0; i < numeric.length; i++) {
      double a = analytic[off + i];
      diff += (a - numeric[i]) * (a - numeric[i]);
      na += a * a;
      nn += numeric[i] * numeric[i];
    }
    double scale = Math.max(Math.sqrt(Math.max(na, nn)), 1e-8);
    return Math.sqrt(diff) / scale;
  }
}
