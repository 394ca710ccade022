package org.rnn4j.diagnose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnn4j.cell.Activation;
import org.rnn4j.task.Task;
import org.rnn4j.task.TaskRunner;
import org.rnn4j.task.Tasks;

class NonlinearityComparisonTest {
  static final Task ADDING = Tasks.create("adding", new Tasks.Options(3, 50));

  @Test
  void sigmoidUnitsLetTheGradientFadeFasterThanTanhOverTheSameSteps() {
    List<NonlinearityComparison.Curve> curves = NonlinearityComparison.atInitialisation(ADDING,
        TaskRunner.Options.defaults(1).withCell("elman"), List.of(Activation.TANH, Activation.SIGMOID), 8);
    NonlinearityComparison.Curve tanh = curves.get(0), sigmoid = curves.get(1);
    assertThat(tanh.nonlinearity()).isEqualTo(Activation.TANH);
    assertThat(tanh.gradients().firstLayer()).hasSize(50);
    // Both start from the same loss at the last step; seen per step: tanh 0.73, sigmoid 0.16.
    assertThat(sigmoid.perStep()).isLessThan(0.5 * tanh.perStep());
    assertThat(sigmoid.gradients().ratioFirstLast()).isLessThan(1e-10 * tanh.gradients().ratioFirstLast());
    double[] s = sigmoid.gradients().firstLayer(), t = tanh.gradients().firstLayer();
    for (int step = 0; step < 40; step++) { // every step well before the end has less gradient under sigmoid
      assertThat(s[step] / s[49]).as("step %d", step).isLessThan(t[step] / t[49]);
    }
  }

  @Test
  void aCellWithoutAChoiceOfNonlinearityIsRefused() {
    assertThatThrownBy(() -> NonlinearityComparison.atInitialisation(ADDING, TaskRunner.Options.defaults(1).withCell("gru"),
        List.of(Activation.TANH), 4))
        .hasMessage("nonlinearity comparison: expected a cell with a nonlinearity to choose (elman, leaky, leaky-learned,"
            + " skip), found gru");
  }
}
