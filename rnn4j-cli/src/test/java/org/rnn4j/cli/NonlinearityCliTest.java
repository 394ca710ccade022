package org.rnn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnn4j.cli.CliTest.run;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.data.StoryCorpus;
import org.rnn4j.io.SafeTensors;

/** {@code --nonlinearity} reaches the model of every training command, and is refused where a cell has none. */
class NonlinearityCliTest {
  @TempDir Path dir;

  private static String nonlinearityIn(Path model) throws Exception {
    return SafeTensors.read(model).metadata().get("rnn4j.nonlinearity");
  }

  @Test
  void everyTrainingCommandBuildsItsModelWithTheGivenNonlinearity() throws Exception {
    Path task = dir.resolve("task.safetensors");
    CliTest.Run t = run("task", "xor", "--epochs", "1", "--nonlinearity", "relu", "--save", task.toString());
    assertThat(t.code()).as(t.err()).isZero();
    assertThat(t.out()).contains("model: elman relu");
    assertThat(nonlinearityIn(task)).isEqualTo("relu");

    Path trainTask = dir.resolve("train-task");
    CliTest.Run tt = run("train", "--task", "xor", "--epochs", "1", "--nonlinearity", "sigmoid", "--run-dir", trainTask.toString());
    assertThat(tt.code()).as(tt.err()).isZero();
    assertThat(nonlinearityIn(trainTask.resolve("model.safetensors"))).isEqualTo("sigmoid");

    Path text = Files.writeString(dir.resolve("tiny.txt"), StoryCorpus.generate(5, 2000), StandardCharsets.UTF_8);
    Path lm = dir.resolve("lm");
    CliTest.Run l = run("train", "--data", text.toString(), "--cell", "elman", "--nonlinearity", "relu", "--hidden", "8",
        "--steps", "2", "--batch", "2", "--seq-len", "8", "--run-dir", lm.toString());
    assertThat(l.code()).as(l.err()).isZero();
    assertThat(nonlinearityIn(lm.resolve("model.safetensors"))).isEqualTo("relu");
    assertThat(Files.readString(lm.resolve("config.json"))).contains("\"nonlinearity\" : \"relu\"");

    Path waves = dir.resolve("waves");
    assertThat(run("data", "waves", "--count", "20", "--out", waves.toString()).code()).isZero();
    Path arrays = dir.resolve("arrays");
    CliTest.Run a = run("train", "--inputs", waves.resolve("inputs.npy").toString(), "--targets",
        waves.resolve("targets.npy").toString(), "--mapping", "many-to-one", "--loss", "ce", "--epochs", "1",
        "--nonlinearity", "identity", "--run-dir", arrays.toString());
    assertThat(a.code()).as(a.err()).isZero();
    assertThat(nonlinearityIn(arrays.resolve("model.safetensors"))).isEqualTo("identity");
  }

  @Test
  void aCellWithoutOneOrAnUnknownNameIsOneLineAndExitCode2() {
    CliTest.Run lstm = run("task", "xor", "--cell", "lstm", "--nonlinearity", "relu");
    assertThat(lstm.code()).isEqualTo(2);
    assertThat(lstm.err().strip()).isEqualTo("error: nonlinearity: expected a cell that has one to choose "
        + "(elman, leaky, leaky-learned, skip), found cell 'lstm'");

    CliTest.Run unknown = run("task", "xor", "--nonlinearity", "softplus");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err().strip()).isEqualTo("error: --nonlinearity: expected tanh, relu, sigmoid or identity, found 'softplus'");

    CliTest.Run all = run("task", "xor", "--cell", "all", "--nonlinearity", "relu");
    assertThat(all.code()).isEqualTo(2);
    assertThat(all.err().strip()).startsWith("error: --nonlinearity: expected a single --cell");
  }
}
