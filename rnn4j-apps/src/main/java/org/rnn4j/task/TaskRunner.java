package org.rnn4j.task;

import java.util.List;
import java.util.Random;
import org.rnn4j.data.Example;
import org.rnn4j.layer.Fusion;
import org.rnn4j.layer.Init;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.optim.Adam;
import org.rnn4j.optim.Optimizer;
import org.rnn4j.optim.Sgd;
import org.rnn4j.train.TrainOptions;
import org.rnn4j.train.Trainer;

/**
 * Trains a task's model and scores it after every epoch, stopping early once the task counts
 * as solved. Everything random comes from the one seed.
 */
public final class TaskRunner {

  /** Overrides of the task's defaults; null or 0 keeps the default. */
  public record Options(String cell, Integer hidden, Integer layers, boolean bidirectional, Fusion fusion,
      double dropout, Init init, Integer epochs, Integer batchSize, Double learningRate, Double clipNorm, String optimizer,
      long seed) {
    public static Options defaults(long seed) {
      return new Options(null, null, null, false, Fusion.CONCAT, 0, Init.PYTORCH, null, null, null, null, null, seed);
    }

    /** The same options with another cell. */
    public Options withCell(String c) {
      return new Options(c, hidden, layers, bidirectional, fusion, dropout, init, epochs, batchSize, learningRate, clipNorm,
          optimizer, seed);
    }
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
    b.bidirectional(o.bidirectional()).fusion(o.fusion()).dropout(o.dropout()).init(o.init());
    return b.build();
  }

  public static Result run(Task task, Options o, Listener listener) {
    long start = System.nanoTime();
    Task.TaskSettings s = task.settings();
    RnnModel model = new RnnModel(config(task, o), o.seed());
    Random data = new Random(o.seed() + 1);
    List<Example> train = task.trainingSet(data);
    List<Example> test = task.testSet(new Random(o.seed() + 2));
    double lr = o.learningRate() != null ? o.learningRate() : s.learningRate();
    Optimizer opt = switch (o.optimizer() == null ? "adam" : o.optimizer()) {
      case "adam" -> new Adam(lr);
      case "sgd" -> new Sgd(lr);
      default -> throw new IllegalArgumentException("optimizer: expected adam or sgd, found '" + o.optimizer() + "'");
    };
    TrainOptions to = new TrainOptions(pick(o.epochs(), s.epochs()), pick(o.batchSize(), s.batchSize()),
        o.clipNorm() != null ? o.clipNorm() : s.clipNorm(), 0, o.seed() + 3);
    Task.Score[] last = {task.evaluate(model, test)};
    int epochs = new Trainer(model, opt, to).fit(train, (epoch, stats) -> {
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
