package org.rnn4j.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.rnn4j.data.Example;
import org.rnn4j.math.Rng;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.OutputFeedback;
import org.rnn4j.tensor.Tensor;

/**
 * Conditional generation with output recurrence: a fixed vector c = [one-hot start digit d;
 * one-hot stride s ∈ {1, 2, 3}] conditions every step, and the network generates the 8 digits
 * d+s, d+2s, … (mod 10), each step fed its own previous digit (teacher forcing in training).
 * Metric: fraction of the 30 (d, s) classes whose free-running, greedy 8-digit string is
 * entirely right; baseline 10^-8 (guessing).
 */
public final class Pattern implements FeedbackTask {
  static final int DIGITS = 10, STRIDES = 3, LENGTH = 8, CONDITION = DIGITS + STRIDES;

  @Override public String name() { return "pattern"; }
  @Override public String description() { return "conditional generation: digits d+s, d+2s, ... from a condition (d, s), own outputs fed back"; }
  @Override public String metric() { return "exact"; }
  @Override public boolean higherIsBetter() { return true; }
  @Override public boolean solved(double value) { return value >= 1.0; }
  @Override public int conditionSize() { return CONDITION; }

  @Override
  public ModelConfig.Builder model() {
    return ModelConfig.builder().inputSize(OutputFeedback.inputSize(DIGITS, CONDITION)).outputSize(DIGITS).loss("ce");
  }

  @Override
  public TaskSettings settings() {
    return new TaskSettings(300, 10, 0.01, 5.0, 32);
  }

  @Override
  public List<Example> trainingSet(Random rng) {
    List<Example> out = new ArrayList<>();
    for (int d = 0; d < DIGITS; d++) {
      for (int s = 1; s <= STRIDES; s++) {
        Tensor y = targets(d, s);
        Tensor x = OutputFeedback.teacherForcedInput(y.reshape(LENGTH, 1), condition(d, s).reshape(1, CONDITION), true, DIGITS);
        out.add(new Example(x.reshape(LENGTH, OutputFeedback.inputSize(DIGITS, CONDITION)), y));
      }
    }
    return out;
  }

  @Override
  public List<Example> testSet(Random rng) {
    return trainingSet(rng); // the 30 classes: the test is free-running generation, not unseen data
  }

  static Tensor targets(int d, int s) {
    float[] y = new float[LENGTH];
    for (int t = 0; t < LENGTH; t++) {
      y[t] = (d + (t + 1) * s) % DIGITS;
    }
    return Tensor.of(y, LENGTH);
  }

  static Tensor condition(int d, int s) {
    Tensor c = Tensor.zeros(CONDITION);
    c.data()[d] = 1f;
    c.data()[DIGITS + s - 1] = 1f;
    return c;
  }

  /** Greedy free-running digits (T, 30) of the 30 (d, s) classes in order. */
  private static Tensor generate(OutputFeedback model) {
    int n = DIGITS * STRIDES;
    Tensor cond = Tensor.zeros(n, CONDITION);
    int r = 0;
    for (int d = 0; d < DIGITS; d++) {
      for (int s = 1; s <= STRIDES; s++, r++) {
        System.arraycopy(condition(d, s).data(), 0, cond.data(), r * CONDITION, CONDITION);
      }
    }
    return model.generate(cond, n, LENGTH, 0, new Rng(0));
  }

  @Override
  public Score evaluate(OutputFeedback model, List<Example> test) {
    Tensor gen = generate(model);
    int exact = 0, r = 0;
    for (int d = 0; d < DIGITS; d++) {
      for (int s = 1; s <= STRIDES; s++, r++) {
        boolean ok = true;
        for (int t = 0; t < LENGTH; t++) {
          ok &= gen.get(t, r) == targets(d, s).get(t);
        }
        exact += ok ? 1 : 0;
      }
    }
    return new Score(exact / (double) (DIGITS * STRIDES), "");
  }

  @Override
  public double[] errorByStep(OutputFeedback model, List<Example> test) {
    Tensor gen = generate(model);
    int n = DIGITS * STRIDES, r = 0;
    double[] err = new double[LENGTH];
    for (int d = 0; d < DIGITS; d++) {
      for (int s = 1; s <= STRIDES; s++, r++) {
        for (int t = 0; t < LENGTH; t++) {
          err[t] += gen.get(t, r) == targets(d, s).get(t) ? 0 : 1.0 / n;
        }
      }
    }
    return err;
  }

  @Override
  public double baseline(List<Example> test) {
    return 1e-8;
  }
}
