package org.rnn4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.model.FrameConvRecurrentModel;
import org.rnn4j.model.Mapping;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.tensor.Tensor;

class FrameConvModelFileTest {
  @TempDir Path dir;

  @Test
  void aSavedModelReloadsAndComputesTheSameOutputs() throws Exception {
    FrameConvRecurrentModel m = FrameConvRecurrentModel.create("3k3-same-relu-max2", 2, 6, 5,
        ModelConfig.builder().cell("gru").hiddenSize(4).outputSize(3).loss("ce").mapping(Mapping.MANY_TO_ONE), 5);
    Path file = dir.resolve("m.safetensors");
    FrameConvModelFile.save(file, m);
    FrameConvRecurrentModel back = FrameConvModelFile.load(file);
    assertThat(back.parameters().values()).containsExactly(m.parameters().values());
    assertThat(back.conv().spec()).isEqualTo(m.conv().spec());
    Tensor x = Tensor.zeros(4, 2, 2 * 6 * 5);
    for (int i = 0; i < x.size(); i++) {
      x.data()[i] = (float) Math.sin(0.3 * i);
    }
    assertThat(back.forward(x).output().data()).containsExactly(m.forward(x).output().data());
  }

  @Test
  void aPlainRecurrentModelFileIsNotAFrameConvOne() throws Exception {
    Path file = dir.resolve("rnn.safetensors");
    ModelFile.save(file, new RnnModel(ModelConfig.builder().build(), 1));
    assertThatThrownBy(() -> FrameConvModelFile.load(file)).isInstanceOf(FormatException.class)
        .hasMessageContaining("expected metadata keys rnn4j.frame_conv and rnn4j.frame_shape");
  }
}
