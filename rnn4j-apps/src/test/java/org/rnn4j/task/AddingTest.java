package org.rnn4j.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rnn4j.data.Example;

/** The adding problem's generator, and LSTM and GRU solving it on short sequences. */
class AddingTest {

  @Test
  void everySequenceHasOneMarkerInEachHalfAndTheTargetIsTheirSum() {
    int length = 21;
    List<Example> examples = new Adding(length).sequences(500, new Random(7));
    for (Example e : examples) {
      assertThat(e.x().shape()).containsExactly(length, 2);
      assertThat(e.y().shape()).containsExactly(1, 1);
      float[] x = e.x().data();
      int markersFirstHalf = 0, markersSecondHalf = 0;
      double sum = 0;
      for (int t = 0; t < length; t++) {
        assertThat(x[2 * t]).isBetween(0f, 1f);
        assertThat(x[2 * t + 1]).isIn(0f, 1f);
        if (x[2 * t + 1] == 1f) {
          sum += x[2 * t];
          if (t < length / 2) {
            markersFirstHalf++;
          } else {
            markersSecondHalf++;
          }
        }
      }
      assertThat(markersFirstHalf).isEqualTo(1);
      assertThat(markersSecondHalf).isEqualTo(1);
      assertThat((double) e.y().data()[0]).isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-6));
    }
  }

  @Test
  void predictingOneScoresTheVarianceOfTheSum() {
    Adding task = new Adding(30);
    assertThat(task.baseline(task.testSet(new Random(3)))).isBetween(0.15, 0.185); // 2/12 ≈ 0.167
  }

  @Test
  void lengthBelowTwoIsRejected() {
    assertThatThrownBy(() -> new Adding(1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("adding length: expected >= 2 (one marker per half), found 1");
  }

  @Test
  void lstmSolvesLength20() {
    assertThat(run("lstm").value()).isLessThan(0.01);
  }

  @Test
  void gruSolvesLength20() {
    assertThat(run("gru").value()).isLessThan(0.01);
  }

  private static TaskRunner.Result run(String cell) {
    TaskRunner.Options o = TaskRunner.Options.defaults(1).withCell(cell);
    return TaskRunner.run(new Adding(20), o, null);
  }
}
