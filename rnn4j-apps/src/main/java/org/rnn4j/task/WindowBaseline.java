package org.rnn4j.task;

import java.util.List;
import java.util.Random;
import org.rnn4j.data.Example;
import org.rnn4j.model.WindowNetwork;
import org.rnn4j.train.Batches;
import org.rnn4j.train.TrainConfig;
import org.rnn4j.train.Trainer;

/**
 * The feed-forward baseline of the bit-stream tasks (addition, xor): a {@link WindowNetwork}
 * that sees the last W steps, in place of the task's recurrent network, trained on the same
 * data with the same settings and scored the same way (sums or parities entirely right at 16, 32
 * and 64 bits). Binary addition needs the carry, which a run of W or more positions with
 * a_t ≠ b_t carries from outside any window of W; parity needs every bit so far. So the window
 * network can be right on the training lengths (at most 8 bits) yet cannot generalise to 64,
 * where the recurrent network, which carries its state, can.
 */
public final class WindowBaseline {
  /** The tasks it applies to: many-to-many bit streams scored by exact sequences. */
  public static final List<String> TASKS = List.of("addition", "xor");

  private WindowBaseline() {}

  /** The outcome, as {@link TaskRunner.Result} with the network in place of the RNN. */
  public record Result(String task, int window, double value, String details, double baseline, double seconds,
      int epochs, WindowNetwork model) {}

  /** The window W of a spec {@code window:W}. */
  public static int parseWindow(String spec) {
    String[] parts = spec.split(":", -1);
    if (parts.length == 2 && parts[0].equals("window")) {
      try {
        int w = Integer.parseInt(parts[1]);
        if (w >= 1) {
          return w;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new IllegalArgumentException("baseline: expected window:W with a window W >= 1 of steps, found '" + spec + "'");
  }

  /**
   * Trains a window network of the task's model size ({@code o.hidden()} or the task's) on the
   * task's data (the same generators and seeds as {@link TaskRunner#run}), scoring after every epoch.
   */
  public static Result run(Task task, int window, TaskRunner.Options o, TrainConfig train, TaskRunner.Listener listener) {
    if (!TASKS.contains(task.name())) {
      throw new IllegalArgumentException("baseline window: expected one of the tasks " + TASKS + ", found " + task.name());
    }
    long start = System.nanoTime();
    WindowNetwork net = new WindowNetwork(TaskRunner.config(task, o), window, o.seed());
    List<Example> examples = task.trainingSet(new Random(o.seed() + 1));
    List<Example> test = task.testSet(new Random(o.seed() + 2));
    Task.Score[] last = {BinaryAddition.exactByLength(b -> net.forward(b.x()), test)};
    int epochs = new Trainer<>(net, train).fit(Batches.of(examples), (epoch, stats) -> {
      last[0] = BinaryAddition.exactByLength(b -> net.forward(b.x()), test);
      if (listener != null) {
        listener.epoch(new TaskRunner.Progress(epoch, stats.loss(), last[0].value(), last[0].details(),
            (System.nanoTime() - start) / 1e9));
      }
      return !task.solved(last[0].value());
    });
    return new Result(task.name(), window, last[0].value(), last[0].details(), task.baseline(test),
        (System.nanoTime() - start) / 1e9, epochs, net);
  }
}
