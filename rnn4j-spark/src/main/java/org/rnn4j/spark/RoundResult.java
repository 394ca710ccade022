package org.rnn4j.spark;

import java.io.Serializable;
import java.util.LinkedHashMap;

/**
 * What one partition sends back after a round of local SGD: its parameter values and optimizer
 * buffers after its local steps, the steps it took (a partition without data for a step skips it),
 * the sum of their losses, and its carried recurrent state.
 */
record RoundResult(float[] values, LinkedHashMap<String, float[]> buffers, int steps, double lossSum,
    float[][] finalStates) implements Serializable {
  static RoundResult empty() {
    return new RoundResult(null, null, 0, 0, null);
  }
}
