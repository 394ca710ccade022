package org.rnn4j.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an optimizer remembers between steps: the number of updates taken and its per-parameter
 * buffers by PyTorch's state names ({@code momentum_buffer}, {@code sum}, {@code square_avg},
 * {@code grad_avg}, {@code exp_avg}, {@code exp_avg_sq}). Buffers are empty before the first step.
 */
public record OptimizerState(long step, Map<String, float[]> buffers) {
  public OptimizerState {
    if (step < 0) {
      throw new IllegalArgumentException("optimizer state: expected step >= 0, found " + step);
    }
    buffers = Collections.unmodifiableMap(new LinkedHashMap<>(buffers));
  }
}
