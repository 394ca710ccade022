package org.rnn4j.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.rnn4j.cell.Activation;
import org.rnn4j.model.Batch;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.task.Task;
import org.rnn4j.task.TaskRunner;

/**
 * How the hidden units' nonlinearity f changes how fast gradients fade through time: the same
 * task model is built once per f with the same seed, so the weights are identical and only f
 * differs, and ‖∂L/∂h_t‖ is measured on the same probe batch of the task's test set
 * ({@link StateGradients}: the loss of the last output step). Each step back multiplies the
 * gradient by the step Jacobian diag(f′(a_t)) W_hh; f′ is at most 1 for tanh but at most 1/4 for
 * the logistic sigmoid, so with the same W_hh a sigmoid network's gradient shrinks faster over
 * the same distance.
 */
public final class NonlinearityComparison {
  /** The cells whose equation has an f to choose, by their module name. */
  private static final Set<String> MODULES_WITH_F = Set.of("RNN", "LeakyRNN", "SkipRNN");

  private NonlinearityComparison() {}

  /** One nonlinearity's gradient norms and its mean factor per step, (ratio)^(1/(T−1)). */
  public record Curve(Activation nonlinearity, StateGradients.Result gradients) {
    public double perStep() {
      double[] f = gradients.firstLayer();
      return f.length < 2 ? 1 : Math.pow(gradients.ratioFirstLast(), 1.0 / (f.length - 1));
    }
  }

  /** Measures the task's initial model once per nonlinearity, on up to {@code probe} test sequences. */
  public static List<Curve> atInitialisation(Task task, TaskRunner.Options options, List<Activation> nonlinearities,
      int probe) {
    if (nonlinearities.isEmpty()) {
      throw new IllegalArgumentException("nonlinearity comparison: expected at least one of tanh, relu, sigmoid, "
          + "identity, found none");
    }
    Batch batch = GradientFlow.probeBatch(task.testSet(new Random(options.seed() + 2)), probe);
    ModelConfig base = TaskRunner.config(task, options);
    List<Curve> curves = new ArrayList<>();
    for (Activation f : nonlinearities) {
      RnnModel model = new RnnModel(base.toBuilder().nonlinearity(f).build(), options.seed());
      String module = model.stack().units().get(0).cell().module();
      if (!MODULES_WITH_F.contains(module)) {
        throw new IllegalArgumentException("nonlinearity comparison: expected a cell with a nonlinearity to choose"
            + " (elman, leaky, leaky-learned, skip), found " + base.cell());
      }
      curves.add(new Curve(f, StateGradients.measure(model, batch)));
    }
    return curves;
  }
}
