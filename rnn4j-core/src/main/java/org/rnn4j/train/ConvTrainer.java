package org.rnn4j.train;

import java.util.List;
import org.rnn4j.data.Batching;
import org.rnn4j.data.Example;
import org.rnn4j.math.Rng;
import org.rnn4j.model.Batch;
import org.rnn4j.model.ConvRecurrentModel;
import org.rnn4j.optim.Clipping;
import org.rnn4j.optim.Optimizer;

/**
 * The training loop of a {@link ConvRecurrentModel}: as {@link Trainer}, with one optimizer per
 * parameter buffer (recurrent and conv) and clipping by the global norm over both buffers
 * (√(‖g_rnn‖² + ‖g_conv‖²)), so clipping scales the whole gradient as one vector.
 */
public final class ConvTrainer {
  private final ConvRecurrentModel model;
  private final Optimizer rnnOptimizer, convOptimizer;
  private final TrainOptions options;

  public ConvTrainer(ConvRecurrentModel model, Optimizer rnnOptimizer, Optimizer convOptimizer, TrainOptions options) {
    this.model = model;
    this.rnnOptimizer = rnnOptimizer;
    this.convOptimizer = convOptimizer;
    this.options = options;
  }

  /** Called after every epoch with its mean loss; return false to stop. */
  public interface EpochListener {
    boolean epochEnd(int epoch, double meanLoss);
  }

  /** Trains on the examples with seeded shuffling; returns the number of epochs run. */
  public int fit(List<Example> examples, EpochListener listener) {
    Rng rng = new Rng(options.seed());
    for (int epoch = 1; epoch <= options.epochs(); epoch++) {
      List<Batch> batches = Batching.batches(examples, options.batchSize(), rng);
      double sum = 0;
      for (Batch b : batches) {
        sum += step(b);
      }
      if (listener != null && !listener.epochEnd(epoch, sum / batches.size())) {
        return epoch;
      }
    }
    return options.epochs();
  }

  /** One update; returns the batch loss. Non-finite loss or gradients stop training. */
  public double step(Batch batch) {
    model.zeroGrads();
    model.rnn().setTraining(true);
    double loss;
    try {
      loss = model.lossAndGradient(batch);
    } finally {
      model.rnn().setTraining(false);
    }
    float[] gRnn = model.rnn().parameters().grads(), gConv = model.conv().parameters().grads();
    double nRnn = Clipping.norm(gRnn), nConv = Clipping.norm(gConv);
    double norm = Math.sqrt(nRnn * nRnn + nConv * nConv);
    if (!Double.isFinite(loss) || !Double.isFinite(norm)) {
      throw new Trainer.NonFiniteException("loss " + loss + ", gradient norm " + norm + "; stopping before the update");
    }
    if (options.clipValue() > 0) {
      Clipping.byValue(gRnn, options.clipValue());
      Clipping.byValue(gConv, options.clipValue());
    }
    if (options.clipNorm() > 0 && norm > options.clipNorm()) {
      float scale = (float) (options.clipNorm() / (norm + 1e-6));
      for (float[] g : new float[][] {gRnn, gConv}) {
        for (int i = 0; i < g.length; i++) {
          g[i] *= scale;
        }
      }
    }
    rnnOptimizer.step(model.rnn().parameters());
    if (!model.conv().isEmpty()) {
      convOptimizer.step(model.conv().parameters());
    }
    return loss;
  }
}
