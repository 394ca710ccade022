package org.rnn4j.train;

import java.nio.file.Path;

/**
 * How to train: epochs over the data in minibatches of {@code batchSize} (1 = SGD per sequence,
 * the textbook's Algorithm 26.1), gradient clipping (0 = off), the seed of the shuffling, and
 * optional budgets: at most {@code maxSteps} updates and {@code maxMinutes} of wall time in
 * total (0 = no limit; training stops at whichever of epochs, steps and time comes first). With
 * a {@code runDir}, the trainer writes {@code checkpoint.safetensors} there every
 * {@code checkpointEvery} steps (0 = only when training stops).
 */
public record TrainOptions(int epochs, int batchSize, double clipNorm, double clipValue, long seed,
    long maxSteps, double maxMinutes, NonFinitePolicy onNonFinite, int checkpointEvery, Path runDir) {

  public static final String CHECKPOINT_FILE = "checkpoint.safetensors";

  public TrainOptions {
    if (epochs <= 0 || batchSize <= 0 || !(clipNorm >= 0) || !(clipValue >= 0)) {
      throw new IllegalArgumentException("training options: expected epochs > 0, batch > 0, clip >= 0, found epochs="
          + epochs + ", batch=" + batchSize + ", clip-norm=" + clipNorm + ", clip-value=" + clipValue);
    }
    if (maxSteps < 0 || !(maxMinutes >= 0) || checkpointEvery < 0 || onNonFinite == null) {
      throw new IllegalArgumentException("training options: expected max steps >= 0, max minutes >= 0, checkpoint every >= 0"
          + " and a non-finite policy, found max steps=" + maxSteps + ", max minutes=" + maxMinutes
          + ", checkpoint every=" + checkpointEvery + ", on non-finite=" + onNonFinite);
    }
  }

  /** Epochs only: no step or time budget, stop on non-finite values, no checkpoints. */
  public TrainOptions(int epochs, int batchSize, double clipNorm, double clipValue, long seed) {
    this(epochs, batchSize, clipNorm, clipValue, seed, 0, 0, NonFinitePolicy.STOP, 0, null);
  }

  public TrainOptions withBudget(long maxSteps, double maxMinutes) {
    return new TrainOptions(epochs, batchSize, clipNorm, clipValue, seed, maxSteps, maxMinutes, onNonFinite,
        checkpointEvery, runDir);
  }

  public TrainOptions withNonFinite(NonFinitePolicy policy) {
    return new TrainOptions(epochs, batchSize, clipNorm, clipValue, seed, maxSteps, maxMinutes, policy,
        checkpointEvery, runDir);
  }

  public TrainOptions withCheckpoints(Path runDir, int every) {
    return new TrainOptions(epochs, batchSize, clipNorm, clipValue, seed, maxSteps, maxMinutes, onNonFinite,
        every, runDir);
  }
}
