package org.rnn4j.diagnose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnn4j.task.Task;
import org.rnn4j.task.TaskRunner;
import org.rnn4j.task.Tasks;
import org.rnn4j.train.TrainConfig;

class ClipComparisonTest {
  @Test
  void withoutClippingTheLossExplodesFromARadiusThreeStartAndWithClippingItFalls() {
    Task sine = Tasks.create("sine", Tasks.Options.DEFAULTS);
    TaskRunner.Options o = TaskRunner.Options.defaults(1).withCell("elman").withInitRadius(3.0);
    TrainConfig sgd = TaskRunner.training(sine, 1).toBuilder().optimizer("sgd").lr(0.1).epochs(2).build();
    List<ClipComparison.Run> runs = ClipComparison.run(sine, o, sgd, 1.0);

    ClipComparison.Run off = runs.get(0), on = runs.get(1);
    assertThat(off.clipNorm()).isZero();
    assertThat(on.clipNorm()).isEqualTo(1.0);
    assertThat(off.losses()).hasSameSizeAs(on.losses()).hasSize(100); // 2 epochs of 50 batches, neither stopped
    assertThat(off.losses()[0]).isEqualTo(on.losses()[0]); // same start: the first loss precedes any update
    assertThat(off.maxLoss()).isGreaterThan(100 * on.maxLoss()); // seen: about 4e4 against 0.47
    assertThat(on.finalLoss(20)).isLessThan(on.losses()[0]);
  }

  @Test
  void aThresholdIsRequired() {
    Task sine = Tasks.create("sine", Tasks.Options.DEFAULTS);
    assertThatThrownBy(() -> ClipComparison.run(sine, TaskRunner.Options.defaults(1), TaskRunner.training(sine, 1), 0))
        .hasMessage("clip comparison: expected a clipping threshold > 0, found 0.0");
  }
}
