package org.rnn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.seq2seq.AttentionKind;
import org.rnn4j.seq2seq.Seq2Seq;
import org.rnn4j.seq2seq.Seq2SeqFile;
import org.rnn4j.seq2seq.Translator;

/** Runs {@code rnn seq2seq} in-process at a size that trains in seconds. */
class Seq2SeqCliTest {
  @TempDir Path dir;

  @Test
  void datesPrintProgressExamplesJsonAndAnAttentionHeatMap() throws Exception {
    Path png = dir.resolve("attention.png"), model = dir.resolve("dates.safetensors");
    CliTest.Run r = CliTest.run("seq2seq", "dates", "--attention", "dot", "--hidden", "16", "--epochs", "1",
        "--train-size", "300", "--beam", "2", "--json", "--plot-attention", png.toString(), "--save", model.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("task dates", "epoch   1", "exact_match", "result: exact_match", "beam 2", " -> ",
        "attention heat map written to");
    Map<String, Object> j = r.json();
    assertThat(j).containsOnlyKeys("task", "metric", "value", "baseline", "seconds", "epochs", "attention");
    assertThat(j).containsEntry("task", "dates").containsEntry("metric", "exact_match").containsEntry("attention", "dot")
        .containsEntry("epochs", 1);
    assertThat(Files.size(png)).isGreaterThan(1000);
    assertThat(r.out()).contains("model written to " + model);
    Seq2Seq saved = Seq2SeqFile.load(model);
    assertThat(saved.config().attention()).isEqualTo(AttentionKind.DOT);
    assertThat(Translator.of(saved).greedy(List.of("24 nov 2026")).get(0)).matches("[0-9-]*");
  }

  /** The optimisation options of every training command: another optimizer and schedule train the task too. */
  @Test
  void theOptimizerOptionsOfEveryTrainingCommandApply() throws Exception {
    CliTest.Run sgd = CliTest.run("seq2seq", "reverse", "--hidden", "8", "--epochs", "1", "--train-size", "100",
        "--optimizer", "sgd", "--lr", "1e-9", "--json");
    assertThat(sgd.code()).as(sgd.err()).isZero();
    CliTest.Run adam = CliTest.run("seq2seq", "reverse", "--hidden", "8", "--epochs", "1", "--train-size", "100",
        "--optimizer", "adamw", "--schedule", "cosine", "--clip", "1", "--json");
    assertThat(adam.code()).as(adam.err()).isZero();
    // A rate of 1e-9 leaves the weights as drawn: a different loss from a run that learns.
    assertThat(sgd.out().lines().filter(l -> l.startsWith("epoch")).findFirst())
        .isNotEqualTo(adam.out().lines().filter(l -> l.startsWith("epoch")).findFirst());
    CliTest.Run bad = CliTest.run("seq2seq", "reverse", "--optimizer", "lion");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("optimizer: expected one of");
  }

  @Test
  void badChoicesAreOneLineAndExitCode2() {
    CliTest.Run attention = CliTest.run("seq2seq", "reverse", "--attention", "luong");
    assertThat(attention.code()).isEqualTo(2);
    assertThat(attention.err().strip()).isEqualTo("error: attention: expected none, additive, dot or general, found 'luong'");

    CliTest.Run task = CliTest.run("seq2seq", "copy");
    assertThat(task.code()).isEqualTo(2);
    assertThat(task.err().strip()).isEqualTo("error: seq2seq task: expected one of reverse, sort, dates, found 'copy'");

    CliTest.Run plot = CliTest.run("seq2seq", "sort", "--attention", "none", "--plot-attention", dir.resolve("a.png").toString());
    assertThat(plot.code()).isEqualTo(2);
    assertThat(plot.err().strip()).isEqualTo(
        "error: --plot-attention: expected --attention additive, dot or general, found none");
  }
}
