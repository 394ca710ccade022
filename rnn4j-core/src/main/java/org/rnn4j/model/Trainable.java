package org.rnn4j.model;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rnn4j.math.Rng;
import org.rnn4j.tensor.Parameters;
import org.rnn4j.tensor.Tensor;

/**
 * What the one {@link org.rnn4j.train.Trainer} trains: a model whose parameters live in one flat {@link
 * Parameters} buffer and whose loss on a batch it can differentiate. {@code RnnModel}, {@code
 * ConvRecurrentModel} and {@code Seq2Seq} (rnn4j-apps) implement it, so each gets budgets, clipping,
 * schedules, non-finite handling, checkpoints, resume and best-model keeping from one place.
 *
 * @param <B> the model's batch type
 */
public interface Trainable<B> {
  /** Every trainable value, with its gradient twin. */
  Parameters parameters();

  /**
   * Forward, loss and backward of one batch: returns the loss and accumulates (+=) dL/dθ into
   * {@code parameters().grads()}, which the caller zeroed.
   */
  double lossAndGradient(B batch);

  /** Training mode (dropout on) or inference mode (the default). */
  void setTraining(boolean on);

  /** Input positions in a batch (T·B for sequences), counted for throughput. */
  long positions(B batch);

  /** The generator of training-time randomness (dropout masks) a checkpoint saves; null when none. */
  default Rng trainingRng() {
    return null;
  }

  /** The metadata of this model's file: enough to rebuild the model (its config) before the values are read. */
  Map<String, String> fileMetadata();

  /** The tensors of this model's file: copies of the parameters by name, in parameter order. */
  default Map<String, Tensor> fileTensors() {
    Parameters p = parameters();
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    for (String name : p.params().keySet()) {
      tensors.put(name, p.value(name));
    }
    return tensors;
  }
}
