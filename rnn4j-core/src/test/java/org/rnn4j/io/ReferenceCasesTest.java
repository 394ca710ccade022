package org.rnn4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.tensor.Tensor;

/** Every file of the PyTorch reference cases reads back with the shapes its case.json implies. */
class ReferenceCasesTest {

  static Path root() throws URISyntaxException {
    return Path.of(ReferenceCasesTest.class.getResource("/reference/torch").toURI());
  }

  static Stream<Path> cases() throws IOException, URISyntaxException {
    return Files.list(root()).filter(Files::isDirectory).sorted();
  }

  @Test
  void allSevenCasesArePresent() throws IOException, URISyntaxException {
    assertThat(cases().map(p -> p.getFileName().toString())).containsExactly("gru_1l", "gru_2l_bi",
        "lstm_1l", "lstm_2l_bi", "lstm_nobias_zero_state", "rnn_relu_2l", "rnn_tanh_1l");
  }

  @ParameterizedTest
  @MethodSource("cases")
  void filesMatchCaseJson(Path dir) throws IOException {
    Map<String, Object> c = JSON.std.mapFrom(Files.readString(dir.resolve("case.json")));
    String module = (String) c.get("module");
    int in = (Integer) c.get("input_size");
    int h = (Integer) c.get("hidden_size");
    int layers = (Integer) c.get("num_layers");
    int dirs = (Boolean) c.get("bidirectional") ? 2 : 1;
    int t = (Integer) c.get("seq_len");
    int b = (Integer) c.get("batch");
    boolean states = (Boolean) c.get("initial_states");
    boolean lstm = module.equals("LSTM");
    int g = h * switch (module) {
      case "LSTM" -> 4;
      case "GRU" -> 3;
      default -> 1;
    };

    Map<String, int[]> params = new TreeMap<>();
    for (int l = 0; l < layers; l++) {
      for (String sfx : dirs == 2 ? new String[] {"", "_reverse"} : new String[] {""}) {
        params.put("weight_ih_l" + l + sfx, new int[] {g, l == 0 ? in : dirs * h});
        params.put("weight_hh_l" + l + sfx, new int[] {g, h});
        if ((Boolean) c.get("bias")) {
          params.put("bias_ih_l" + l + sfx, new int[] {g});
          params.put("bias_hh_l" + l + sfx, new int[] {g});
        }
      }
    }
    SafeTensorsFile model = SafeTensors.read(dir.resolve("model.safetensors"));
    SafeTensorsFile grads = SafeTensors.read(dir.resolve("expected/grads.safetensors"));
    assertShapes(model, params);
    assertShapes(grads, params);
    assertThat(model.metadata()).containsEntry("module", module)
        .containsEntry("hidden_size", String.valueOf(h)).containsEntry("num_layers", String.valueOf(layers));
    assertThat(Double.parseDouble(grads.metadata().get("loss")))
        .isCloseTo(((Number) c.get("loss")).doubleValue(), within(1e-3));

    Map<String, int[]> arrays = new TreeMap<>();
    int[] seqIn = {t, b, in};
    int[] seqOut = {t, b, dirs * h};
    int[] state = {layers * dirs, b, h};
    arrays.put("input.npy", seqIn);
    arrays.put("target.npy", seqOut);
    arrays.put("expected/output.npy", seqOut);
    arrays.put("expected/grad_input.npy", seqIn);
    arrays.put("expected/h_n.npy", state);
    if (lstm) {
      arrays.put("expected/c_n.npy", state);
    }
    if (states) {
      arrays.put("h0.npy", state);
      arrays.put("expected/grad_h0.npy", state);
      if (lstm) {
        arrays.put("c0.npy", state);
        arrays.put("expected/grad_c0.npy", state);
      }
    }
    try (Stream<Path> files = Files.walk(dir)) {
      assertThat(files.filter(p -> p.toString().endsWith(".npy")).map(p -> dir.relativize(p).toString().replace('\\', '/')))
          .containsExactlyInAnyOrderElementsOf(arrays.keySet());
    }
    for (Map.Entry<String, int[]> e : arrays.entrySet()) {
      Tensor a = Npy.read(dir.resolve(e.getKey()));
      assertThat(a.shape()).as(dir.getFileName() + "/" + e.getKey()).isEqualTo(e.getValue());
      a.requireFinite(e.getKey());
    }
  }

  private static void assertShapes(SafeTensorsFile f, Map<String, int[]> want) {
    assertThat(f.tensors().keySet()).containsExactlyInAnyOrderElementsOf(want.keySet());
    for (Map.Entry<String, int[]> e : want.entrySet()) {
      assertThat(f.tensor(e.getKey()).shape()).as(e.getKey()).isEqualTo(e.getValue());
      f.tensor(e.getKey()).requireFinite(e.getKey());
    }
  }

  @Test
  void lstmTwoLayerBidirectionalSpotChecks() throws IOException, URISyntaxException {
    Path dir = root().resolve("lstm_2l_bi");
    SafeTensorsFile model = SafeTensors.read(dir.resolve("model.safetensors"));
    assertThat(model.tensor("weight_ih_l0").shape()).containsExactly(24, 5);
    assertThat(model.tensor("weight_ih_l1_reverse").shape()).containsExactly(24, 12);
    assertThat(model.tensors()).hasSize(16);
    // the generator writes tensors sorted by name, so file order is name order
    assertThat(List.copyOf(model.tensors().keySet())).isSorted();
    assertThat(Npy.read(dir.resolve("input.npy")).shape()).containsExactly(7, 3, 5);
    // values are inside the generator's uniform(-0.6, 0.6) init
    for (Tensor p : model.tensors().values()) {
      for (float v : p.data()) {
        assertThat(v).isBetween(-0.6f, 0.6f);
      }
    }
  }
}
