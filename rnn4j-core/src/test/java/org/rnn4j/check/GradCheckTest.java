package org.rnn4j.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GradCheckTest {

  static Stream<GradCheckCases.Case> cases() {
    return GradCheckCases.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void analyticGradientsMatchFiniteDifferences(GradCheckCases.Case c) {
    GradCheck.Result r = GradCheck.check(c.model(), c.batch(11), c.epsilon());
    assertThat(r.maxError()).as("%s: worst tensor %s, errors %s", c.name(), r.worst(), r.errors())
        .isLessThan(GradCheck.TOLERANCE);
  }

  static Stream<GradCheckCases.ModelCase> otherModels() {
    return GradCheckCases.otherModels().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("otherModels")
  void otherModelsParameterGradientsMatchFiniteDifferences(GradCheckCases.ModelCase c) {
    GradCheck.Result r = GradCheck.checkParameters(c.model().get(), c.batch(), GradCheck.EPSILON);
    assertThat(r.errors()).isNotEmpty();
    assertThat(r.maxError()).as("%s: worst tensor %s, errors %s", c.name(), r.worst(), r.errors())
        .isLessThan(GradCheck.TOLERANCE);
  }
}
