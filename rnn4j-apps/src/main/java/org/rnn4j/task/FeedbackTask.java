package org.rnn4j.task;

import java.util.List;
import org.rnn4j.data.Example;
import org.rnn4j.model.OutputFeedback;
import org.rnn4j.model.RnnModel;

/**
 * A task whose model is fed its own previous output ({@link OutputFeedback}): training examples
 * are teacher-forced inputs x_t = [y*_{t−1}; c_t] (T, O + C) with their targets, and the score is
 * that of free-running generation, each step fed the model's own previous output. Such a task
 * runs with hidden-state or output-only recurrence and with scheduled sampling ({@link
 * FeedbackRunner}).
 */
public interface FeedbackTask extends Task {
  /** C: the width of the condition, fixed or per step, after the O fed-back outputs. */
  int conditionSize();

  /** Scores free-running generation by either kind of model. */
  Score evaluate(OutputFeedback model, List<Example> test);

  /**
   * The free-running error at each generation step t, over the test set: the root-mean-square
   * error for real outputs, the fraction of wrong outputs for classes.
   */
  double[] errorByStep(OutputFeedback model, List<Example> test);

  @Override
  default Score evaluate(RnnModel model, List<Example> test) {
    return evaluate(new OutputFeedback(model, conditionSize()), test);
  }
}
