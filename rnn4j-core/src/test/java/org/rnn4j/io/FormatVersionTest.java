package org.rnn4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.optim.Optimizers;
import org.rnn4j.optim.Schedule;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.train.Checkpoint;
import org.rnn4j.train.TrainConfig;
import org.rnn4j.train.TrainState;

/**
 * The format-version policy (docs/reliability.md): a model file written by an earlier version
 * keeps loading, with the same values and the same outputs, and a file of a newer format is
 * refused with an error that says so.
 */
class FormatVersionTest {
  /** Written by {@link #writeFormat1Files()} with the code of format 1; never regenerate them. */
  static final Path FORMATS = Path.of("src/test/resources/formats");
  static final ModelConfig FORMAT_1_CONFIG = ModelConfig.builder().cell("lstm").inputSize(2).hiddenSize(3).numLayers(2)
      .bidirectional(true).learnedInit(true).outputSize(2).build();

  @TempDir Path dir;

  /** Parameter i of the committed file: a pattern of small binary fractions, exact in float32. */
  static float pattern(int i) {
    return ((i * 37) % 41 - 20) / 64f;
  }

  @Test
  void aFormat1ModelFileLoadsWithItsValuesAndOutputs() throws IOException {
    Path file = FORMATS.resolve("model-format-1.safetensors");
    assertThat(SafeTensors.read(file).metadata()).containsEntry(ModelFile.FORMAT_KEY, "1");
    RnnModel model = ModelFile.load(file);
    assertThat(model.config()).isEqualTo(FORMAT_1_CONFIG);
    float[] values = model.parameters().values();
    assertThat(values).hasSize(470);
    for (int i = 0; i < values.length; i++) {
      assertThat(values[i]).as("parameter value %d", i).isEqualTo(pattern(i));
    }
    Tensor out = model.forward(Npy.read(FORMATS.resolve("model-format-1-input.npy"))).output();
    Tensor expected = Npy.read(FORMATS.resolve("model-format-1-output.npy"));
    assertThat(out.shape()).containsExactly(expected.shape());
    for (int i = 0; i < out.size(); i++) {
      assertThat(out.data()[i]).as("output %d", i).isCloseTo(expected.data()[i], org.assertj.core.data.Offset.offset(1e-5f));
    }
  }

  @Test
  void aModelFileOfANewerFormatIsRefusedSayingSo() throws IOException {
    Path file = withMetadata(FORMATS.resolve("model-format-1.safetensors"), ModelFile.FORMAT_KEY, "2");
    assertThatThrownBy(() -> ModelFile.load(file)).isInstanceOf(FormatException.class)
        .hasMessage(file + ": written by a newer rnn4j: format 2, this version reads up to 1 (a newer rnn4j loads it)");
    Path garbled = withMetadata(FORMATS.resolve("model-format-1.safetensors"), ModelFile.FORMAT_KEY, "v1");
    assertThatThrownBy(() -> ModelFile.load(garbled)).isInstanceOf(FormatException.class)
        .hasMessage(garbled + ": expected metadata 'rnn4j.format' to be a format version 1..1, found 'v1'");
  }

  @Test
  void aFileWithoutAFormatKeyReadsAsFormat1() throws IOException {
    Map<String, String> meta = new LinkedHashMap<>(SafeTensors.read(FORMATS.resolve("model-format-1.safetensors")).metadata());
    meta.remove(ModelFile.FORMAT_KEY);
    Path file = dir.resolve("old.safetensors");
    SafeTensors.write(file, SafeTensors.read(FORMATS.resolve("model-format-1.safetensors")).tensors(), meta);
    assertThat(ModelFile.load(file).config()).isEqualTo(FORMAT_1_CONFIG);
  }

  @Test
  void aCheckpointOfANewerFormatIsRefusedSayingSo() throws IOException {
    Path saved = dir.resolve("checkpoint.safetensors");
    new Checkpoint<>(new RnnModel(ModelConfig.builder().hiddenSize(2).build(), 1), Optimizers.create("adam", 0.01),
        new Schedule.Constant(0.01), TrainState.start(TrainConfig.builder().epochs(1).batchSize(2).seed(1).build())).save(saved);
    assertThat(Checkpoint.load(saved).model().config().hiddenSize()).isEqualTo(2);
    Path file = withMetadata(saved, Checkpoint.FORMAT_KEY, "7");
    assertThatThrownBy(() -> Checkpoint.load(file)).isInstanceOf(FormatException.class)
        .hasMessage(file + ": written by a newer rnn4j: checkpoint format 7, this version reads up to 1 (a newer rnn4j resumes it)");
  }

  @Test
  void aHiddenSizeTheFileCannotHoldIsRefusedBeforeAllocating() throws IOException {
    for (String[] kv : new String[][] {{"hidden_size", "2000000000"}, {"num_layers", "2000000000"},
        {"input_size", "2000000000"}, {"rnn4j.output_size", "2000000000"}}) {
      Path file = withMetadata(FORMATS.resolve("model-format-1.safetensors"), kv[0], kv[1]);
      assertThatThrownBy(() -> ModelFile.load(file)).as(kv[0]).isInstanceOf(FormatException.class)
          .hasMessageContaining("parameter values for hidden_size").hasMessageContaining("found 470 values");
    }
  }

  /** A copy of {@code source} in the temporary directory with one metadata entry replaced. */
  private Path withMetadata(Path source, String key, String value) throws IOException {
    SafeTensorsFile f = SafeTensors.read(source);
    Map<String, String> meta = new LinkedHashMap<>(f.metadata());
    meta.put(key, value);
    Path file = dir.resolve(key + "-" + value + ".safetensors");
    SafeTensors.write(file, f.tensors(), meta);
    return file;
  }

  /**
   * The generator of the committed format-1 files (run once, with format 1's code:
   * {@code ./mvnw -pl rnn4j-core test -Dtest=FormatVersionTest -Drnn4j.writeFormatFiles=true}).
   */
  @Test
  @EnabledIfSystemProperty(named = "rnn4j.writeFormatFiles", matches = "true")
  void writeFormat1Files() throws IOException {
    Files.createDirectories(FORMATS);
    RnnModel model = new RnnModel(FORMAT_1_CONFIG);
    float[] values = model.parameters().values();
    for (int i = 0; i < values.length; i++) {
      values[i] = pattern(i);
    }
    ModelFile.save(FORMATS.resolve("model-format-1.safetensors"), model);
    Tensor x = Tensor.zeros(4, 2, 2); // (T, B, I)
    for (int i = 0; i < x.size(); i++) {
      x.data()[i] = (float) Math.sin(0.7 * i);
    }
    Npy.write(FORMATS.resolve("model-format-1-input.npy"), x);
    Npy.write(FORMATS.resolve("model-format-1-output.npy"), model.forward(x).output());
  }
}
