package org.rnn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.io.Npy;
import org.rnn4j.tensor.Tensor;

/** Runs the rnn command in-process. */
class CliTest {
  static final Path REFERENCE = Path.of("../rnn4j-core/src/test/resources/reference/torch");

  @TempDir Path dir;

  record Run(int code, String out, String err) {
    String lastLine() {
      String[] lines = out.strip().split("\n");
      return lines[lines.length - 1];
    }

    Map<String, Object> json() throws Exception {
      return JSON.std.mapFrom(lastLine());
    }
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter(), err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void everyCommandsHelpFormatsWithoutPicocliWarnings() {
    java.io.PrintStream saved = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      for (String command : new picocli.CommandLine(new Main()).getSubcommands().keySet()) {
        assertThat(run(command, "--help").code()).as(command).isZero();
      }
    } finally {
      System.setErr(saved);
    }
    // A bare '%' in a description makes picocli print the text unformatted, with a warning.
    assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
  }

  @Test
  void taskAdditionReportsFullAccuracyAt64BitsAsJson() throws Exception {
    Run r = run("task", "addition", "--json");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("epoch   1", "result: exact@64");
    Map<String, Object> j = r.json();
    assertThat(j).containsKeys("task", "metric", "value", "baseline", "seconds", "epochs");
    assertThat(((Number) j.get("value")).doubleValue()).isEqualTo(1.0);
  }

  @Test
  void taskAddingWithAShortLengthIsSolvedByAnLstm() throws Exception {
    Run r = run("task", "adding", "--length", "20", "--cell", "lstm", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("sequence of 20", "model: lstm");
    Map<String, Object> j = r.json();
    assertThat(j).containsEntry("task", "adding").containsEntry("metric", "mse");
    assertThat(((Number) j.get("value")).doubleValue()).isLessThan(0.01);
    assertThat(((Number) j.get("baseline")).doubleValue()).isBetween(0.15, 0.185);
  }

  @Test
  void cellAllPrintsOneJsonLinePerCellATableAndASummaryObject() throws Exception {
    Run r = run("task", "adding", "--length", "6", "--epochs", "1", "--cell", "all", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("cell", "baseline", "epochs", "seconds");
    for (String cell : TaskCommand.ALL_CELLS) {
      assertThat(r.out()).contains("{\"cell\":\"" + cell + "\",\"task\":\"adding\"");
    }
    Map<String, Object> j = r.json();
    assertThat(j).containsOnlyKeys("task", "metric", "results", "baseline");
    @SuppressWarnings("unchecked")
    Map<String, Object> results = (Map<String, Object>) j.get("results");
    assertThat(results).containsOnlyKeys(TaskCommand.ALL_CELLS);
  }

  @Test
  void cellAllRefusesToSaveAModel() {
    Run r = run("task", "adding", "--cell", "all", "--save", dir.resolve("m.safetensors").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("error: --save: expected a single --cell, found --cell all");
  }

  @Test
  void gradcheckPassesEveryCase() throws Exception {
    Run r = run("gradcheck", "--json");
    assertThat(r.code()).isZero();
    Map<String, Object> j = r.json();
    assertThat(((Number) j.get("failed")).intValue()).isZero();
    assertThat(((Number) j.get("cases")).intValue()).isGreaterThan(20);
  }

  @Test
  void trainTaskWritesAModelIntoTheRunDirectory() {
    Run r = run("train", "--task", "addition", "--run-dir", dir.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("task addition", "result: exact@64 = 1.0000");
    assertThat(dir.resolve("model.safetensors")).exists();
  }

  @Test
  void badInputIsOneLineAndExitCode2() {
    Run unknownOption = run("task", "xor", "--nope");
    assertThat(unknownOption.code()).isEqualTo(2);
    assertThat(unknownOption.err().strip()).startsWith("error: Unknown option: '--nope'").doesNotContain("\n");

    Run unknownTask = run("task", "nope");
    assertThat(unknownTask.code()).isEqualTo(2);
    assertThat(unknownTask.err().strip()).isEqualTo(
        "error: task: expected one of addition, xor, sine, majority, echo, count, adding, reber, pattern, sine-gen, lookahead, found 'nope'");

    Run missingFile = run("forward", "--model", dir.resolve("none.safetensors").toString(), "--input", "x.npy", "--out", dir.toString());
    assertThat(missingFile.code()).isEqualTo(2);
    assertThat(missingFile.err()).contains("none.safetensors").doesNotContain("Exception");
  }

  @Test
  void wrongInputShapeNamesExpectedAndFound() throws Exception {
    Path c = REFERENCE.resolve("rnn_tanh_1l");
    Path x = dir.resolve("x.npy");
    Npy.write(x, Tensor.zeros(5, 2, 7));
    Run r = run("forward", "--model", c.resolve("model.safetensors").toString(), "--input", x.toString(), "--out", dir.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("error: input (T, B, I): expected shape [*, *, 3], found [5, 2, 7]");
  }

  @Test
  void backwardReproducesThePyTorchElmanCase() throws Exception {
    Path c = REFERENCE.resolve("rnn_relu_2l");
    Path out = dir.resolve("out");
    Run r = run("backward", "--model", c.resolve("model.safetensors").toString(), "--input", c.resolve("input.npy").toString(),
        "--h0", c.resolve("h0.npy").toString(), "--target", c.resolve("target.npy").toString(), "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    for (String f : new String[] {"output.npy", "h_n.npy", "grad_input.npy", "grad_h0.npy"}) {
      Tensor got = Npy.read(out.resolve(f));
      Tensor want = Npy.read(c.resolve("expected").resolve(f));
      assertThat(got.shape()).as(f).containsExactly(want.shape());
      assertThat(relError(got, want)).as(f).isLessThan(1e-4);
    }
    assertThat(Files.exists(out.resolve("grads.safetensors"))).isTrue();
  }

  static double relError(Tensor got, Tensor want) {
    double d = 0, n = 0;
    for (int i = 0; i < want.size(); i++) {
      d += Math.pow(got.data()[i] - want.data()[i], 2);
      n += Math.pow(want.data()[i], 2);
    }
    return Math.sqrt(d / Math.max(n, 1e-30));
  }

  @Test
  void aMistypedOptionOrCommandGetsPicoclisSuggestionOnTheErrorLine() {
    Run option = run("train", "--stesp", "5");
    assertThat(option.code()).isEqualTo(2);
    assertThat(option.err().strip()).startsWith("error: Unknown options: '--stesp', '5'").contains("Did you mean: ", "--steps")
        .doesNotContain("\n");
    Run command = run("trian");
    assertThat(command.code()).isEqualTo(2);
    assertThat(command.err().strip()).contains("Did you mean: ", "train").doesNotContain("\n");
  }

  @Test
  void trainsHelpGroupsItsOptionsAndTheCommandListHasWholeSentences() {
    String help = run("train", "--help").out();
    assertThat(help).contains("Options:", "Model and training:", "Character language model (--data FILE.txt):",
        "Time series (--data FILE.csv --forecast COLUMN):", "Arrays (--inputs X.npy --targets Y.npy):");
    assertThat(help.indexOf("--schedule=S")).isGreaterThan(help.indexOf("Model and training:"));
    assertThat(help.indexOf("--seq-len=K")).isGreaterThan(help.indexOf("Character language model"));
    // Each entry of the command list (wrapped lines joined) is a whole sentence.
    String list = run("--help").out().split("Commands:")[1];
    for (String entry : list.strip().split("\\n(?=  [a-z])")) {
      assertThat(entry.replaceAll("\\s+", " ").strip()).as(entry).endsWith(".");
    }
  }

  @Test
  void theProgressBarHasNoColoursUnderNoColor() {
    assertThat(TrainingProgress.style(Map.of("NO_COLOR", "1"))).isEqualTo(me.tongfei.progressbar.ProgressBarStyle.UNICODE_BLOCK);
    assertThat(TrainingProgress.style(Map.of("NO_COLOR", ""))).isEqualTo(me.tongfei.progressbar.ProgressBarStyle.COLORFUL_UNICODE_BLOCK);
    assertThat(TrainingProgress.style(Map.of())).isEqualTo(me.tongfei.progressbar.ProgressBarStyle.COLORFUL_UNICODE_BLOCK);
  }
}
