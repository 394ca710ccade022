package org.rnn4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScheduleTest {
  @Test
  void constant() {
    assertThat(new Schedule.Constant(0.1).lr(12345)).isEqualTo(0.1);
  }

  @Test
  void stepDecaysByGammaEveryKSteps() {
    Schedule s = new Schedule.StepDecay(1.0, 0.5, 10);
    assertThat(s.lr(0)).isEqualTo(1.0);
    assertThat(s.lr(9)).isEqualTo(1.0);
    assertThat(s.lr(10)).isEqualTo(0.5);
    assertThat(s.lr(25)).isEqualTo(0.25);
  }

  @Test
  void cosineFallsToTheFloorAndStays() {
    Schedule s = new Schedule.Cosine(1.0, 0.1, 100);
    assertThat(s.lr(0)).isEqualTo(1.0);
    assertThat(s.lr(50)).isCloseTo(0.55, within(1e-12));
    assertThat(s.lr(100)).isEqualTo(0.1);
    assertThat(s.lr(1000)).isEqualTo(0.1);
  }

  @Test
  void warmupRampsLinearlyThenHandsOver() {
    Schedule s = new Schedule.Warmup(4, new Schedule.Cosine(1.0, 0, 10));
    assertThat(s.lr(0)).isEqualTo(0.25);
    assertThat(s.lr(3)).isEqualTo(1.0);
    assertThat(s.lr(4)).isEqualTo(1.0);
    assertThat(s.lr(9)).isCloseTo(0.5, within(1e-12));
    assertThat(s.lr(14)).isEqualTo(0.0);
  }

  @Test
  void roundTripsThroughJson() throws IOException {
    Schedule s = new Schedule.Warmup(5, new Schedule.StepDecay(0.01, 0.9, 100));
    Map<String, Object> back = JSON.std.mapFrom(JSON.std.asString(s.toMap()));
    assertThat(Schedule.fromMap(back)).isEqualTo(s);
  }

  @Test
  void badMapsNameTheKey() {
    assertThatThrownBy(() -> Schedule.fromMap(Map.of("kind", "linear")))
        .hasMessage("schedule 'kind': expected constant, step, cosine or warmup, found linear");
    assertThatThrownBy(() -> Schedule.fromMap(Map.of("kind", "step", "lr", 0.1, "gamma", 0.5, "every", 2.5)))
        .hasMessage("schedule step 'every': expected an integer, found 2.5");
    assertThatThrownBy(() -> Schedule.fromMap(Map.of("kind", "constant", "lr", 0.1, "gamma", 1)))
        .hasMessage("schedule constant: expected keys [kind, lr], found [gamma, kind, lr]");
    assertThatThrownBy(() -> new Schedule.Cosine(0.1, 0.5, 10))
        .hasMessage("cosine schedule 'floor': expected a number in [0, lr = 0.1], found 0.5");
  }
}
