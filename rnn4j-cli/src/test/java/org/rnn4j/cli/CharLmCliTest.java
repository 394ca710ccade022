package org.rnn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnn4j.cli.CliTest.run;

import com.fasterxml.jackson.jr.ob.JSON;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.data.StoryCorpus;
import org.rnn4j.lm.CharModel;

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
    assertThat(train.out()).contains("vocabulary", "step 10  epoch", "sample: ", "best validation: ", "trained 30 steps");
    for (String f : new String[] {"model.safetensors", "metrics.csv", "loss.png", "config.json"}) {
      assertThat(runDir.resolve(f)).as(f).exists();
    }
    List<String> metrics = Files.readAllLines(runDir.resolve("metrics.csv"));
    assertThat(metrics.get(0)).isEqualTo("step,epoch,loss,val_bpc,tokens_per_s,lr,seconds");
    assertThat(metrics).hasSize(31);
    assertThat(metrics.get(10)).matches("10,[0-9.]+,[0-9.]+,[0-9.]+,.*"); // validation at step 10
    assertThat(metrics.get(11)).matches("11,[0-9.]+,[0-9.]+,,.*"); // none at step 11
    Map<String, Object> config = JSON.std.mapFrom(Files.readString(runDir.resolve("config.json")));
    assertThat(config).containsEntry("max_steps", 30).containsEntry("seq_len", 16).containsEntry("batch_size", 4)
        .containsEntry("optimizer", "adam").containsKeys("lr", "schedule", "data");
    @SuppressWarnings("unchecked") Map<String, Object> modelConfig = (Map<String, Object>) config.get("model");
    assertThat(modelConfig).containsEntry("cell", "lstm").containsEntry("hidden_size", 16);

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
  void aResumedRunEndsBitIdenticalToOneThatNeverStopped() throws Exception {
    String text = tinyText().toString();
    String[] common = {"train", "--data", text, "--hidden", "12", "--layers", "2", "--dropout", "0.1", "--batch", "4",
        "--seq-len", "8", "--eval-every", "5"};
    Path straight = dir.resolve("straight"), stopped = dir.resolve("stopped");
    assertThat(run(concat(common, "--steps", "16", "--run-dir", straight.toString())).code()).isZero();
    assertThat(run(concat(common, "--steps", "9", "--run-dir", stopped.toString())).code()).isZero();
    CliTest.Run resumed = run("train", "--resume", stopped.toString(), "--steps", "16");
    assertThat(resumed.code()).as(resumed.err()).isZero();
    assertThat(resumed.out()).contains("resuming at step 9");

    float[] a = CharModel.load(straight.resolve("checkpoint.safetensors")).model().parameters().values();
    float[] b = CharModel.load(stopped.resolve("checkpoint.safetensors")).model().parameters().values();
    assertThat(b).containsExactly(a);
    List<String> rowsA = Files.readAllLines(straight.resolve("metrics.csv")), rowsB = Files.readAllLines(stopped.resolve("metrics.csv"));
    assertThat(rowsB).hasSize(17);
    for (int i = 1; i <= 16; i++) { // step, epoch and loss columns agree exactly
      assertThat(rowsB.get(i).split(",", 4)[2]).as("loss at step " + i).isEqualTo(rowsA.get(i).split(",", 4)[2]);
    }

    CliTest.Run changed = run("train", "--resume", stopped.toString(), "--hidden", "20");
    assertThat(changed.code()).isEqualTo(2);
    assertThat(changed.err()).contains("--resume: expected only budget, evaluation and checkpoint options", "--hidden");
  }

  @Test
  void aConfigFileSetsWhatTheCommandLineDoesNot() throws Exception {
    Path text = tinyText();
    Path config = dir.resolve("train.json");
    Files.writeString(config, "{\"optimizer\": \"adamw\", \"lr\": 0.01, \"schedule\": \"cosine\", \"warmup_steps\": 2,"
        + " \"max_steps\": 6, \"seq_len\": 12, \"model\": {\"cell\": \"gru\", \"hidden_size\": 10}}");
    Path runDir = dir.resolve("run");
    CliTest.Run r = run("train", "--config", config.toString(), "--data", text.toString(), "--batch", "3", "--seq-len", "8",
        "--init", "orthogonal", "--run-dir", runDir.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("model: gru, hidden 10", "adamw lr 0.01 (cosine), batch 3 x 8 steps", "trained 6 steps");
    Map<String, Object> effective = JSON.std.mapFrom(Files.readString(runDir.resolve("config.json")));
    assertThat(effective).containsEntry("seq_len", 8).containsEntry("warmup_steps", 2).containsEntry("batch_size", 3)
        .containsEntry("init", "orthogonal");

    Files.writeString(config, "{\"optimiser\": \"adam\"}");
    CliTest.Run bad = run("train", "--config", config.toString(), "--data", text.toString());
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("optimiser");
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
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

  @Test
  void theModelFileIsTheBestValidatedModelAndJsonNamesItsStep() throws Exception {
    Path text = tinyText();
    Path runDir = dir.resolve("run");
    CliTest.Run r = run("train", "--data", text.toString(), "--steps", "24", "--hidden", "16", "--layers", "1", "--batch", "4",
        "--seq-len", "16", "--eval-every", "6", "--lr", "0.05", "--schedule", "plateau", "--plateau-patience", "1",
        "--run-dir", runDir.toString(), "--json");
    assertThat(r.code()).as(r.err()).isZero();
    Map<String, Object> j = r.json();
    assertThat(j).containsEntry("task", "charlm").containsEntry("metric", "bits_per_char").containsEntry("steps", 24)
        .containsKeys("value", "baseline", "best_step", "seconds", "last_value");
    double best = ((Number) j.get("value")).doubleValue();
    assertThat(best).isLessThanOrEqualTo(((Number) j.get("last_value")).doubleValue());
    // The unigram entropy of English-like text is about 4 bits; a trained model beats it.
    assertThat(((Number) j.get("baseline")).doubleValue()).isBetween(3.0, 5.0).isGreaterThan(best);
    Map<String, String> meta = org.rnn4j.io.SafeTensors.read(runDir.resolve("model.safetensors")).metadata();
    assertThat(meta).containsEntry("train.best_step", String.valueOf(j.get("best_step"))).containsKey(CharModel.VOCABULARY_KEY);
    // The progress lines go to stderr; stdout has the results, validations and samples.
    assertThat(r.err()).contains("step 24/24").doesNotContain("sample:");
    assertThat(r.out()).doesNotContain("eta ").contains("best validation: ");
    List<String> rates = Files.readAllLines(runDir.resolve("metrics.csv")).stream().skip(1).map(l -> l.split(",")[5])
        .distinct().toList();
    assertThat(rates.get(0)).isEqualTo("0.05"); // then halved on each plateau, if there was one
    assertThat(Double.parseDouble(rates.get(rates.size() - 1))).isLessThanOrEqualTo(0.05);
  }

  @Test
  void patienceStopsARunWhoseValidationStopsImproving() throws Exception {
    Path runDir = dir.resolve("run");
    // Validating every 2 updates at a high rate, one validation without a new best comes soon.
    CliTest.Run r = run("train", "--data", tinyText().toString(), "--steps", "300", "--hidden", "8", "--batch", "4",
        "--seq-len", "8", "--eval-every", "2", "--lr", "0.1", "--patience", "1", "--run-dir", runDir.toString(), "--json");
    assertThat(r.code()).as(r.err()).isZero();
    Map<String, Object> j = r.json();
    assertThat((String) j.get("stop")).startsWith("patience: 1 validations without a new best");
    assertThat(((Number) j.get("steps")).intValue()).isLessThan(300);
    assertThat(((Number) j.get("best_step")).intValue()).isLessThan(((Number) j.get("steps")).intValue());
  }
}
