package org.rnn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.io.ConvModelFile;
import org.rnn4j.io.FrameConvModelFile;
import org.rnn4j.model.ConvRecurrentModel;
import org.rnn4j.model.FrameConvRecurrentModel;

/** {@code rnn cnn-task} in-process, with small settings. */
class CnnTaskCliTest {
  @TempDir Path dir;

  @Test
  void waveformsWithTheDefaultCnnLearnsAndSavesOneFile() throws Exception {
    Path file = dir.resolve("m.safetensors");
    CliTest.Run r = CliTest.run("cnn-task", "waveforms", "--length", "48", "--train", "300", "--test", "100", "--epochs",
        "6", "--hidden", "8", "--save", file.toString(), "--json");
    assertThat(r.code()).as(r.err()).isZero();
    Map<String, Object> j = r.json();
    assertThat(j).containsEntry("rnn_steps", 12).containsKeys("value", "seconds", "params");
    assertThat(((Number) j.get("value")).doubleValue()).isGreaterThan(0.4); // chance is 0.25
    ConvRecurrentModel m = ConvModelFile.load(file);
    assertThat(m.conv().spec()).isEqualTo(j.get("cnn"));
  }

  @Test
  void withoutCnnTheRnnReadsTheRawSequence() throws Exception {
    CliTest.Run r = CliTest.run("cnn-task", "waveforms", "--cnn", "none", "--length", "24", "--train", "64", "--test",
        "32", "--epochs", "1", "--hidden", "4", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.json()).containsEntry("cnn", "none").containsEntry("rnn_steps", 24);
  }

  @Test
  void movingBlobRunsA2dCnnOnEveryFrame() throws Exception {
    Path file = dir.resolve("blob.safetensors");
    CliTest.Run r = CliTest.run("cnn-task", "moving-blob", "--train", "64", "--test", "32", "--epochs", "1", "--hidden",
        "4", "--save", file.toString(), "--json");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("task moving-blob: 8 frames of 16x16, classes right/left/down/up", "epoch   1");
    assertThat(r.json()).containsEntry("task", "moving-blob").containsEntry("features", 8 * 4 * 4)
        .containsEntry("cnn", "8k3-s1-same-relu-max2/2,8k3-s1-same-relu-max2/2");
    CliTest.Run raw = CliTest.run("cnn-task", "moving-blob", "--cnn", "none", "--train", "32", "--test", "16", "--epochs",
        "1", "--hidden", "4", "--json");
    assertThat(raw.json()).containsEntry("features", 256);
    FrameConvRecurrentModel back = FrameConvModelFile.load(file);
    assertThat(back.conv().spec()).isEqualTo(r.json().get("cnn"));
    assertThat(back.conv().frameShape()).containsExactly(1, 16, 16);
    assertThat(back.rnn().config().inputSize()).isEqualTo(128);
  }

  @Test
  void badSpecIsOneLineAndExit2() {
    CliTest.Run r = CliTest.run("cnn-task", "waveforms", "--cnn", "16k5-wide");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith("error: conv spec '16k5-wide': expected options").doesNotContain("\n");
  }
}
