package org.rnn4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.cell.Activation;
import org.rnn4j.layer.Fusion;
import org.rnn4j.model.Mapping;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.tensor.Tensor;

class ModelFileTest {
  @TempDir Path dir;

  @Test
  void aSavedModelReloadsWithItsConfigAndComputesTheSameOutputs() throws Exception {
    ModelConfig config = ModelConfig.builder().inputSize(3).hiddenSize(5).numLayers(2).bidirectional(true)
        .nonlinearity(Activation.RELU).learnedInit(true).outputSize(4).loss("ce")
        .mapping(Mapping.MANY_TO_ONE).build();
    RnnModel model = new RnnModel(config, 3);
    Path file = dir.resolve("m.safetensors");
    ModelFile.save(file, model);

    RnnModel back = ModelFile.load(file);
    assertThat(back.config()).isEqualTo(config);
    assertThat(back.parameters().values()).containsExactly(model.parameters().values());
    Tensor x = Tensor.zeros(6, 2, 3);
    for (int i = 0; i < x.size(); i++) {
      x.data()[i] = (float) Math.sin(i);
    }
    assertThat(back.forward(x).output().data()).containsExactly(model.forward(x).output().data());
    Map<String, String> meta = SafeTensors.read(file).metadata();
    assertThat(meta).containsEntry("module", "RNN").containsEntry("nonlinearity", "relu")
        .containsEntry("rnn4j.mapping", "many-to-one").containsEntry("rnn4j.readout", "final-states");
  }

  /**
   * A bidirectional many-to-one file from before the readout key read both directions at the last
   * step; loading it would change its outputs, so it is refused, saying why.
   */
  @Test
  void aBidirectionalManyToOneFileWithoutItsReadoutIsRefused() throws Exception {
    ModelConfig config = ModelConfig.builder().inputSize(2).hiddenSize(3).bidirectional(true).outputSize(2)
        .mapping(Mapping.MANY_TO_ONE).build();
    Path file = dir.resolve("old.safetensors");
    ModelFile.save(file, new RnnModel(config, 4));
    SafeTensorsFile saved = SafeTensors.read(file);
    Map<String, String> meta = new LinkedHashMap<>(saved.metadata());
    meta.remove("rnn4j.readout");
    SafeTensors.write(file, saved.tensors(), meta);
    assertThatThrownBy(() -> ModelFile.load(file)).isInstanceOf(FormatException.class)
        .hasMessage(file + ": a bidirectional many-to-one model from before rnn4j read each direction after the whole"
            + " sequence (no 'rnn4j.readout' key): its head learned both directions at the last step, which this version"
            + " no longer computes; train it again");
    meta.put("rnn4j.readout", "last-step");
    SafeTensors.write(file, saved.tensors(), meta);
    assertThatThrownBy(() -> ModelFile.load(file)).isInstanceOf(FormatException.class)
        .hasMessage(file + ": model metadata 'rnn4j.readout': expected final-states, found 'last-step'");
    // Only this kind of model has the key: a unidirectional many-to-one file has none.
    Path uni = dir.resolve("uni.safetensors");
    ModelFile.save(uni, new RnnModel(config.toBuilder().bidirectional(false).build(), 4));
    assertThat(SafeTensors.read(uni).metadata()).doesNotContainKey("rnn4j.readout");
  }

  @Test
  void theInitialRadiusTravelsWithTheFile() throws Exception {
    ModelConfig config = ModelConfig.builder().cell("lstm").inputSize(2).hiddenSize(3).initRadius(1.5).build();
    Path file = dir.resolve("radius.safetensors");
    ModelFile.save(file, new RnnModel(config, 4));
    assertThat(ModelFile.load(file).config()).isEqualTo(config);
    assertThat(SafeTensors.read(file).metadata()).containsEntry("rnn4j.init_radius", "1.5");
  }

  @Test
  void theTanhFusionWeightsTravelWithTheFile() throws Exception {
    ModelConfig config = ModelConfig.builder().cell("lstm").inputSize(2).hiddenSize(3).bidirectional(true)
        .fusion(Fusion.TANH).outputSize(2).build();
    RnnModel model = new RnnModel(config, 4);
    Path file = dir.resolve("tanh.safetensors");
    ModelFile.save(file, model);
    RnnModel back = ModelFile.load(file);
    assertThat(back.config()).isEqualTo(config);
    assertThat(back.parameters().params()).containsKeys("fusion_l0.weight", "fusion_l0.bias");
    Tensor x = Tensor.zeros(4, 1, 2);
    for (int i = 0; i < x.size(); i++) {
      x.data()[i] = (float) Math.cos(i);
    }
    assertThat(back.forward(x).output().data()).containsExactly(model.forward(x).output().data());
    assertThat(SafeTensors.read(file).metadata()).containsEntry("rnn4j.fusion", "tanh");
  }

  @Test
  void aFileMissingATensorIsAClearError() throws Exception {
    RnnModel model = new RnnModel(ModelConfig.builder().inputSize(2).hiddenSize(3).build(), 1);
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("weight_ih_l0", model.parameters().value("weight_ih_l0"));
    Path file = dir.resolve("partial.safetensors");
    SafeTensors.write(file, tensors, model.config().toMetadata("RNN"));
    assertThatThrownBy(() -> ModelFile.load(file)).isInstanceOf(FormatException.class)
        .hasMessageContaining("missing [bias_hh_l0, bias_ih_l0, head.bias, head.weight, weight_hh_l0]");
    assertThat(Files.exists(file)).isTrue();
  }
}
