package org.rnn4j.spark;

import java.io.Serializable;

/**
 * What one partition sends back for a step: sums over its part of the global minibatch.
 *
 * @param lossSum the summed (not averaged) loss
 * @param lossWeight the number (mask weight) of output positions summed over
 * @param positions input positions, for throughput
 * @param gradSum dL/dθ summed over the part, one value per parameter; null when the part is empty
 * @param finalStates the recurrent states after the part, flat (L·D, b, H) each, when the shard carries state
 */
record PartitionResult(double lossSum, double lossWeight, long positions, float[] gradSum, float[][] finalStates)
    implements Serializable {
  static PartitionResult empty() {
    return new PartitionResult(0, 0, 0, null, null);
  }
}
