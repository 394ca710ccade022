package org.rnn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.rnn4j.cli.CliTest.run;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sample --num-samples, eval --streams and the inference benchmarks, in-process. */
class InferenceCliTest {
  @TempDir Path dir;

  @Test
  void nSamplesAtOnceAreTheSingleSamplesOfSeedsSPlusI() throws Exception {
    String model = TestModels.charModel(dir, 16).toString();
    CliTest.Run three = run("sample", "--model", model, "--prime", "Day ", "--length", "50", "--seed", "5",
        "--num-samples", "3");
    assertThat(three.code()).as(three.err()).isZero();
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      CliTest.Run alone = run("sample", "--model", model, "--prime", "Day ", "--length", "50", "--seed", String.valueOf(5 + i));
      expected.append("=== sample ").append(i).append(" (seed ").append(5 + i).append(") ===\n").append(alone.out());
    }
    assertThat(three.out()).isEqualTo(expected.toString());
    CliTest.Run bad = run("sample", "--model", model, "--num-samples", "0");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err().strip()).isEqualTo("error: --num-samples: expected at least 1, found 0");
  }

  @Test
  void parallelStreamsWithAWarmUpToTheStartGiveTheExactFigure() throws Exception {
    String model = TestModels.charModel(dir, 16).toString();
    Path text = dir.resolve("text.txt");
    Files.writeString(text, TestModels.TEXT.substring(0, 3000), StandardCharsets.UTF_8);
    double exact = bpc(run("eval", "--model", model, "--data", text.toString(), "--json"));
    double reachingBack = bpc(run("eval", "--model", model, "--data", text.toString(), "--streams", "7", "--warmup", "3000",
        "--json"));
    double cut = bpc(run("eval", "--model", model, "--data", text.toString(), "--streams", "7", "--warmup", "0", "--json"));
    assertThat(reachingBack).isCloseTo(exact, within(1e-12)); // only the order of the sum differs
    assertThat(cut).isNotEqualTo(exact).isCloseTo(exact, within(0.1)); // 6 segments restart from the initial state
    CliTest.Run bad = run("eval", "--model", model, "--data", text.toString(), "--streams", "0");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err().strip()).isEqualTo("error: streams: expected at least 1, found 0");
  }

  @Test
  void theInferenceBenchmarksPrintOneJsonLine() throws Exception {
    for (String config : new String[] {"sample", "eval", "predict"}) {
      CliTest.Run r = run("bench", "--config", config, "--steps", "20", "--warmup", "2", "--threads", "1", "--json");
      assertThat(r.code()).as(r.err()).isZero();
      Map<String, Object> j = r.json();
      assertThat(j).as(config).containsKeys("median_us", "p99_us", "tokens_per_s", "alloc_bytes_per_step", "streams");
      assertThat(((Number) j.get("p99_us")).doubleValue()).isGreaterThanOrEqualTo(((Number) j.get("median_us")).doubleValue());
    }
  }

  private static double bpc(CliTest.Run r) throws Exception {
    assertThat(r.code()).as(r.err()).isZero();
    return ((Number) r.json().get("bpc")).doubleValue();
  }
}
