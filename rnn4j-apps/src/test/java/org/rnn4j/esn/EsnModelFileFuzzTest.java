package org.rnn4j.esn;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Any bytes as an echo-state-network file: a network (then driven and run a few steps) or an
 * IllegalArgumentException (FormatException) with a message, nothing else. Inputs (replayed by
 * every build): {@code src/test/resources/org/rnn4j/esn/EsnModelFileFuzzTestInputs/load/}; the
 * {@code seed-*} files come from {@link #writeSeeds}, run with
 * {@code ./mvnw -pl rnn4j-core,rnn4j-apps test -Dtest=EsnModelFileFuzzTest -Drnn4j.fuzz.writeSeeds=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class EsnModelFileFuzzTest {
  private static final Path SEEDS = Path.of("src/test/resources/org/rnn4j/esn/EsnModelFileFuzzTestInputs/load");

  @FuzzTest(maxDuration = "60s")
  void load(byte[] data) throws Exception {
    Path dir = Files.createTempDirectory("rnn4j-fuzz");
    Path file = dir.resolve("input.safetensors");
    try {
      Files.write(file, data);
      EchoStateNetwork esn = EsnModelFile.load(file);
      double[][] u = new double[3][esn.inputs()], y = new double[3][esn.outputs()];
      esn.drive(u, y);
      esn.predict(u);
    } catch (IllegalArgumentException e) {
      if (e.getMessage() == null || e.getMessage().isBlank()) {
        throw new AssertionError("documented IllegalArgumentException without a message", e);
      }
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }
  }

  @Test
  @EnabledIfSystemProperty(named = "rnn4j.fuzz.writeSeeds", matches = "true")
  void writeSeeds() throws Exception {
    Files.createDirectories(SEEDS);
    double[][] u = {{0.1}, {0.5}, {-0.2}, {0.3}, {0.0}, {-0.4}};
    double[][] y = {{0.5}, {-0.2}, {0.3}, {0.0}, {-0.4}, {0.2}};
    for (EsnConfig c : new EsnConfig[] {EsnConfig.builder().units(4).connectivity(0.5).washout(2).build(),
        EsnConfig.builder().units(3).connectivity(1).washout(1).feedback(true).leak(0.5).build()}) {
      EchoStateNetwork esn = new EchoStateNetwork(c, 1, 1);
      esn.fit(u, y);
      EsnModelFile.save(SEEDS.resolve("seed-units-" + c.units() + (c.feedback() ? "-feedback" : "")), esn,
          Map.of("rnn4j.series.features", "value"));
    }
  }
}
