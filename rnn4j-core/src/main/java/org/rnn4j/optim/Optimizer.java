package org.rnn4j.optim;

import java.util.Map;
import org.rnn4j.tensor.Parameters;

/**
 * Updates the flat parameter buffer from the flat gradient buffer. An optimizer can describe
 * itself ({@link #name()}, {@link #hyperParameters()}) and export/import its state, so that
 * {@code Optimizers.create(name(), lr, hyperParameters())} plus {@link #importState} rebuilds it
 * exactly from a checkpoint.
 */
public interface Optimizer {
  void step(Parameters params);

  void setLearningRate(double lr);

  double learningRate();

  /** The name {@link Optimizers#create} knows it by: sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw. */
  String name();

  /** Every hyper-parameter except the learning rate (which the schedule owns), by option name. */
  Map<String, Object> hyperParameters();

  /** A copy of the state: the number of updates taken and every per-parameter buffer. */
  OptimizerState exportState();

  /** Replaces the state with a copy of {@code state}; names must be exactly this optimizer's buffers. */
  void importState(OptimizerState state);
}
