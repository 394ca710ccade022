package org.rnn4j.loss;

import java.util.Locale;

/**
 * A loss on N output rows of width O, given the pre-activations z and the targets. Each loss
 * fixes or accepts an output activation; cross-entropies are fused with theirs, so their
 * gradient is the stable {@code p - y}.
 *
 * <p>Targets are (N, O) values, or for softmax cross-entropy also (N) class indices.
 * {@code weight} (N) scales each row (0 masks it out) and may be null for all ones.
 */
public interface Loss {

  /** The output activation the model applies at prediction time. */
  OutputActivation output();

  /**
   * Returns Σ_rows weight·loss(row) and writes dz (N, O) = d(that sum)/dz. Unreduced: the caller
   * divides both for a mean.
   */
  double forward(float[] z, int n, int o, float[] target, boolean targetIsIndex, float[] weight, float[] dz);

  String id();

  /** Parses "mse" (squared error), "ce" (softmax cross-entropy), "bce" (sigmoid binary cross-entropy). */
  static Loss parse(String id, OutputActivation outputForSquaredError) {
    return switch (id.toLowerCase(Locale.ROOT)) {
      case "mse", "squared", "squared_error" -> new SquaredError(outputForSquaredError);
      case "ce", "cross_entropy", "softmax_ce" -> new SoftmaxCrossEntropy();
      case "bce", "binary_cross_entropy" -> new SigmoidBinaryCrossEntropy();
      default -> throw new IllegalArgumentException("loss: expected mse, ce or bce, found '" + id + "'");
    };
  }

  static float weightOf(float[] weight, int row) {
    return weight == null ? 1f : weight[row];
  }
}
