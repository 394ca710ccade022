package org.rnn4j.task;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Each built-in task learns to its stated metric with the default settings and a fixed seed. */
class TaskTest {

  private static TaskRunner.Result run(String name) {
    return TaskRunner.run(Tasks.create(name, Tasks.Options.DEFAULTS), TaskRunner.Options.defaults(1), null);
  }

  @Test
  void additionGeneralisesFromEightTo64Bits() {
    TaskRunner.Result r = run("addition");
    assertThat(r.value()).as(r.details()).isEqualTo(1.0);
    assertThat(r.details()).contains("16 bits: 1.000", "32 bits: 1.000", "64 bits: 1.000");
  }

  @Test
  void parityGeneralisesFromEightTo64Bits() {
    assertThat(run("xor").value()).isEqualTo(1.0);
  }

  @Test
  void sineBeatsRepeatingTheLastValueClearly() {
    TaskRunner.Result r = run("sine");
    assertThat(r.value()).isLessThan(0.5 * r.baseline());
  }

  @Test
  void majorityIsClassifiedManyToOne() {
    assertThat(run("majority").value()).isGreaterThan(0.97);
  }

  @Test
  void echoRecallsTheInputThreeStepsBack() {
    assertThat(run("echo").value()).isGreaterThan(0.99);
  }

  @Test
  void countGeneratesTheFollowingDigitsOneToMany() {
    assertThat(run("count").value()).isEqualTo(1.0);
  }

  @Test
  void patternIsGeneratedFromItsConditionFeedingItsOwnOutputs() {
    assertThat(run("pattern").value()).isEqualTo(1.0);
  }

  @Test
  void sineIsGeneratedFreeRunningFromItsFrequency() {
    assertThat(run("sine-gen").value()).isLessThan(0.1);
  }
}
