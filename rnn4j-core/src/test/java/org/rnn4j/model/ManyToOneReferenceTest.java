package org.rnn4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.io.ModelFile;
import org.rnn4j.io.Npy;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.io.SafeTensorsFile;
import org.rnn4j.tensor.Tensor;

/**
 * The PyTorch reference cases of the bidirectional many-to-one readout (test resources {@code
 * reference/many_to_one}, made by their {@code generate.py}): a classifier of padded sequences,
 * nn.LSTM/GRU(bidirectional=True) on pack_padded_sequence, then Linear on [h_n[-2]; h_n[-1]] and
 * cross-entropy. The model loaded from each case's file must reproduce the probabilities, the loss
 * and every gradient (parameters, input) to a relative error of at most {@link TorchReferenceTest#TOLERANCE}.
 */
class ManyToOneReferenceTest {

  static Stream<Path> cases() throws IOException, URISyntaxException {
    Path root = Path.of(ManyToOneReferenceTest.class.getResource("/reference/many_to_one").toURI());
    return Files.list(root).filter(Files::isDirectory).sorted();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reproducesPyTorch(Path dir) throws IOException {
    RnnModel model = ModelFile.load(dir.resolve("model.safetensors"));
    assertThat(model.config().readsFinalStates()).isTrue();
    Tensor x = Npy.read(dir.resolve("input.npy"));
    Tensor target = Npy.read(dir.resolve("target.npy"));
    float[] l = Npy.read(dir.resolve("lengths.npy")).data();
    int[] lengths = new int[l.length];
    for (int r = 0; r < l.length; r++) {
      lengths[r] = (int) l[r];
    }
    List<String> errors = new ArrayList<>();
    TorchReferenceTest.compare(errors, "probabilities", model.forward(x, 1, null, lengths).output(),
        Npy.read(dir.resolve("expected/probabilities.npy")));

    model.parameters().zeroGrads();
    RnnModel.InputGradients[] inputGrads = new RnnModel.InputGradients[1];
    double loss = model.lossAndGradient(new Batch(x, target, null, null, lengths), inputGrads);
    TorchReferenceTest.compare(errors, "loss", Tensor.of(new float[] {(float) loss}, 1),
        Npy.read(dir.resolve("expected/loss.npy")));
    SafeTensorsFile grads = SafeTensors.read(dir.resolve("expected/grads.safetensors"));
    assertThat(model.parameters().params().keySet()).containsExactlyInAnyOrderElementsOf(grads.tensors().keySet());
    for (Map.Entry<String, Tensor> e : grads.tensors().entrySet()) {
      TorchReferenceTest.compare(errors, "grad " + e.getKey(), model.parameters().grad(e.getKey()), e.getValue());
    }
    TorchReferenceTest.compare(errors, "grad_input", inputGrads[0].x(), Npy.read(dir.resolve("expected/grad_input.npy")));
    assertThat(errors).as(dir.getFileName().toString()).isEmpty();
  }
}
