package org.rnn4j.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnn4j.math.Rng;
import org.rnn4j.model.Batch;
import org.rnn4j.tensor.ShapeException;
import org.rnn4j.tensor.Tensor;

/**
 * Turns examples into time-major minibatches. Examples are shuffled with the given generator,
 * then grouped by shape (so sequences of different lengths never share a batch and need no
 * padding) and cut into batches of at most {@code batchSize}; the batch order is shuffled too.
 * The generator is a {@link Rng} (one long of state), so a checkpoint can record where the
 * shuffling stands and a resumed run draws the same batches.
 */
public final class Batching {
  private Batching() {}

  /** Batches in a shuffled order drawn from {@code rng}, or in the given order when it is null. */
  public static List<Batch> batches(List<Example> examples, int batchSize, Rng rng) {
    List<Batch> out = new ArrayList<>();
    for (int[] batch : indexBatches(examples.size(), batchSize, rng,
        i -> Arrays.toString(examples.get(i).x().shape()) + Arrays.toString(examples.get(i).y().shape()))) {
      List<Example> group = new ArrayList<>(batch.length);
      for (int i : batch) {
        group.add(examples.get(i));
      }
      out.add(stack(group));
    }
    return out;
  }

  /**
   * The indices of n examples of one shape in the minibatches {@link #batches} draws for them:
   * for data that lives elsewhere (e.g. in Spark partitions) but must be batched as one process
   * batches it.
   */
  public static List<int[]> indexBatches(int n, int batchSize, Rng rng) {
    return indexBatches(n, batchSize, rng, i -> "");
  }

  /** The walk of {@link #batches}: indices shuffled, grouped by shape (stably), cut, the batches shuffled. */
  private static List<int[]> indexBatches(int n, int batchSize, Rng rng, java.util.function.IntFunction<String> shape) {
    if (batchSize <= 0) {
      throw new IllegalArgumentException("batch size: expected a positive integer, found " + batchSize);
    }
    List<Integer> order = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    if (rng != null) {
      shuffle(order, rng);
    }
    Map<String, List<Integer>> byShape = new LinkedHashMap<>();
    for (int i : order) {
      byShape.computeIfAbsent(shape.apply(i), k -> new ArrayList<>()).add(i);
    }
    List<int[]> out = new ArrayList<>();
    for (List<Integer> group : byShape.values()) {
      for (int i = 0; i < group.size(); i += batchSize) {
        out.add(group.subList(i, Math.min(group.size(), i + batchSize)).stream().mapToInt(Integer::intValue).toArray());
      }
    }
    if (rng != null) {
      shuffle(out, rng);
    }
    return out;
  }

  /** Fisher–Yates, the same walk as {@code Collections.shuffle}, drawing from {@code rng}. */
  public static <T> void shuffle(List<T> list, Rng rng) {
    for (int i = list.size(); i > 1; i--) {
      list.set(i - 1, list.set(rng.nextInt(i), list.get(i - 1)));
    }
  }

  /** Stacks equal-shape examples: x (T, I) → (T, B, I), x (I) → (B, I); y (T_out, ...) → (T_out, B, ...). */
  public static Batch stack(List<Example> group) {
    return new Batch(stackAxis1(group, true), stackAxis1(group, false));
  }

  private static Tensor stackAxis1(List<Example> group, boolean inputs) {
    Tensor first = inputs ? group.get(0).x() : group.get(0).y();
    int b = group.size();
    int[] s = first.shape();
    // An input vector (I) stacks to (B, I); everything else has time first: (T, ...) → (T, B, ...).
    boolean vector = inputs && s.length == 1;
    if (s.length == 0) {
      throw new ShapeException("batch: expected " + (inputs ? "inputs (T, I) or (I)" : "targets (T_out, ...)")
          + ", found a scalar");
    }
    int[] shape;
    if (vector) {
      shape = new int[] {b, s[0]};
    } else {
      shape = new int[s.length + 1];
      shape[0] = s[0];
      shape[1] = b;
      System.arraycopy(s, 1, shape, 2, s.length - 1);
    }
    int outer = vector ? 1 : s[0];
    int inner = first.size() / outer;
    float[] data = new float[first.size() * b];
    for (int j = 0; j < b; j++) {
      Tensor t = inputs ? group.get(j).x() : group.get(j).y();
      if (!Arrays.equals(t.shape(), s)) {
        throw new ShapeException("batch: expected every example of shape " + first.shapeString() + ", found " + t.shapeString());
      }
      for (int o = 0; o < outer; o++) {
        System.arraycopy(t.data(), o * inner, data, (o * b + j) * inner, inner);
      }
    }
    return Tensor.of(data, shape);
  }
}
