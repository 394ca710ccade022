package org.rnn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.io.ModelFile;
import org.rnn4j.io.Npy;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.tensor.Tensor;

/** {@code rnn diagnose} in-process, with small settings. */
class DiagnoseCliTest {
  @TempDir Path dir;

  @Test
  void taskRunWritesThePlotsAndAVerdictAsJson() throws Exception {
    CliTest.Run r = CliTest.run("diagnose", "--task", "majority", "--cell", "lstm", "--hidden", "4", "--epochs", "1",
        "--snapshots", "2", "--probe", "4", "--out", dir.toString(), "--json");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("epoch   1", "spectral radius of W_hh l0", "i=", "verdict: ");
    Map<String, Object> j = r.json();
    assertThat(j).containsKeys("verdict", "grad_ratio_first_last", "spectral_radius", "clipped_fraction",
        "jacobian_growth_per_step", "task", "value");
    assertThat((String) j.get("verdict")).isIn("healthy", "vanishing", "exploding");
    for (String png : List.of("grad_norm_vs_time.png", "jacobian_products.png", "spectral_radius.png", "grad_norm_clipping.png")) {
      assertThat(dir.resolve(png)).isNotEmptyFile();
    }
  }

  @Test
  void savedModelOnData() throws Exception {
    RnnModel m = new RnnModel(ModelConfig.builder().inputSize(2).hiddenSize(3).outputSize(1).build(), 1);
    ModelFile.save(dir.resolve("m.safetensors"), m);
    Npy.write(dir.resolve("x.npy"), Tensor.zeros(5, 2, 2));
    Npy.write(dir.resolve("y.npy"), Tensor.of(new float[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, 5, 2, 1));
    CliTest.Run r = CliTest.run("diagnose", "--model", dir.resolve("m.safetensors").toString(), "--data",
        dir.resolve("x.npy").toString(), "--targets", dir.resolve("y.npy").toString(), "--out", dir.toString(), "--json");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(((Number) r.json().get("updates")).intValue()).isEqualTo(1);
    assertThat(dir.resolve("grad_norm_vs_time.png")).isNotEmptyFile();
    assertThat(dir.resolve("spectral_radius.png")).doesNotExist();
  }

  @Test
  void theInitialModelExplodesWithRadiusThreeAndVanishesWithOneHalf() throws Exception {
    for (String rho : new String[] {"3", "0.5"}) {
      CliTest.Run r = CliTest.run("diagnose", "--task", "sine", "--cell", "elman", "--init-radius", rho, "--epochs", "0",
          "--probe", "8", "--out", dir.resolve(rho).toString(), "--json");
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out()).contains("0 epochs", "init radius " + Double.parseDouble(rho)).doesNotContain("epoch   1");
      Map<String, Object> j = r.json();
      assertThat(((Number) j.get("spectral_radius")).doubleValue()).isCloseTo(Double.parseDouble(rho), within(1e-5));
      double ratio = ((Number) j.get("grad_ratio_first_last")).doubleValue();
      if (rho.equals("3")) { // seen: 8.1e3 (a gain of 1.24 per step over 40 steps)
        assertThat(j.get("verdict")).isEqualTo("exploding");
        assertThat(ratio).isGreaterThan(1e3);
      } else { // seen: 5e-13
        assertThat(j.get("verdict")).isEqualTo("vanishing");
        assertThat(ratio).isLessThan(1e-6);
      }
      assertThat(dir.resolve(rho).resolve("spectral_radius.png")).doesNotExist(); // nothing over training to draw
    }
  }

  @Test
  void clippingComparisonTrainsTwiceAndDrawsBothLosses() throws Exception {
    CliTest.Run r = CliTest.run("diagnose", "--task", "sine", "--cell", "elman", "--hidden", "8", "--init-radius", "3",
        "--optimizer", "sgd", "--lr", "0.1", "--epochs", "1", "--compare-clip", "1", "--out", dir.toString(), "--json");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("clipping off vs at 1.00", "off ", "at 1.00 ");
    List<?> runs = (List<?>) r.json().get("runs");
    assertThat(runs).hasSize(2);
    assertThat(((Map<?, ?>) runs.get(0)).get("clip")).isEqualTo(0.0);
    assertThat(((Number) ((Map<?, ?>) runs.get(1)).get("updates")).intValue()).isEqualTo(50);
    assertThat(dir.resolve("loss_clipping.png")).isNotEmptyFile();
  }

  @Test
  void clippingComparisonNeedsATask() {
    CliTest.Run r = CliTest.run("diagnose", "--model", "m.safetensors", "--data", "x.npy", "--targets", "y.npy",
        "--compare-clip", "1");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo(
        "error: --compare-clip: expected --task NAME (it trains the task twice), found --model");
  }

  @Test
  void nonlinearitiesAreComparedOnTheSameInitialWeights() throws Exception {
    CliTest.Run r = CliTest.run("diagnose", "--task", "adding", "--length", "30", "--cell", "elman", "--probe", "8",
        "--compare-nonlinearity", "tanh,sigmoid", "--out", dir.toString(), "--json");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("the initial model once per nonlinearity", "tanh ", "sigmoid ");
    Map<?, ?> results = (Map<?, ?>) r.json().get("results");
    double tanh = ((Number) ((Map<?, ?>) results.get("tanh")).get("per_step")).doubleValue();
    double sigmoid = ((Number) ((Map<?, ?>) results.get("sigmoid")).get("per_step")).doubleValue();
    assertThat(sigmoid).isLessThan(tanh); // seen at T = 50: 0.15 against 0.54
    assertThat(dir.resolve("grad_norm_by_nonlinearity.png")).isNotEmptyFile();

    CliTest.Run bad = CliTest.run("diagnose", "--task", "adding", "--compare-nonlinearity", "tanh,cosine");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err().strip()).isEqualTo(
        "error: --compare-nonlinearity: expected tanh, relu, sigmoid or identity, found 'cosine'");
  }

  @Test
  void taskAndModelTogetherIsOneLineAndExit2() {
    CliTest.Run r = CliTest.run("diagnose", "--task", "sine", "--model", "m.safetensors");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo(
        "error: diagnose: expected either --task NAME or --model M.safetensors, found both");
  }
}
