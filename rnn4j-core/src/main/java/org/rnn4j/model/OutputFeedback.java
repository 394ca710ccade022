package org.rnn4j.model;

import org.rnn4j.loss.OutputActivation;
import org.rnn4j.math.Rng;
import org.rnn4j.tensor.ShapeException;
import org.rnn4j.tensor.Tensor;

/**
 * Output recurrence (Jordan-style) with optional conditioning: the input at step t is
 * {@code x_t = [feed(y_{t−1}); c]}, where {@code feed} is the one-hot vector of a class index
 * (softmax outputs) or the output vector itself (real-valued outputs), {@code y_{−1} = 0}, and
 * {@code c} (C values, possibly none) is a fixed vector conditioning every step.
 *
 * <ul>
 *   <li>Training with teacher forcing feeds the true previous output ({@link #teacherForced}).
 *   <li>Scheduled sampling (Bengio et al. 2015) feeds, at each step with probability p, the
 *       model's own prediction instead, computed step by step ({@link #scheduled}).
 *   <li>Generation feeds the model's own outputs: the argmax or a sample for classes, the
 *       value for real outputs ({@link #generate}).
 * </ul>
 * The wrapped model is an ordinary many-to-many model with input size O + C.
 */
public final class OutputFeedback {
  private final RnnModel model;
  private final int outputs;
  private final int condition;
  private final boolean classes;

  public OutputFeedback(RnnModel model, int conditionSize) {
    ModelConfig c = model.config();
    this.model = model;
    this.classes = c.loss().equals("ce");
    this.outputs = c.outputWidth();
    this.condition = conditionSize;
    if (c.mapping().kind() != Mapping.Kind.MANY_TO_MANY || c.bidirectional() || c.tokenInput()
        || c.inputSize() != outputs + conditionSize) {
      throw new IllegalArgumentException("output feedback: expected a unidirectional many-to-many model with dense input of size "
          + (outputs + conditionSize) + " (outputs + condition), found mapping " + c.mapping().id() + ", input size "
          + c.inputSize() + (c.bidirectional() ? ", bidirectional" : ""));
    }
  }

  public RnnModel model() {
    return model;
  }

  /** Input size a model needs for O outputs and a condition of C values. */
  public static int inputSize(int outputs, int conditionSize) {
    return outputs + conditionSize;
  }

  /** Teacher forcing: targets y (T, B) class indices or (T, B, O) values; cond (B, C) or null. */
  public Batch teacherForced(Tensor y, Tensor cond) {
    return scheduled(y, cond, 0, null);
  }

  /**
   * The teacher-forced input sequence (T, B, O + C) for targets y — (T, B) class indices when
   * {@code classes}, else (T, B, O) values — and a condition (B, C) or null; usable without a
   * model, e.g. to build training examples.
   */
  public static Tensor teacherForcedInput(Tensor y, Tensor cond, boolean classes, int outputs) {
    int t = y.dim(0), b = y.dim(1), c = cond == null ? 0 : cond.dim(1), in = outputs + c;
    float[] x = new float[t * b * in];
    for (int s = 0; s < t; s++) {
      for (int r = 0; r < b; r++) {
        int dst = (s * b + r) * in;
        if (s > 0 && classes) {
          x[dst + (int) y.data()[(s - 1) * b + r]] = 1f;
        } else if (s > 0) {
          System.arraycopy(y.data(), ((s - 1) * b + r) * outputs, x, dst, outputs);
        }
        if (c > 0) {
          System.arraycopy(cond.data(), r * c, x, dst + outputs, c);
        }
      }
    }
    return Tensor.of(x, t, b, in);
  }

  /**
   * Scheduled sampling: like {@link #teacherForced}, but at each step each sequence is fed the
   * model's own previous prediction (greedy) with probability {@code p}, the predictions coming
   * from running the model step by step on the inputs fed so far.
   */
  public Batch scheduled(Tensor y, Tensor cond, double p, Rng rng) {
    int t = y.dim(0), b = y.dim(1), in = outputs + condition;
    checkTargets(y, b);
    requireCondition(cond, b);
    float[] x = new float[t * b * in];
    Stepper stepper = p > 0 ? model.stepper(b) : null;
    float[] xt = new float[b * in];
    float[] prediction = null; // the model's output at the previous step, (B, O)
    for (int s = 0; s < t; s++) {
      for (int r = 0; r < b; r++) {
        int dst = (s * b + r) * in;
        if (s > 0) {
          boolean own = prediction != null && rng.nextDouble() < p;
          if (own) {
            feedPrediction(prediction, r, x, dst);
          } else {
            feedTarget(y, s - 1, r, b, x, dst);
          }
        }
        writeCondition(cond, r, x, dst);
      }
      if (stepper != null) {
        System.arraycopy(x, s * b * in, xt, 0, b * in);
        prediction = stepper.step(xt).clone();
      }
    }
    return new Batch(Tensor.of(x, t, b, in), y);
  }

  /**
   * Free-running generation of {@code steps} outputs for {@code batch} sequences (cond (B, C) or
   * null). Classes: greedy argmax at temperature 0, else a sample from softmax(z/temperature);
   * returns (T, B) indices. Real outputs: returns (T, B, O) values.
   */
  public Tensor generate(Tensor cond, int batch, int steps, double temperature, Rng rng) {
    requireCondition(cond, batch);
    int in = outputs + condition;
    Stepper stepper = model.stepper(batch);
    float[] xt = new float[batch * in];
    Tensor out = classes ? Tensor.zeros(steps, batch) : Tensor.zeros(steps, batch, outputs);
    for (int s = 0; s < steps; s++) {
      for (int r = 0; r < batch; r++) {
        writeCondition(cond, r, xt, r * in);
      }
      float[] o = stepper.step(xt);
      java.util.Arrays.fill(xt, 0f);
      for (int r = 0; r < batch; r++) {
        if (classes) {
          int k = choose(o, r * outputs, temperature, rng);
          out.data()[s * batch + r] = k;
          xt[r * in + k] = 1f;
        } else {
          System.arraycopy(o, r * outputs, out.data(), (s * batch + r) * outputs, outputs);
          System.arraycopy(o, r * outputs, xt, r * in, outputs);
        }
      }
    }
    return out;
  }

  /** Feeds the true y_s of row r: its one-hot class or its value vector. */
  private void feedTarget(Tensor y, int s, int r, int b, float[] x, int dst) {
    if (classes) {
      x[dst + (int) y.data()[s * b + r]] = 1f;
    } else {
      System.arraycopy(y.data(), (s * b + r) * outputs, x, dst, outputs);
    }
  }

  /** Feeds the model's own prediction for row r: the greedy class or the value vector. */
  private void feedPrediction(float[] pred, int r, float[] x, int dst) {
    if (classes) {
      x[dst + OutputActivation.argmax(pred, r * outputs, outputs)] = 1f;
    } else {
      System.arraycopy(pred, r * outputs, x, dst, outputs);
    }
  }

  private void writeCondition(Tensor cond, int r, float[] x, int dst) {
    if (condition > 0) {
      System.arraycopy(cond.data(), r * condition, x, dst + outputs, condition);
    }
  }

  private void checkTargets(Tensor y, int b) {
    if (classes) {
      y.requireShape("class targets (T, B)", -1, b);
    } else {
      y.requireShape("targets (T, B, O)", -1, b, outputs);
    }
  }

  /** Validates a condition tensor for B sequences. */
  public Tensor requireCondition(Tensor cond, int b) {
    if (condition == 0) {
      if (cond != null) {
        throw new ShapeException("condition: expected none for this model, found " + cond.shapeString());
      }
      return null;
    }
    return cond.requireShape("condition (B, C)", b, condition);
  }

  /** Greedy at temperature 0; else a sample from p^(1/temperature), renormalised. */
  private int choose(float[] p, int off, double temperature, Rng rng) {
    if (temperature <= 0) {
      return OutputActivation.argmax(p, off, outputs);
    }
    double[] w = new double[outputs];
    double sum = 0;
    for (int j = 0; j < outputs; j++) {
      w[j] = Math.pow(Math.max(p[off + j], 0), 1.0 / temperature);
      sum += w[j];
    }
    double u = rng.nextDouble() * sum;
    for (int j = 0; j < outputs; j++) {
      u -= w[j];
      if (u < 0) {
        return j;
      }
    }
    return outputs - 1;
  }
}
