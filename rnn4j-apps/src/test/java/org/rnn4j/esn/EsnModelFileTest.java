package org.rnn4j.esn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.io.FormatException;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.io.SafeTensorsFile;

/** Saving and loading echo state networks: the loaded network predicts exactly what the saved one did. */
class EsnModelFileTest {
  @TempDir Path dir;

  private static double[][] sine(int from, int steps) {
    double[][] v = new double[steps][];
    for (int t = 0; t < steps; t++) {
      v[t] = new double[] {Math.sin(0.3 * (from + t)) + 0.3 * Math.sin(0.07 * (from + t))};
    }
    return v;
  }

  private static EchoStateNetwork fitted(EsnConfig config) {
    EchoStateNetwork esn = new EchoStateNetwork(config, 1, 1);
    esn.fit(sine(0, 600), sine(1, 600));
    return esn;
  }

  @Test
  void aLoadedNetworkPredictsAndGeneratesExactlyAsTheSavedOne() throws Exception {
    for (EsnConfig config : new EsnConfig[] {EsnConfig.builder().units(60).washout(50).build(),
        EsnConfig.builder().units(40).washout(50).feedback(true).leak(0.7).ridge(1e-4).seed(5).build()}) {
      EchoStateNetwork saved = fitted(config);
      Path file = dir.resolve("esn-" + config.feedback() + ".safetensors");
      EsnModelFile.save(file, saved, Map.of("rnn4j.series.features", "value"));
      EchoStateNetwork loaded = EsnModelFile.load(file);
      assertThat(loaded.config()).isEqualTo(config);
      assertThat(loaded.readout()).isDeepEqualTo(saved.readout());
      assertThat(loaded.spectralRadiusAfter()).isEqualTo(saved.spectralRadiusAfter());
      assertThat(loaded.spectralRadiusBefore()).isEqualTo(saved.spectralRadiusBefore());
      for (EchoStateNetwork esn : new EchoStateNetwork[] {saved, loaded}) {
        esn.drive(sine(1000, 200), sine(1001, 200));
      }
      assertThat(loaded.predict(sine(1200, 30))).isDeepEqualTo(saved.predict(sine(1200, 30)));
      assertThat(loaded.generate(40)).isDeepEqualTo(saved.generate(40));
      assertThat(SafeTensors.read(file).metadata()).containsEntry("rnn4j.series.features", "value");
    }
  }

  @Test
  void generatedSeriesFollowsTheSignal() {
    EchoStateNetwork esn = fitted(EsnConfig.builder().units(80).washout(50).build());
    esn.drive(sine(0, 300), sine(1, 300));
    double[][] next = esn.generate(10);
    double[][] truth = sine(301, 10);
    for (int t = 0; t < 10; t++) {
      assertThat(next[t][0]).isCloseTo(truth[t][0], org.assertj.core.data.Offset.offset(0.05));
    }
  }

  @Test
  void badFilesAreFormatErrorsNamingTheFile() throws Exception {
    Path file = dir.resolve("esn.safetensors");
    EsnModelFile.save(file, fitted(EsnConfig.builder().units(20).washout(10).build()), Map.of());
    SafeTensorsFile f = SafeTensors.read(file);

    Map<String, String> noUnits = new HashMap<>(f.metadata());
    noUnits.remove("rnn4j.esn.units");
    assertThatThrownBy(() -> EsnModelFile.fromFile(file, new SafeTensorsFile(f.tensors(), noUnits)))
        .isInstanceOf(FormatException.class).hasMessageStartingWith(file + ": expected an echo state network");

    Map<String, String> moreUnits = new HashMap<>(f.metadata());
    moreUnits.put("rnn4j.esn.units", "21");
    assertThatThrownBy(() -> EsnModelFile.fromFile(file, new SafeTensorsFile(f.tensors(), moreUnits)))
        .isInstanceOf(FormatException.class)
        .hasMessage(file + ": expected reservoir.weight of shape [21, 21] (from the metadata), found [20, 20]");

    Map<String, String> badLeak = new HashMap<>(f.metadata());
    badLeak.put("rnn4j.esn.leak", "2");
    assertThatThrownBy(() -> EsnModelFile.fromFile(file, new SafeTensorsFile(f.tensors(), badLeak)))
        .isInstanceOf(FormatException.class)
        .hasMessage(file + ": expected valid rnn4j.esn.* metadata, found leak: expected a value in (0, 1], found 2.0");

    Map<String, String> feedback = new HashMap<>(f.metadata());
    feedback.put("rnn4j.esn.feedback", "true");
    assertThatThrownBy(() -> EsnModelFile.fromFile(file, new SafeTensorsFile(f.tensors(), feedback)))
        .isInstanceOf(FormatException.class).hasMessage(file + ": expected tensors [feedback.weight, input.weight, "
            + "readout.weight, reservoir.weight], found [input.weight, readout.weight, reservoir.weight]");
  }
}
