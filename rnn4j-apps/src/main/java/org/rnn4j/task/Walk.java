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
 * Output feedback with a per-step condition: a walk on a ring of 10 positions steered by one move
 * m_t ∈ {−1, 0, +1} per step, given as the condition c_t (one-hot), that takes effect k steps
 * later: y_t = (y_{t−1} + m_{t−k}) mod 10, from y_{−1} = 0 (k = the --delay; moves before the
 * start are 0). The network is fed its own previous position (one-hot) and the current move.
 * With k = 0 the fed-back position is all the state there is, so output-only recurrence can
 * solve it; with k ≥ 1 the moves still to take effect are in no output, so only a hidden state
 * can carry them. Metric: the fraction of 300 unseen 30-step walks (trained on 20 steps) whose
 * free-running, greedy positions are all right; baseline: standing still throughout.
 */
public final class Walk implements FeedbackTask {
  static final int POSITIONS = 10, MOVES = 3, TRAIN_LENGTH = 20, TEST_LENGTH = 30;
  private final int delay;

  public Walk(int delay) {
    if (delay < 0) {
      throw new IllegalArgumentException("walk delay: expected >= 0, found " + delay);
    }
    this.delay = delay;
  }

  @Override public String name() { return "walk"; }
  @Override public String description() { return "output feedback, per-step condition: positions of a walk steered by moves that act k steps later"; }
  @Override public String metric() { return "exact"; }
  @Override public boolean higherIsBetter() { return true; }
  @Override public boolean solved(double value) { return value >= 1.0; }
  @Override public int conditionSize() { return MOVES; }

  @Override
  public ModelConfig.Builder model() {
    return ModelConfig.builder().cell("gru").inputSize(OutputFeedback.inputSize(POSITIONS, MOVES)).outputSize(POSITIONS).loss("ce");
  }

  @Override
  public TaskSettings settings() {
    return new TaskSettings(30, 16, 0.01, 5.0, 32);
  }

  /** Teacher-forced inputs [one-hot y*_{t−1}; one-hot m_t] (T, 13) and the positions (T). */
  @Override
  public List<Example> trainingSet(Random rng) {
    List<Example> out = new ArrayList<>();
    for (Example walk : walks(600, TRAIN_LENGTH, rng)) {
      Tensor x = OutputFeedback.teacherForcedInput(walk.y().reshape(TRAIN_LENGTH, 1),
          walk.x().reshape(TRAIN_LENGTH, 1, MOVES), true, POSITIONS);
      out.add(new Example(x.reshape(TRAIN_LENGTH, POSITIONS + MOVES), walk.y()));
    }
    return out;
  }

  /** The moves (T, 3) one-hot and the positions (T). */
  @Override
  public List<Example> testSet(Random rng) {
    return walks(300, TEST_LENGTH, rng);
  }

  private List<Example> walks(int n, int len, Random rng) {
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int[] move = new int[len];
      float[] c = new float[len * MOVES];
      float[] y = new float[len];
      int position = 0;
      for (int t = 0; t < len; t++) {
        move[t] = rng.nextInt(MOVES) - 1;
        c[t * MOVES + move[t] + 1] = 1f;
        position = Math.floorMod(position + (t >= delay ? move[t - delay] : 0), POSITIONS);
        y[t] = position;
      }
      out.add(new Example(Tensor.of(c, len, MOVES), Tensor.of(y, len)));
    }
    return out;
  }

  /** Greedy free-running positions (T, N) for the test walks' moves. */
  private static Tensor generate(OutputFeedback model, List<Example> test) {
    int n = test.size(), len = test.get(0).y().dim(0);
    Tensor cond = Tensor.zeros(len, n, MOVES);
    for (int r = 0; r < n; r++) {
      for (int t = 0; t < len; t++) {
        System.arraycopy(test.get(r).x().data(), t * MOVES, cond.data(), (t * n + r) * MOVES, MOVES);
      }
    }
    return model.generate(cond, n, len, 0, new Rng(0));
  }

  @Override
  public Score evaluate(OutputFeedback model, List<Example> test) {
    Tensor gen = generate(model, test);
    int n = test.size(), len = gen.dim(0), exact = 0;
    for (int r = 0; r < n; r++) {
      boolean ok = true;
      for (int t = 0; t < len; t++) {
        ok &= gen.get(t, r) == test.get(r).y().get(t);
      }
      exact += ok ? 1 : 0;
    }
    double[] err = errorByStep(gen, test);
    return new Score(exact / (double) n, String.format(java.util.Locale.ROOT, "per-step accuracy %.3f", 1 - mean(err)));
  }

  @Override
  public double[] errorByStep(OutputFeedback model, List<Example> test) {
    return errorByStep(generate(model, test), test);
  }

  private static double[] errorByStep(Tensor gen, List<Example> test) {
    int n = test.size(), len = gen.dim(0);
    double[] err = new double[len];
    for (int t = 0; t < len; t++) {
      for (int r = 0; r < n; r++) {
        err[t] += gen.get(t, r) == test.get(r).y().get(t) ? 0 : 1.0 / n;
      }
    }
    return err;
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  /** Standing still: the walks whose positions are all 0. */
  @Override
  public double baseline(List<Example> test) {
    int still = 0;
    for (Example e : test) {
      boolean zero = true;
      for (float p : e.y().data()) {
        zero &= p == 0;
      }
      still += zero ? 1 : 0;
    }
    return still / (double) test.size();
  }
}
