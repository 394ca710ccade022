package org.rnn4j.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.rnn4j.model.Batch;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.OutputFeedback;
import org.rnn4j.model.OutputRecurrentModel;
import org.rnn4j.model.RnnModel;
import org.rnn4j.model.ScheduledSampling;
import org.rnn4j.model.TeacherForcing;
import org.rnn4j.model.Trainable;
import org.rnn4j.train.TrainConfig;

/**
 * Trains a {@link FeedbackTask} with either kind of recurrence and a teacher-forcing schedule,
 * and compares several such settings over several seeds. A setting of hidden-state recurrence
 * with the ratio 1 throughout trains exactly what {@link TaskRunner#run} trains.
 */
public final class FeedbackRunner {
  private FeedbackRunner() {}

  /** Where the past reaches step t: a hidden state h_{t−1} (with the output fed back too), or only ŷ_{t−1}. */
  public enum Recurrence {
    HIDDEN, OUTPUT;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Recurrence parse(String s) {
      return switch (s.trim().toLowerCase(Locale.ROOT)) {
        case "hidden" -> HIDDEN;
        case "output" -> OUTPUT;
        default -> throw new IllegalArgumentException("recurrence: expected hidden or output, found '" + s + "'");
      };
    }
  }

  /** One way to train: the kind of recurrence and the teacher-forcing ratio over the run. */
  public record Setting(Recurrence recurrence, TeacherForcing teacherForcing) {
    public static final Setting DEFAULT = new Setting(Recurrence.HIDDEN, TeacherForcing.ALWAYS);

    public String label() {
      return recurrence.id() + ", teacher forcing " + teacherForcing;
    }
  }

  /** One run: the task's result and the free-running error at each generation step. */
  public record Result(TaskRunner.Result result, double[] errorByStep) {}

  /** One setting over the seeds: each seed's result, in seed order. */
  public record Summary(Setting setting, List<Result> runs) {
    public double mean() {
      return runs.stream().mapToDouble(r -> r.result().value()).average().orElse(Double.NaN);
    }

    /** The sample standard deviation over the seeds (0 for one seed). */
    public double sd() {
      double m = mean(), s = 0;
      for (Result r : runs) {
        s += (r.result().value() - m) * (r.result().value() - m);
      }
      return runs.size() > 1 ? Math.sqrt(s / (runs.size() - 1)) : 0;
    }

    /** The free-running error at each step, averaged over the seeds. */
    public double[] meanErrorByStep() {
      double[] mean = new double[runs.get(0).errorByStep().length];
      for (Result r : runs) {
        for (int t = 0; t < mean.length; t++) {
          mean[t] += r.errorByStep()[t] / runs.size();
        }
      }
      return mean;
    }
  }

  /** Reports each finished run of {@link #compare}. */
  public interface RunListener {
    void done(Setting setting, long seed, Result result);
  }

  /**
   * The task's model for a kind of recurrence; output-only recurrence is one layer of f = the
   * nonlinearity and refuses a cell.
   */
  public static ModelConfig config(FeedbackTask task, TaskRunner.Options o, Recurrence recurrence) {
    if (recurrence == Recurrence.OUTPUT && o.cell() != null) {
      throw new IllegalArgumentException("--cell: output-only recurrence has no cell (h_t = f(W [y_{t-1}; c_t] + b),"
          + " f set by --nonlinearity), found --cell " + o.cell());
    }
    ModelConfig c = TaskRunner.config(task, o);
    return recurrence == Recurrence.OUTPUT ? c.toBuilder().cell("elman").build() : c;
  }

  /** Trains one setting with the given settings (the shuffling seed is {@code train}'s). */
  public static Result run(FeedbackTask task, TaskRunner.Options o, Setting setting, TrainConfig train,
      TaskRunner.Listener listener) {
    ModelConfig config = config(task, o, setting.recurrence());
    OutputFeedback fb = setting.recurrence() == Recurrence.OUTPUT
        ? new OutputFeedback(new OutputRecurrentModel(config, o.seed()), task.conditionSize())
        : new OutputFeedback(new RnnModel(config, o.seed()), task.conditionSize());
    Trainable<Batch> trained = fb.model();
    if (!setting.teacherForcing().always()) {
      trained = new ScheduledSampling(fb, setting.teacherForcing(), updates(task, o.seed(), train), o.seed() + 4);
    }
    TaskRunner.Result r = TaskRunner.train(task, trained, fb.model(), test -> task.evaluate(fb, test), o.seed(), train,
        listener);
    return new Result(r, task.errorByStep(fb, task.testSet(new Random(o.seed() + 2))));
  }

  /**
   * Runs every setting with the seeds {@code o.seed()}, +1, … ({@code seeds} of them; each seed draws
   * the weights, the data and the shuffling as {@link TaskRunner#training} does), all settings on the
   * same seeds, so the differences are the settings'.
   */
  public static List<Summary> compare(FeedbackTask task, TaskRunner.Options o, List<Setting> settings, int seeds,
      TrainConfig train, RunListener listener) {
    if (seeds < 1) {
      throw new IllegalArgumentException("seeds: expected at least 1, found " + seeds);
    }
    List<Summary> out = new ArrayList<>();
    for (Setting s : settings) {
      List<Result> runs = new ArrayList<>();
      for (long seed = o.seed(); seed < o.seed() + seeds; seed++) {
        Result r = run(task, o.withSeed(seed), s, train.toBuilder().seed(seed + 3).build(), null);
        runs.add(r);
        if (listener != null) {
          listener.done(s, seed, r);
        }
      }
      out.add(new Summary(s, runs));
    }
    return out;
  }

  /** The number of updates of a full run, over which the teacher-forcing ratio decays. */
  private static long updates(Task task, long seed, TrainConfig train) {
    int examples = task.trainingSet(new Random(seed + 1)).size();
    long perEpoch = (examples + train.batchSize() - 1) / train.batchSize();
    long all = perEpoch * train.epochs();
    return train.maxSteps() > 0 ? Math.min(all, train.maxSteps()) : all;
  }
}
