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
    assertThat(Schedule.fromJson(s.toJson())).isEqualTo(s);
    assertThatThrownBy(() -> Schedule.fromJson("{")).hasMessage("schedule: expected a JSON object, found '{'");
  }

  @Test
  void badMapsNameTheKey() {
    assertThatThrownBy(() -> Schedule.fromMap(Map.of("kind", "linear")))
        .hasMessage("schedule 'kind': expected constant, step, cosine, cosine_budget, plateau or warmup, found linear");
    assertThatThrownBy(() -> Schedule.fromMap(Map.of("kind", "step", "lr", 0.1, "gamma", 0.5, "every", 2.5)))
        .hasMessage("schedule step 'every': expected an integer, found 2.5");
    assertThatThrownBy(() -> Schedule.fromMap(Map.of("kind", "constant", "lr", 0.1, "gamma", 1)))
        .hasMessage("schedule constant: expected keys [kind, lr], found [gamma, kind, lr]");
    assertThatThrownBy(() -> new Schedule.Cosine(0.1, 0.5, 10))
        .hasMessage("cosine schedule 'floor': expected a number in [0, lr = 0.1], found 0.5");
  }

  @Test
  void plateauLowersTheRateAfterPatienceValidationsWithoutANewBestAsKerasDoes() {
    Schedule s = Schedule.Plateau.start(0.1, 0.5, 2, 0.02);
    double[] scores = {3, 2, 2.5, 2.1, 1.9, 2, 2, 2, 2, 2, 2};
    // Keras ReduceLROnPlateau(factor=0.5, patience=2, min_lr=0.02, min_delta=0): the rate after each epoch.
    double[] rates = {0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.02, 0.02, 0.02};
    for (int i = 0; i < scores.length; i++) {
      s = s.afterValidation(scores[i]);
      assertThat(s.lr(1000, 0.5)).as("after validation " + (i + 1)).isEqualTo(rates[i]);
    }
    assertThat(((Schedule.Plateau) s).best()).isEqualTo(1.9);
    assertThat(Schedule.Plateau.start(0.1, 0.5, 1, 0).afterValidation(Double.NaN).lr(0)).isEqualTo(0.05);
    assertThatThrownBy(() -> Schedule.Plateau.start(0.1, 1.5, 2, 0)).hasMessageContaining("'factor': expected a number in (0, 1)");
  }

  @Test
  void plateauStateSurvivesItsMapFormInsideAWarmup() throws IOException {
    Schedule s = new Schedule.Warmup(3, Schedule.Plateau.start(0.1, 0.5, 1, 0)).afterValidation(2).afterValidation(3);
    assertThat(s.lr(10)).isEqualTo(0.05);
    assertThat(Schedule.fromJson(s.toJson())).isEqualTo(s);
    Schedule fresh = Schedule.Plateau.start(0.1, 0.5, 1, 0);
    assertThat(Schedule.fromJson(fresh.toJson())).isEqualTo(fresh);
  }

  @Test
  void cosineToBudgetFollowsTheFractionOfTheBudgetUsed() {
    Schedule s = new Schedule.CosineToBudget(1.0, 0.1);
    assertThat(s.lr(7, 0)).isEqualTo(1.0);
    assertThat(s.lr(7, 0.5)).isCloseTo(0.55, within(1e-12));
    assertThat(s.lr(7, 1)).isEqualTo(0.1);
    assertThat(s.lr(7, 3)).isEqualTo(0.1);
    assertThat(new Schedule.Constant(0.3).afterValidation(1)).isEqualTo(new Schedule.Constant(0.3));
  }
}
