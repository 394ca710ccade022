package org.rnn4j.train;

import java.util.List;
import java.util.Random;
import org.rnn4j.data.Batching;
import org.rnn4j.data.Example;
import org.rnn4j.model.Batch;
import org.rnn4j.model.RnnModel;
import org.rnn4j.optim.Clipping;
import org.rnn4j.optim.Optimizer;
import org.rnn4j.tensor.Parameters;

/**
 * The training loop: for each epoch, reshuffle (seeded), and for each minibatch zero the
 * gradients, run forward + loss + BPTT, clip, and let the optimizer step.
 */
public final class Trainer {
  private final RnnModel model;
  private final Optimizer optimizer;
  private final TrainOptions options;

  /** Called after every epoch; return false to stop early. */
  public interface EpochListener {
    boolean epochEnd(int epoch, EpochStats stats);
  }

  /** Mean batch loss and largest gradient norm (before clipping) of one epoch. */
  public record EpochStats(double loss, double maxGradNorm, int batches) {}

  public Trainer(RnnModel model, Optimizer optimizer, TrainOptions options) {
    this.model = model;
    this.optimizer = optimizer;
    this.options = options;
  }

  /** Trains on the examples; returns the number of epochs run. */
  public int fit(List<Example> examples, EpochListener listener) {
    Random rng = new Random(options.seed());
    for (int epoch = 1; epoch <= options.epochs(); epoch++) {
      List<Batch> batches = Batching.batches(examples, options.batchSize(), rng);
      EpochStats stats = epoch(batches);
      if (listener != null && !listener.epochEnd(epoch, stats)) {
        return epoch;
      }
    }
    return options.epochs();
  }

  private double lastGradNorm, lastClippedNorm;

  /** The global gradient norm of the last step, before clipping. */
  public double lastGradNorm() {
    return lastGradNorm;
  }

  /** The global gradient norm of the last step after clipping (equal to the norm before when clipping is off). */
  public double lastClippedNorm() {
    return lastClippedNorm;
  }

  /** One pass over the given batches. */
  public EpochStats epoch(List<Batch> batches) {
    double sum = 0, maxNorm = 0;
    for (Batch batch : batches) {
      double loss = step(batch);
      sum += loss;
      maxNorm = Math.max(maxNorm, lastGradNorm);
    }
    return new EpochStats(sum / batches.size(), maxNorm, batches.size());
  }

  /** One update on one batch; returns its loss. Non-finite loss or gradients stop training. */
  public double step(Batch batch) {
    Parameters p = model.parameters();
    p.zeroGrads();
    model.setTraining(true);
    double loss;
    try {
      loss = model.lossAndGradient(batch, null);
    } finally {
      model.setTraining(false);
    }
    if (!Double.isFinite(loss)) {
      throw new NonFiniteException("loss is " + loss + "; stopping before the update (lower the learning rate or clip gradients)");
    }
    float[] g = p.grads();
    lastGradNorm = Clipping.norm(g);
    if (!Double.isFinite(lastGradNorm)) {
      throw new NonFiniteException("gradient norm is " + lastGradNorm + "; stopping before the update");
    }
    if (options.clipValue() > 0) {
      Clipping.byValue(g, options.clipValue());
    }
    if (options.clipNorm() > 0) {
      Clipping.byNorm(g, options.clipNorm());
    }
    lastClippedNorm = options.clipValue() > 0 || options.clipNorm() > 0 ? Clipping.norm(g) : lastGradNorm;
    optimizer.step(p);
    return loss;
  }

  /** Training produced NaN or infinity. */
  public static final class NonFiniteException extends IllegalStateException {
    public NonFiniteException(String message) {
      super(message);
    }
  }
}
