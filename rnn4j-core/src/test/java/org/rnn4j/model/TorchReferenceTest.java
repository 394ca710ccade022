package org.rnn4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
import org.rnn4j.io.Npy;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.io.SafeTensorsFile;
import org.rnn4j.tensor.Tensor;

/**
 * The PyTorch reference cases (test resources {@code reference/torch}, made by torch.nn.RNN/LSTM/
 * GRU): a headless model rebuilt from each case's model file must reproduce the outputs, final
 * states and every gradient of the loss ½·Σ(output − target)² to a relative Frobenius error of
 * at most {@link #TOLERANCE}, with identical shapes.
 */
class TorchReferenceTest {
  static final double TOLERANCE = 1e-4;

  static Stream<Path> cases() throws IOException, URISyntaxException {
    Path root = Path.of(TorchReferenceTest.class.getResource("/reference/torch").toURI());
    return Files.list(root).filter(Files::isDirectory).sorted();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reproducesPyTorch(Path dir) throws IOException {
    SafeTensorsFile file = SafeTensors.read(dir.resolve("model.safetensors"));
    RnnModel model = new RnnModel(ModelConfig.fromMetadata(file.metadata()));
    assertThat(model.parameters().params().keySet()).containsExactlyInAnyOrderElementsOf(file.tensors().keySet());
    for (Map.Entry<String, Tensor> e : file.tensors().entrySet()) {
      model.parameters().set(e.getKey(), e.getValue());
    }
    Tensor x = Npy.read(dir.resolve("input.npy"));
    Tensor target = Npy.read(dir.resolve("target.npy"));
    int states = model.stack().states();
    Tensor[] initial = optional(dir, states == 2 ? List.of("h0.npy", "c0.npy") : List.of("h0.npy"));

    RnnModel.Output out = model.forward(x, x.dim(0), initial);
    List<String> errors = new ArrayList<>();
    compare(errors, "output", out.output(), dir.resolve("expected/output.npy"));
    compare(errors, "h_n", out.finalStates()[0], dir.resolve("expected/h_n.npy"));
    if (states == 2) {
      compare(errors, "c_n", out.finalStates()[1], dir.resolve("expected/c_n.npy"));
    }

    model.parameters().zeroGrads();
    RnnModel.InputGradients[] inputGrads = new RnnModel.InputGradients[1];
    double loss = model.lossAndGradient(new Batch(x, target, null, initial), inputGrads);
    SafeTensorsFile grads = SafeTensors.read(dir.resolve("expected/grads.safetensors"));
    assertThat(loss).isCloseTo(Double.parseDouble(grads.metadata().get("loss")), within(1e-4 * Math.abs(loss)));
    assertThat(model.parameters().params().keySet()).containsExactlyInAnyOrderElementsOf(grads.tensors().keySet());
    for (Map.Entry<String, Tensor> e : grads.tensors().entrySet()) {
      compare(errors, "grad " + e.getKey(), model.parameters().grad(e.getKey()), e.getValue());
    }
    compare(errors, "grad_input", inputGrads[0].x(), dir.resolve("expected/grad_input.npy"));
    String[] names = {"h0", "c0"};
    for (int k = 0; initial != null && k < states; k++) {
      compare(errors, "grad_" + names[k], inputGrads[0].initial()[k], dir.resolve("expected/grad_" + names[k] + ".npy"));
    }
    assertThat(errors).as(dir.getFileName().toString()).isEmpty();
  }

  /** The named initial-state files, or null when the case has none (zero initial state). */
  private static Tensor[] optional(Path dir, List<String> files) throws IOException {
    if (!Files.exists(dir.resolve(files.get(0)))) {
      return null;
    }
    Tensor[] t = new Tensor[files.size()];
    for (int k = 0; k < t.length; k++) {
      t[k] = Npy.read(dir.resolve(files.get(k)));
    }
    return t;
  }

  private static void compare(List<String> errors, String what, Tensor got, Path want) throws IOException {
    compare(errors, what, got, Npy.read(want));
  }

  /** Records a shape mismatch or a relative Frobenius error ‖got − want‖ / ‖want‖ above tolerance. */
  static void compare(List<String> errors, String what, Tensor got, Tensor want) {
    if (!got.hasShape(want.shape())) {
      errors.add(what + ": shape " + got.shapeString() + ", want " + want.shapeString());
      return;
    }
    double diff = 0, norm = 0;
    for (int i = 0; i < want.size(); i++) {
      double d = got.data()[i] - want.data()[i];
      diff += d * d;
      norm += (double) want.data()[i] * want.data()[i];
    }
    double rel = Math.sqrt(diff) / Math.max(Math.sqrt(norm), 1e-30);
    if (!(rel <= TOLERANCE)) {
      errors.add(String.format("%s: relative error %.3g", what, rel));
    }
  }
}
