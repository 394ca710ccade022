package org.rnn4j.task;

import java.util.List;
import java.util.Random;
import org.rnn4j.data.Example;
import org.rnn4j.loss.SequenceLoss;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;

/** A built-in synthetic learning task: data generators, a default model, and a metric. */
public interface Task {
  String name();

  /** One line for help texts. */
  String description();

  /** The metric's name as printed, e.g. "exact@64", "nrmse", "accuracy". */
  String metric();

  boolean higherIsBetter();

  /** The model this task trains by default (cell, sizes, loss, mapping). */
  ModelConfig.Builder model();

  /**
   * The loss on whole output sequences this task trains with in place of the model's per-step loss
   * ({@link RnnModel#setSequenceLoss}), or null for the per-step loss of {@link #model()}.
   */
  default SequenceLoss sequenceLoss() {
    return null;
  }

  /** Default training settings. */
  TaskSettings settings();

  List<Example> trainingSet(Random rng);

  /** The test set, drawn once per run from its own generator. */
  List<Example> testSet(Random rng);

  /** Scores a model on the test set. */
  Score evaluate(RnnModel model, List<Example> test);

  /** What a trivial predictor scores on the test set. */
  double baseline(List<Example> test);

  /** True when the value is good enough to stop training early. */
  default boolean solved(double value) {
    return false;
  }

  /** A metric value and a short human-readable breakdown (e.g. per test length). */
  record Score(double value, String details) {}

  /** Default optimisation settings of a task. */
  record TaskSettings(int epochs, int batchSize, double learningRate, double clipNorm, int hidden) {}
}
