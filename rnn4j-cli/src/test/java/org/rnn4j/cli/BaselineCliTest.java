package org.rnn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnn4j.cli.CliTest.run;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.data.StoryCorpus;

/** The baselines through the command line: the window network of {@code task} and the n-gram model of {@code eval}. */
class BaselineCliTest {
  @TempDir Path dir;

  @Test
  void taskTrainsTheWindowNetworkInsteadOfTheRnn() throws Exception {
    CliTest.Run r = run("task", "addition", "--baseline", "window:4", "--epochs", "2", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("model: feed-forward over the last 4 steps (window:4), hidden 16 tanh",
        "epoch   2", "[16 bits: ");
    Map<String, Object> j = r.json();
    assertThat(j).containsEntry("task", "addition").containsEntry("model", "window:4").containsEntry("epochs", 2);
  }

  @Test
  void aBadWindowOrTaskIsOneLineAndExit2() {
    CliTest.Run r = run("task", "addition", "--baseline", "window:x");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("error: baseline: expected window:W with a window W >= 1 of steps, found 'window:x'");
    assertThat(run("task", "sine", "--baseline", "window:3").err().strip())
        .isEqualTo("error: baseline window: expected one of the tasks [addition, xor], found sine");
  }

  @Test
  void evalScoresTheNGramModelOfTheRunsOwnTrainingTextOrOfAGivenFile() throws Exception {
    Path text = dir.resolve("tiny.txt");
    Files.writeString(text, StoryCorpus.generate(5, 3000), StandardCharsets.UTF_8);
    Path runDir = dir.resolve("run");
    assertThat(run("train", "--data", text.toString(), "--steps", "2", "--hidden", "8", "--batch", "2", "--seq-len", "8",
        "--run-dir", runDir.toString()).code()).isZero();
    String model = runDir.resolve("model.safetensors").toString();

    CliTest.Run r = run("eval", "--model", model, "--data", text.toString(), "--baseline", "ngram:3", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    int characters = Files.readString(text).codePointCount(0, Files.readString(text).length());
    int trained = characters - (int) Math.round(characters * 0.1);
    assertThat(r.out()).contains(String.format("under the 3-gram baseline (Kneser-Ney, trained on %s, first 90 %%: %,d characters)",
        text, trained));
    Map<String, Object> j = r.json();
    assertThat(j).containsEntry("baseline", "ngram:3");
    // The n-gram model knows 90 % of the text by heart; two updates taught the LSTM almost nothing.
    assertThat(((Number) j.get("baseline_bpc")).doubleValue()).isLessThan(((Number) j.get("bpc")).doubleValue());

    CliTest.Run own = run("eval", "--model", model, "--data", text.toString(), "--baseline", "ngram:2:" + text);
    assertThat(own.code()).as(own.err()).isZero();
    assertThat(own.out()).contains(String.format("2-gram baseline (Kneser-Ney, trained on %s: %,d characters)", text, characters));
  }

  @Test
  void aModelWithoutItsRunDirectoryNeedsTheTextNamed() throws Exception {
    Path text = dir.resolve("tiny.txt");
    Files.writeString(text, StoryCorpus.generate(5, 3000), StandardCharsets.UTF_8);
    Path runDir = dir.resolve("run");
    run("train", "--data", text.toString(), "--steps", "1", "--hidden", "8", "--batch", "2", "--seq-len", "8",
        "--run-dir", runDir.toString());
    Files.delete(runDir.resolve("config.json"));
    CliTest.Run r = run("eval", "--model", runDir.resolve("model.safetensors").toString(), "--data", text.toString(),
        "--baseline", "ngram:3");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("error: --baseline: expected the run's config.json beside "
        + runDir.resolve("model.safetensors") + " to find the training text, found none; give the text as ngram:N:FILE");
  }
}
