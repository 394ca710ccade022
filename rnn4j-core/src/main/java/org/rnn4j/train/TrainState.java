package org.rnn4j.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a training run stands, everything a resumed run needs besides the model and the
 * optimizer: the update count, the epoch in progress and how many of its batches are done, the
 * shuffling generator's state <em>at the start of that epoch</em> (so the epoch's batches can be
 * drawn again), running totals, the partial sums of the epoch's statistics, and what the
 * position is relative to (batch size, number of examples; -1 until training starts).
 *
 * @param step updates attempted so far, skipped ones included
 * @param tokens input positions (T·B per batch) processed so far
 * @param skipped updates skipped because of a non-finite loss or gradient
 * @param epochBatches finite batches of the current epoch, over which epochLossSum was summed
 * @param bestStep the step of the best validation score so far (-1: none yet), whose model the
 *     trainer kept; bestScore that score (NaN: none); sinceBest the validations since it (for patience)
 */
public record TrainState(long step, int epoch, int batchIndex, long epochShuffleState, long tokens, long skipped,
    double epochLossSum, double epochMaxGradNorm, int epochBatches, double elapsedSeconds, int batchSize,
    int examples, long bestStep, double bestScore, int sinceBest) {

  private static final String PREFIX = "train.";

  public TrainState {
    if (step < 0 || epoch < 1 || batchIndex < 0 || tokens < 0 || skipped < 0 || skipped > step || epochBatches < 0
        || batchSize < 1 || examples < -1 || bestStep < -1 || bestStep > step || sinceBest < 0) {
      throw new IllegalArgumentException("training state: expected step >= 0, epoch >= 1, batch index >= 0, tokens >= 0,"
          + " 0 <= skipped <= step, batch size >= 1, found " + this);
    }
  }

  /** The state before the first update of a run with these options. */
  public static TrainState start(TrainConfig options) {
    return new TrainState(0, 1, 0, options.seed(), 0, 0, 0, 0, 0, 0, options.batchSize(), -1, -1, Double.NaN, 0);
  }

  /** As {@code train.*} metadata strings; doubles and longs are written so they parse back exactly. */
  public Map<String, String> toMetadata() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(PREFIX + "step", Long.toString(step));
    m.put(PREFIX + "epoch", Integer.toString(epoch));
    m.put(PREFIX + "batch_index", Integer.toString(batchIndex));
    m.put(PREFIX + "epoch_shuffle_rng", Long.toString(epochShuffleState));
    m.put(PREFIX + "tokens", Long.toString(tokens));
    m.put(PREFIX + "skipped", Long.toString(skipped));
    m.put(PREFIX + "epoch_loss_sum", Double.toString(epochLossSum));
    m.put(PREFIX + "epoch_max_grad_norm", Double.toString(epochMaxGradNorm));
    m.put(PREFIX + "epoch_batches", Integer.toString(epochBatches));
    m.put(PREFIX + "elapsed_seconds", Double.toString(elapsedSeconds));
    m.put(PREFIX + "batch_size", Integer.toString(batchSize));
    m.put(PREFIX + "examples", Integer.toString(examples));
    m.put(PREFIX + "best_step", Long.toString(bestStep));
    m.put(PREFIX + "best_score", Double.toString(bestScore));
    m.put(PREFIX + "since_best", Integer.toString(sinceBest));
    return m;
  }

  /** Reads {@link #toMetadata()}'s keys; a missing or malformed key is named in the error. */
  public static TrainState fromMetadata(Map<String, String> m) {
    return new TrainState(longValue(m, "step"), (int) longValue(m, "epoch"), (int) longValue(m, "batch_index"),
        longValue(m, "epoch_shuffle_rng"), longValue(m, "tokens"), longValue(m, "skipped"),
        doubleValue(m, "epoch_loss_sum"), doubleValue(m, "epoch_max_grad_norm"), (int) longValue(m, "epoch_batches"),
        doubleValue(m, "elapsed_seconds"), (int) longValue(m, "batch_size"), (int) longValue(m, "examples"),
        m.containsKey(PREFIX + "best_step") ? longValue(m, "best_step") : -1,
        m.containsKey(PREFIX + "best_score") ? doubleValue(m, "best_score") : Double.NaN,
        m.containsKey(PREFIX + "since_best") ? (int) longValue(m, "since_best") : 0);
  }

  private static String require(Map<String, String> m, String key) {
    String v = m.get(PREFIX + key);
    if (v == null) {
      throw new IllegalArgumentException("checkpoint metadata: expected key '" + PREFIX + key + "', found none");
    }
    return v;
  }

  private static long longValue(Map<String, String> m, String key) {
    String v = require(m, key);
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("checkpoint metadata '" + PREFIX + key + "': expected an integer, found '" + v + "'");
    }
  }

  private static double doubleValue(Map<String, String> m, String key) {
    String v = require(m, key);
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("checkpoint metadata '" + PREFIX + key + "': expected a number, found '" + v + "'");
    }
  }
}
