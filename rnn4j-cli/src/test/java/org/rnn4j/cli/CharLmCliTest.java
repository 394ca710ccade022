package org.rnn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnn4j.cli.CliTest.run;

import com.fasterxml.jackson.jr.ob.JSON;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.data.StoryCorpus;

/** The character language model through the command line, in-process, on a tiny text. */
class CharLmCliTest {
  @TempDir Path dir;

  Path tinyText() throws Exception {
    Path text = dir.resolve("tiny.txt");
    Files.writeString(text, StoryCorpus.generate(5, 3000), StandardCharsets.UTF_8);
    return text;
  }

  @Test
  void trainWritesTheRunDirectoryAndSampleAndEvalReadTheModel() throws Exception {
    Path text = tinyText();
    Path runDir = dir.resolve("run");
    CliTest.Run train = run("train", "--data", text.toString(), "--steps", "30", "--hidden", "16", "--batch", "4",
        "--seq-len", "16", "--eval-every", "10", "--run-dir", runDir.toString());
    assertThat(train.code()).as(train.err()).isZero();
    assertThat(train.out()).contains("vocabulary", "step 10  epoch", "sample: ", "final validation: ", "trained 30 steps");
    for (String f : new String[] {"model.safetensors", "metrics.csv", "loss.png", "config.json"}) {
      assertThat(runDir.resolve(f)).as(f).exists();
    }
    List<String> metrics = Files.readAllLines(runDir.resolve("metrics.csv"));
    assertThat(metrics.get(0)).isEqualTo("step,epoch,loss,val_bpc,tokens_per_s,lr,seconds");
    assertThat(metrics).hasSize(31);
    assertThat(metrics.get(10)).matches("10,[0-9.]+,[0-9.]+,[0-9.]+,.*"); // validation at step 10
    assertThat(metrics.get(11)).matches("11,[0-9.]+,[0-9.]+,,.*"); // none at step 11
    Map<String, Object> config = JSON.std.mapFrom(Files.readString(runDir.resolve("config.json")));
    assertThat(config).containsEntry("cell", "lstm").containsEntry("hidden", 16).containsEntry("steps", 30)
        .containsKeys("lr", "seq_len", "vocabulary_size", "parameters");

    String model = runDir.resolve("model.safetensors").toString();
    CliTest.Run sample = run("sample", "--model", model, "--prime", "Day ", "--length", "40", "--seed", "3");
    assertThat(sample.code()).as(sample.err()).isZero();
    assertThat(sample.out()).startsWith("Day ").hasSize(4 + 40 + 1);
    assertThat(run("sample", "--model", model, "--prime", "Day ", "--length", "40", "--seed", "3").out()).isEqualTo(sample.out());

    CliTest.Run eval = run("eval", "--model", model, "--data", text.toString(), "--json");
    assertThat(eval.code()).as(eval.err()).isZero();
    double bpc = ((Number) eval.json().get("bpc")).doubleValue();
    assertThat(bpc).isGreaterThan(0).isLessThan(6); // below log2(vocabulary) ≈ 5.9 after a little training
  }

  @Test
  void badTextIsOneLineAndExitCode2() throws Exception {
    Path bad = dir.resolve("bad.txt");
    Files.write(bad, new byte[] {'h', 'i', (byte) 0xFF});
    CliTest.Run r = run("train", "--data", bad.toString(), "--steps", "1", "--run-dir", dir.resolve("r").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("error: " + bad + ": expected UTF-8 text, found invalid bytes FF at byte offset 2");

    CliTest.Run notLm = run("sample", "--model", CliTest.REFERENCE.resolve("rnn_tanh_1l/model.safetensors").toString());
    assertThat(notLm.code()).isEqualTo(2);
    assertThat(notLm.err()).contains("expected a character model").doesNotContain("\n\t");
  }
}
