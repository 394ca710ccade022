package org.rnn4j.spark;

import java.io.Serializable;
import java.util.List;
import java.util.TreeMap;

/**
 * What one partition sends back for a step: sums over its part of the global minibatch; or the sum
 * of several partitions' results, added on an executor by the reduction tree ({@link #sum}).
 *
 * @param lossSum the summed (not averaged) loss
 * @param lossWeight the number (mask weight) of output positions summed over
 * @param positions input positions, for throughput
 * @param gradSum dL/dθ summed over the part, one value per parameter; null when the part is empty
 * @param finalStates by partition, the recurrent states after its part, flat (L·D, b, H) each, for
 *     the partitions whose shards carry state
 */
record PartitionResult(double lossSum, double lossWeight, long positions, float[] gradSum,
    TreeMap<Integer, float[][]> finalStates) implements Serializable {
  static PartitionResult empty() {
    return new PartitionResult(0, 0, 0, null, new TreeMap<>());
  }

  /** Partition p's result; {@code states} null when its shard carries none. */
  static PartitionResult of(int p, double lossSum, double lossWeight, long positions, float[] gradSum, float[][] states) {
    TreeMap<Integer, float[][]> byPartition = new TreeMap<>();
    if (states != null) {
      byPartition.put(p, states);
    }
    return new PartitionResult(lossSum, lossWeight, positions, gradSum, byPartition);
  }

  /**
   * The sum of {@code results} in their order (the partitions' order, so the sum is the same on
   * every run): the losses and the gradients added in double, the gradient rounded to float once;
   * the states of all of them.
   */
  static PartitionResult sum(List<PartitionResult> results) {
    double loss = 0, weight = 0;
    long positions = 0;
    double[] grad = null;
    TreeMap<Integer, float[][]> states = new TreeMap<>();
    for (PartitionResult r : results) {
      loss += r.lossSum();
      weight += r.lossWeight();
      positions += r.positions();
      states.putAll(r.finalStates());
      if (r.gradSum() != null) {
        grad = grad == null ? new double[r.gradSum().length] : grad;
        add(grad, r.gradSum());
      }
    }
    float[] g = null;
    if (grad != null) {
      g = new float[grad.length];
      for (int i = 0; i < g.length; i++) {
        g[i] = (float) grad[i];
      }
    }
    return new PartitionResult(loss, weight, positions, g, states);
  }

  /** sum += v, element by element (the double accumulation of float sums and averages: here and in local SGD). */
  static void add(double[] sum, float[] v) {
    for (int i = 0; i < v.length; i++) {
      sum[i] += v[i];
    }
  }
}
