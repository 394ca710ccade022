package org.rnn4j.optim;

import org.rnn4j.tensor.Parameters;

/** Updates the flat parameter buffer from the flat gradient buffer. */
public interface Optimizer {
  void step(Parameters params);

  void setLearningRate(double lr);

  double learningRate();
}
