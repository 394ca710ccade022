package org.rnn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.rnn4j.cli.CliTest.run;

import com.fasterxml.jackson.jr.ob.JSON;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.data.StoryCorpus;
import org.rnn4j.io.ModelFile;
import org.rnn4j.layer.SpectralScale;
import org.rnn4j.model.RnnModel;

/** {@code --init-radius} reaches the model of every command that trains one. */
class InitRadiusCliTest {
  @TempDir Path dir;

  @Test
  void aTaskModelStartsWithTheRadiusAndRecordsIt() throws Exception {
    Path file = dir.resolve("m.safetensors");
    // A learning rate too small to move W_hh visibly in one epoch: the saved radius is the initial one.
    CliTest.Run r = run("task", "xor", "--cell", "gru", "--init-radius", "1.25", "--epochs", "1", "--lr", "1e-7",
        "--save", file.toString());
    assertThat(r.code()).as(r.err()).isZero();
    RnnModel m = ModelFile.load(file);
    assertThat(m.config().initRadius()).isEqualTo(1.25);
    int h = m.config().hiddenSize(), off = m.parameters().get("weight_hh_l0").offset();
    for (int block = 0; block < 3; block++) {
      assertThat(SpectralScale.radius(m.parameters().values(), off + block * h * h, h)).isCloseTo(1.25, within(1e-3));
    }
  }

  @Test
  void theLanguageModelKeepsItInItsConfig() throws Exception {
    Path text = dir.resolve("tiny.txt");
    Files.writeString(text, StoryCorpus.generate(5, 2000), StandardCharsets.UTF_8);
    Path runDir = dir.resolve("run");
    CliTest.Run r = run("train", "--data", text.toString(), "--steps", "2", "--hidden", "8", "--batch", "2",
        "--seq-len", "8", "--init-radius", "0.9", "--run-dir", runDir.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(JSON.std.mapFrom(Files.readString(runDir.resolve("config.json")))).containsEntry("init_radius", 0.9);
    assertThat(ModelFile.load(runDir.resolve("model.safetensors")).config().initRadius()).isEqualTo(0.9);
  }

  @Test
  void aNegativeRadiusIsOneLineAndExit2() {
    CliTest.Run r = run("task", "xor", "--init-radius", "-1");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("error: init_radius: expected a finite number >= 0 (0 = as initialised), found -1.0");
  }
}
