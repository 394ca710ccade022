package org.rnn4j.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnn4j.math.Kernels;
import org.rnn4j.tensor.Parameters;

/**
 * The bookkeeping every optimizer shares: the learning rate, the step count, and named buffers
 * the size of the parameter buffer, allocated on the first step and exported/imported as copies.
 */
abstract class FlatOptimizer implements Optimizer {
  private double lr;
  private final List<String> bufferNames;
  private final Map<String, float[]> buffers = new LinkedHashMap<>();
  private long step;

  FlatOptimizer(double lr, List<String> bufferNames) {
    this.lr = lr;
    this.bufferNames = List.copyOf(bufferNames);
  }

  /**
   * One update of {@code w[from, to)} from {@code g}; {@code t} is the 1-based number of this
   * update. Every element on its own: {@link #step} splits the buffer among threads.
   */
  abstract void update(float[] w, float[] g, long t, int from, int to);

  /** The value a buffer starts with (Adagrad's accumulator starts above zero). */
  float initialValue(String buffer) {
    return 0f;
  }

  final float[] buffer(String name) {
    return buffers.get(name);
  }

  @Override
  public final void step(Parameters params) {
    float[] w = params.values();
    if (buffers.isEmpty()) {
      for (String name : bufferNames) {
        float[] b = new float[w.length];
        java.util.Arrays.fill(b, initialValue(name));
        buffers.put(name, b);
      }
    }
    for (Map.Entry<String, float[]> b : buffers.entrySet()) {
      if (b.getValue().length != w.length) {
        throw new IllegalStateException(name() + ": state buffer '" + b.getKey() + "' has " + b.getValue().length
            + " values, expected " + w.length + " (the parameter count)");
      }
    }
    long t = ++step;
    float[] g = params.grads();
    Kernels.parallelFor(w.length, w.length, (from, to) -> update(w, g, t, from, to));
  }

  @Override public final void setLearningRate(double lr) {
    if (!(lr >= 0) || Double.isInfinite(lr)) {
      throw new IllegalArgumentException(name() + ": expected a finite learning rate >= 0, found " + lr);
    }
    this.lr = lr;
  }

  @Override public final double learningRate() { return lr; }

  @Override
  public final OptimizerState exportState() {
    Map<String, float[]> copy = new LinkedHashMap<>();
    buffers.forEach((k, v) -> copy.put(k, v.clone()));
    return new OptimizerState(step, copy);
  }

  @Override
  public final void importState(OptimizerState state) {
    Map<String, float[]> in = state.buffers();
    boolean none = in.isEmpty() && state.step() == 0;
    if (!none && !in.keySet().equals(new java.util.LinkedHashSet<>(bufferNames))) {
      throw new IllegalArgumentException(name() + " state: expected buffers " + bufferNames + " at step "
          + state.step() + ", found " + in.keySet());
    }
    int n = -1;
    for (Map.Entry<String, float[]> b : in.entrySet()) {
      if (n >= 0 && b.getValue().length != n) {
        throw new IllegalArgumentException(name() + " state: expected buffers of equal length " + n
            + ", found '" + b.getKey() + "' with " + b.getValue().length);
      }
      n = b.getValue().length;
    }
    buffers.clear();
    in.forEach((k, v) -> buffers.put(k, v.clone()));
    step = state.step();
  }

  static void check(boolean ok, String optimizer, String expected, Object found) {
    if (!ok) {
      throw new IllegalArgumentException(optimizer + ": expected " + expected + ", found " + found);
    }
  }
}
