package org.rnn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnn4j.cli.CliTest.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.io.ModelFile;

/** Output-feedback tasks from the command line: --recurrence, --teacher-forcing, --seeds, --plot. */
class FeedbackCliTest {
  @TempDir Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void bothKindsOfRecurrenceAreComparedOnTheWalk() throws Exception {
    CliTest.Run r = run("task", "walk", "--delay", "1", "--recurrence", "hidden,output", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("comparing 2 settings over seed 1", "hidden     1 ", "output     1 ");
    List<Map<String, Object>> results = (List<Map<String, Object>>) r.json().get("results");
    assertThat(results).extracting(m -> m.get("recurrence")).containsExactly("hidden", "output");
    assertThat(results).extracting(m -> ((Number) m.get("mean")).doubleValue()).containsExactly(1.0, 0.0);
  }

  @Test
  void aScheduledSamplingRunPrintsItsScheduleSavesAnOutputRecurrenceModelThatInfoDescribesAndPlotsTheErrorByStep() throws Exception {
    Path model = dir.resolve("walk.safetensors"), png = dir.resolve("err.png");
    CliTest.Run r = run("task", "walk", "--delay", "0", "--recurrence", "output", "--teacher-forcing", "1:0.5",
        "--epochs", "2", "--save", model.toString(), "--plot", png.toString(), "--json");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("model: output-only recurrence h_t = tanh(W [y_{t-1}; c_t] + b) (no W_hh), hidden 32,"
        + " softmax output, loss ce; teacher forcing 1:0.5", "epoch   2", "plot written to " + png);
    assertThat(r.json()).containsEntry("recurrence", "output").containsEntry("teacher_forcing", "1:0.5");
    assertThat(ModelFile.loadOutputRecurrent(model).config().hiddenSize()).isEqualTo(32);
    assertThat(png).exists();
    assertThat(run("info", "--model", model.toString()).out()).contains("kind           output-rnn",
        "recurrence output only: h_t = f(W [y_{t-1}; c_t] + b), no W_hh, nonlinearity tanh, input 13 features");
  }

  @Test
  void feedbackOptionsOnOtherTasksAndBadValuesAreOneLineAndExit2() {
    CliTest.Run r = run("task", "xor", "--recurrence", "output");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("error: --recurrence, --teacher-forcing, --seeds, --plot: expected an"
        + " output-feedback task (pattern, sine-gen, walk), found task xor");
    assertThat(run("task", "walk", "--teacher-forcing", "1:2").err().strip())
        .isEqualTo("error: teacher forcing: expected probabilities in [0, 1], found 1.0:2.0");
    assertThat(run("task", "walk", "--seeds", "2", "--save", dir.resolve("m.safetensors").toString()).err().strip())
        .isEqualTo("error: --save: expected one setting and one seed, found 1 settings and 2 seeds");
    CliTest.Run noSeeds = run("task", "walk", "--seeds", "0");
    assertThat(noSeeds.err().strip()).isEqualTo("error: --seeds: expected at least 1, found 0");
    assertThat(noSeeds.out()).isEmpty();
  }
}
