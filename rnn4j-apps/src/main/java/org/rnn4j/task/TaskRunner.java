package org.rnn4j.task;

import java.util.List;
import java.util.Random;
import org.rnn4j.cell.Activation;
import org.rnn4j.cell.Cells;
import org.rnn4j.data.Example;
import org.rnn4j.layer.Fusion;
import org.rnn4j.layer.Init;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.train.Batches;
import org.rnn4j.train.TrainConfig;
import org.rnn4j.train.Trainer;

/**
 * Trains a task's model and scores it after every epoch, stopping early once the task counts
 * as solved. Everything random comes from the one seed.
 */
public final class TaskRunner {

  /**
   * Overrides of the task's model; null keeps the task's choice. The seed draws the weights and the data.
   * {@code nonlinearity} is the f of a cell that has one to choose (elman, leaky, skip); {@code initRadius}
   * the spectral radius W_hh's gate blocks start with (0: as {@code init} draws them).
   */
  public record Options(String cell, Integer hidden, Integer layers, boolean bidirectional, Fusion fusion,
      double dropout, Init init, long seed, Activation nonlinearity, double initRadius) {
    public static Options defaults(long seed) {
      return new Options(null, null, null, false, Fusion.CONCAT, 0, Init.PYTORCH, seed, null, 0);
    }

    /** The same options with another cell. */
    public Options withCell(String c) {
      return new Options(c, hidden, layers, bidirectional, fusion, dropout, init, seed, nonlinearity, initRadius);
    }

    /** The same options with another initial spectral radius of W_hh (0: as {@code init} draws it). */
    public Options withInitRadius(double rho) {
      return new Options(cell, hidden, layers, bidirectional, fusion, dropout, init, seed, nonlinearity, rho);
    }
  }

  /** The task's training settings (epochs, batch, Adam's rate, clipping) as a config; the shuffling seed follows {@code seed}. */
  public static TrainConfig training(Task task, long seed) {
    Task.TaskSettings s = task.settings();
    return TrainConfig.builder().epochs(s.epochs()).batchSize(s.batchSize()).lr(s.learningRate())
        .clipNorm(s.clipNorm()).seed(seed + 3).build();
  }

  /** One epoch's report. */
  public record Progress(int epoch, double loss, double metric, String details, double seconds) {}

  /** The final outcome, as printed by {@code rnn task --json}. */
  public record Result(String task, String metric, double value, double baseline, double seconds, int epochs,
      String details, RnnModel model) {}

  public interface Listener {
    void epoch(Progress p);
  }

  public static ModelConfig config(Task task, Options o) {
    ModelConfig.Builder b = task.model().hiddenSize(pick(o.hidden(), task.settings().hidden()));
    if (o.cell() != null) {
      b.cell(o.cell());
    }
    if (o.layers() != null) {
      b.numLayers(o.layers());
    }
    b.bidirectional(o.bidirectional()).fusion(o.fusion()).dropout(o.dropout()).init(o.init()).initRadius(o.initRadius());
    if (o.nonlinearity() != null) {
      Cells.requireNonlinearity(b.build().cell());
      b.nonlinearity(o.nonlinearity());
    }
    return b.build();
  }

  /** Trains with {@link #training}'s settings. */
  public static Result run(Task task, Options o, Listener listener) {
    return run(task, o, training(task, o.seed()), listener);
  }

  /** Trains with the given settings (typically {@link #training} with the user's changes). */
  public static Result run(Task task, Options o, TrainConfig train, Listener listener) {
    long start = System.nanoTime();
    RnnModel model = new RnnModel(config(task, o), o.seed());
    Random data = new Random(o.seed() + 1);
    List<Example> examples = task.trainingSet(data);
    List<Example> test = task.testSet(new Random(o.seed() + 2));
    Task.Score[] last = {task.evaluate(model, test)};
    int epochs = new Trainer<>(model, train).fit(Batches.of(examples), (epoch, stats) -> {
      last[0] = task.evaluate(model, test);
      if (listener != null) {
        listener.epoch(new Progress(epoch, stats.loss(), last[0].value(), last[0].details(), seconds(start)));
      }
      return !task.solved(last[0].value());
    });
    return new Result(task.name(), task.metric(), last[0].value(), task.baseline(test), seconds(start), epochs,
        last[0].details(), model);
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  private static int pick(Integer v, int dflt) {
    return v != null && v > 0 ? v : dflt;
  }
}
