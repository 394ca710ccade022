package org.rnn4j.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.rnn4j.train.TrainConfig;

class WindowBaselineTest {
  @Test
  void aWindowNetworkLearnsShortSumsButNotLongOnes() {
    // The recurrent network of the same task reaches 1.000 at 64 bits (TaskTest).
    Task addition = Tasks.create("addition", Tasks.Options.DEFAULTS);
    TrainConfig train = TaskRunner.training(addition, 1).toBuilder().epochs(8).build();
    WindowBaseline.Result r = WindowBaseline.run(addition, 4, TaskRunner.Options.defaults(1), train, null);
    // Seen after 8 epochs: 16 bits 0.62, 32 bits 0.34, 64 bits 0.10. A perfect window-4 network
    // still errs wherever 3 or more positions with a_t != b_t pass the carry in from outside.
    double[] byLength = java.util.Arrays.stream(r.details().split(", ")).mapToDouble(d -> Double.parseDouble(d.split(": ")[1]))
        .toArray();
    assertThat(byLength).hasSize(3);
    assertThat(byLength[0]).isGreaterThan(0.3).isGreaterThan(byLength[1]);
    assertThat(byLength[1]).isGreaterThan(byLength[2]);
    assertThat(r.value()).isEqualTo(byLength[2]).isLessThan(0.3);
    assertThat(r.epochs()).isEqualTo(8);
  }

  @Test
  void onlyBitStreamTasksAndWellFormedSpecs() {
    assertThat(WindowBaseline.parseWindow("window:7")).isEqualTo(7);
    assertThatThrownBy(() -> WindowBaseline.parseWindow("window:0"))
        .hasMessage("baseline: expected window:W with a window W >= 1 of steps, found 'window:0'");
    Task sine = Tasks.create("sine", Tasks.Options.DEFAULTS);
    assertThatThrownBy(() -> WindowBaseline.run(sine, 3, TaskRunner.Options.defaults(1), TaskRunner.training(sine, 1), null))
        .hasMessage("baseline window: expected one of the tasks [addition, xor], found sine");
  }
}
