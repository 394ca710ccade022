package org.rnn4j.spark;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;

/**
 * How an executor rebuilds the trained model: its file metadata (the config), which is all a model
 * file needs besides the values; the values come with every step.
 */
final class ModelRecipe implements Serializable {
  private final HashMap<String, String> metadata;

  ModelRecipe(RnnModel model) {
    this.metadata = new HashMap<>(model.fileMetadata());
  }

  ModelConfig config() {
    return ModelConfig.fromMetadata(metadata);
  }

  /**
   * An executor's copy of the model with zero values and the loss summed ({@link
   * ModelConfig.Reduction#SUM}), so that partitions' losses and gradients add up; the driver
   * divides by the total {@link RnnModel#lossWeight} when the model's reduction is the mean.
   */
  RnnModel summingReplica() {
    return new RnnModel(config().toBuilder().reduction(ModelConfig.Reduction.SUM).build());
  }

  /** An executor's copy of the model as it is (for inference). */
  RnnModel replica() {
    return new RnnModel(config());
  }

  Map<String, String> metadata() {
    return Map.copyOf(metadata);
  }
}
