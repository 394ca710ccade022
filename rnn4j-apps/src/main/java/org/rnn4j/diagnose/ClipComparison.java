package org.rnn4j.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.rnn4j.data.Example;
import org.rnn4j.model.Batch;
import org.rnn4j.model.RnnModel;
import org.rnn4j.task.Task;
import org.rnn4j.task.TaskRunner;
import org.rnn4j.train.Batches;
import org.rnn4j.train.TrainConfig;
import org.rnn4j.train.Trainer;

/**
 * The same training run twice, without and with gradient-norm clipping: the same task data, the
 * same initial weights, the same shuffling and optimizer, only the clipping threshold differs.
 * Exploding gradients show as a loss that spikes or turns non-finite without clipping, while
 * the clipped run proceeds (Pascanu et al. 2013). Each run records the training loss of every
 * update; a run that hits a non-finite loss or gradient stops there (the trainer's STOP policy).
 */
public final class ClipComparison {
  private ClipComparison() {}

  /**
   * One run: its clipping threshold (0 = off), the loss of every update, why it stopped early
   * (null when it ran all epochs) and the task's metric on the test set (NaN when stopped).
   */
  public record Run(double clipNorm, double[] losses, String stopped, double metric) {
    /** The largest training loss of the run. */
    public double maxLoss() {
      double max = Double.NEGATIVE_INFINITY;
      for (double l : losses) {
        max = Math.max(max, l);
      }
      return max;
    }

    /** The mean loss of the last {@code n} updates (fewer if the run had fewer). */
    public double finalLoss(int n) {
      double s = 0;
      int from = Math.max(0, losses.length - n);
      for (int i = from; i < losses.length; i++) {
        s += losses[i];
      }
      return s / Math.max(1, losses.length - from);
    }
  }

  /** Both runs of {@code task}: {@code train} with clipping off, then with {@code clipNorm}. */
  public static List<Run> run(Task task, TaskRunner.Options options, TrainConfig train, double clipNorm) {
    if (!(clipNorm > 0)) {
      throw new IllegalArgumentException("clip comparison: expected a clipping threshold > 0, found " + clipNorm);
    }
    List<Run> runs = new ArrayList<>();
    for (double clip : new double[] {0, clipNorm}) {
      runs.add(once(task, options, train.toBuilder().clipNorm(clip).build()));
    }
    return runs;
  }

  /** One run, with the data, weights and shuffling {@link TaskRunner#run} would use. */
  static Run once(Task task, TaskRunner.Options options, TrainConfig train) {
    RnnModel model = new RnnModel(TaskRunner.config(task, options), options.seed());
    List<Example> examples = task.trainingSet(new Random(options.seed() + 1));
    List<Example> test = task.testSet(new Random(options.seed() + 2));
    List<Double> losses = new ArrayList<>();
    Trainer<Batch> trainer = new Trainer<>(model, train).onStep(info -> losses.add(info.loss()));
    String stopped = null;
    try {
      trainer.fit(Batches.of(examples), null);
    } catch (Trainer.NonFiniteException e) {
      stopped = e.getMessage();
    }
    double metric = stopped == null ? task.evaluate(model, test).value() : Double.NaN;
    return new Run(train.clipNorm(), losses.stream().mapToDouble(Double::doubleValue).toArray(), stopped, metric);
  }
}
