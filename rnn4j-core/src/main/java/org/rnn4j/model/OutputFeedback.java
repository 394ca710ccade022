package org.rnn4j.model;

import java.util.Arrays;
import java.util.function.IntFunction;
import org.rnn4j.loss.OutputActivation;
import org.rnn4j.math.Rng;
import org.rnn4j.tensor.ShapeException;
import org.rnn4j.tensor.Tensor;

/**
 * Output feedback with optional conditioning: the input at step t is {@code x_t = [feed(y_{t−1});
 * c_t]}, where {@code feed} is the one-hot vector of a class index (softmax outputs) or the output
 * vector itself (real-valued outputs), {@code y_{−1} = 0}, and {@code c_t} (C values, possibly
 * none) conditions step t: either one fixed vector per sequence, (B, C), the same at every step,
 * or a sequence of them, (T, B, C).
 *
 * <ul>
 *   <li>Training with teacher forcing feeds the true previous output ({@link #teacherForced}).
 *   <li>Scheduled sampling (Bengio et al. 2015) feeds, at each step with probability p, the
 *       model's own prediction instead, computed step by step ({@link #scheduled}; {@link
 *       ScheduledSampling} decays the teacher-forcing ratio 1 − p over a run).
 *   <li>Generation feeds the model's own outputs: the argmax or a sample for classes, the
 *       value for real outputs ({@link #generate}).
 * </ul>
 * The model is either an ordinary many-to-many {@link RnnModel} of input size O + C (hidden-state
 * recurrence, and the output fed back besides) or an {@link OutputRecurrentModel} (the fed-back
 * output is its only recurrence).
 */
public final class OutputFeedback {
  /** A model run one step at a time for B sequences, carrying its state (if any) from call to call. */
  @FunctionalInterface
  public interface Steps {
    /** x_t (B, O + C) flat; returns the outputs (B, O) after the output activation. */
    float[] step(float[] xt);
  }

  private final Trainable<Batch> model;
  private final IntFunction<Steps> start; // batch size → a fresh stepper from the initial state
  private final int outputs;
  private final int condition;
  private final boolean classes;

  /** Hidden-state recurrence with output feedback: a unidirectional many-to-many model of input size O + C. */
  public OutputFeedback(RnnModel model, int conditionSize) {
    this(model, model.config(), b -> model.stepper(b)::step, conditionSize);
  }

  /** Output-only recurrence: the model's input size must be O + C. */
  public OutputFeedback(OutputRecurrentModel model, int conditionSize) {
    this(model, model.config(), b -> model::step, conditionSize);
  }

  private OutputFeedback(Trainable<Batch> model, ModelConfig c, IntFunction<Steps> start, int conditionSize) {
    this.model = model;
    this.start = start;
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

  /** The model fed (an {@link RnnModel} or an {@link OutputRecurrentModel}). */
  public Trainable<Batch> model() {
    return model;
  }

  /** O: the output width, fed back as the first O inputs. */
  public int outputs() {
    return outputs;
  }

  /** C: the condition width, the last C inputs. */
  public int conditionSize() {
    return condition;
  }

  /** Input size a model needs for O outputs and a condition of C values. */
  public static int inputSize(int outputs, int conditionSize) {
    return outputs + conditionSize;
  }

  /** Teacher forcing: targets y (T, B) class indices or (T, B, O) values; cond (B, C), (T, B, C) or null. */
  public Batch teacherForced(Tensor y, Tensor cond) {
    return scheduled(y, cond, 0, null);
  }

  /**
   * The teacher-forced input sequence (T, B, O + C) for targets y — (T, B) class indices when
   * {@code classes}, else (T, B, O) values — and a condition (B, C), (T, B, C) or null; usable
   * without a model, e.g. to build training examples.
   */
  public static Tensor teacherForcedInput(Tensor y, Tensor cond, boolean classes, int outputs) {
    int t = y.dim(0), b = y.dim(1), c = cond == null ? 0 : cond.dim(cond.rank() - 1), in = outputs + c;
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
          System.arraycopy(cond.data(), conditionOffset(cond, s, r, b, c), x, dst + outputs, c);
        }
      }
    }
    return Tensor.of(x, t, b, in);
  }

  /**
   * Scheduled sampling: like {@link #teacherForced}, but at each step each sequence is fed the
   * model's own previous prediction (greedy) with probability {@code p} (the truth with 1 − p),
   * the predictions coming from running the model step by step on the inputs fed so far.
   */
  public Batch scheduled(Tensor y, Tensor cond, double p, Rng rng) {
    int t = y.dim(0), b = y.dim(1), in = outputs + condition;
    checkTargets(y, b);
    requireCondition(cond, b, t);
    float[] x = new float[t * b * in];
    Steps stepper = p > 0 ? start.apply(b) : null;
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
        writeCondition(cond, s, r, b, x, dst);
      }
      if (stepper != null) {
        System.arraycopy(x, s * b * in, xt, 0, b * in);
        prediction = stepper.step(xt).clone();
      }
    }
    return new Batch(Tensor.of(x, t, b, in), y);
  }

  /**
   * Free-running generation of {@code steps} outputs for {@code batch} sequences (cond (B, C),
   * (steps, B, C) or null). Classes: greedy argmax at temperature 0, else a sample from
   * softmax(z/temperature); returns (T, B) indices. Real outputs: returns (T, B, O) values.
   */
  public Tensor generate(Tensor cond, int batch, int steps, double temperature, Rng rng) {
    requireCondition(cond, batch, steps);
    int in = outputs + condition;
    Steps stepper = start.apply(batch);
    float[] xt = new float[batch * in];
    Tensor out = classes ? Tensor.zeros(steps, batch) : Tensor.zeros(steps, batch, outputs);
    for (int s = 0; s < steps; s++) {
      for (int r = 0; r < batch; r++) {
        writeCondition(cond, s, r, batch, xt, r * in);
      }
      float[] o = stepper.step(xt);
      Arrays.fill(xt, 0f);
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

  /** Writes c_s of row r (of B) after the fed-back outputs. */
  private void writeCondition(Tensor cond, int s, int r, int b, float[] x, int dst) {
    if (condition > 0) {
      System.arraycopy(cond.data(), conditionOffset(cond, s, r, b, condition), x, dst + outputs, condition);
    }
  }

  /** Where c_s of row r starts: the row's one vector of a (B, C) condition, or step s's of a (T, B, C) one. */
  private static int conditionOffset(Tensor cond, int s, int r, int b, int c) {
    return cond.rank() == 3 ? (s * b + r) * c : r * c;
  }

  private void checkTargets(Tensor y, int b) {
    if (classes) {
      y.requireShape("class targets (T, B)", -1, b);
    } else {
      y.requireShape("targets (T, B, O)", -1, b, outputs);
    }
  }

  /** Validates a condition for B sequences of T steps: (B, C) or (T, B, C); none when C = 0. */
  public Tensor requireCondition(Tensor cond, int b, int t) {
    if (condition == 0) {
      if (cond != null) {
        throw new ShapeException("condition: expected none for this model, found " + cond.shapeString());
      }
      return null;
    }
    if (cond != null && cond.rank() == 3) {
      return cond.requireShape("per-step condition (T, B, C)", t, b, condition);
    }
    if (cond == null) {
      throw new ShapeException("condition: expected (B, C) = (" + b + ", " + condition + ") or (T, B, C) = (" + t + ", "
          + b + ", " + condition + "), found none");
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
