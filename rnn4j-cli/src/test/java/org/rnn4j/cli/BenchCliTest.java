package org.rnn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rnn bench}: one config as JSON, and the side-by-side table against a stand-in PyTorch command. */
class BenchCliTest {
  @TempDir Path dir;

  @Test
  void latencyPrintsOneJsonLine() throws Exception {
    CliTest.Run r = CliTest.run("bench", "--config", "latency", "--steps", "300", "--warmup", "300", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    Map<String, Object> j = r.json();
    assertThat(j).containsKeys("config", "threads", "machine", "median_us", "p99_us", "tokens_per_s");
    assertThat((String) j.get("machine")).contains(Runtime.version().toString());
    assertThat(((Number) j.get("median_us")).doubleValue()).isPositive();
  }

  @Test
  void compareRunsBothSidesAndPrintsTheRatio() throws Exception {
    // A stand-in for shared/bench/pytorch with its CLI: 10 µs per step, whatever it is asked.
    Path fake = dir.resolve("fake-pytorch");
    Files.writeString(fake, "#!/bin/sh\necho '{\"median_ms\": 0.01, \"median_us\": 10.0, \"tokens_per_s\": 100000}'\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
    CliTest.Run r = CliTest.run("bench", "--compare", "--configs", "latency", "--threads-list", "1", "--steps", "300",
        "--repeat", "3", "--pytorch", fake.toString());
    assertThat(r.code()).as(r.err()).isZero();
    String[] lines = r.out().strip().split("\n");
    assertThat(lines).hasSize(5);
    assertThat(lines[0]).startsWith("machine: ").contains(Runtime.version().toString());
    assertThat(lines[2]).contains("| ratio | ratio range |");
    String[] cells = lines[4].split("\\|");
    assertThat(cells[1].strip()).isEqualTo("latency");
    assertThat(cells[4].strip()).isEqualTo("10.00 µs");
    double ours = Double.parseDouble(cells[5].strip());
    double ratio = Double.parseDouble(cells[7].strip().replace("×", ""));
    assertThat(ratio).isCloseTo(ours / 100000, org.assertj.core.api.Assertions.within(0.01));
  }

  /** --peak: the machine, a positive FMA peak, each config's products as a share of it, and the one-stream products' read rates (short rounds here). */
  @Test
  @SuppressWarnings("unchecked")
  void peakNamesTheMachineAndRatesEveryProductAgainstThePeak() throws Exception {
    System.setProperty("rnn4j.peak.round_ms", "5");
    try {
      CliTest.Run r = CliTest.run("bench", "--peak", "--json");
      assertThat(r.code()).as(r.err()).isZero();
      Map<String, Object> j = r.json();
      assertThat((String) j.get("machine")).contains("CPUs; ", Runtime.version().toString(), "floats");
      assertThat(((Number) j.get("peak_gflops")).doubleValue()).isPositive();
      List<Map<String, Object>> configs = (List<Map<String, Object>>) j.get("configs");
      assertThat(configs).extracting(c -> c.get("config")).containsExactly("charlm", "medium", "bidir", "simplernn", "gru");
      for (Map<String, Object> c : configs) {
        for (Map<String, Object> p : (List<Map<String, Object>>) c.get("products")) {
          assertThat(((Number) p.get("percent_of_peak")).doubleValue()).as("%s", p).isPositive();
        }
      }
      List<Map<String, Object>> oneStream = (List<Map<String, Object>>) j.get("one_stream");
      assertThat(oneStream).extracting(p -> p.get("k")).containsExactly(64, 128, 256, 512);
      for (Map<String, Object> p : oneStream) { // 16 H² bytes read per call of 8 H² FLOP
        int h = (Integer) p.get("k");
        assertThat(((Number) p.get("weight_kib")).intValue()).isEqualTo(16 * h * h / 1024);
        double us = ((Number) p.get("us_per_call")).doubleValue(), gbPerS = ((Number) p.get("gb_per_s")).doubleValue();
        assertThat(us * 1e-6 * gbPerS * 1e9).as("%s", p).isCloseTo(16.0 * h * h, org.assertj.core.api.Assertions.withinPercentage(1));
        assertThat(((Number) p.get("read_gb_per_s")).doubleValue()).as("%s", p).isPositive();
      }
    } finally {
      System.clearProperty("rnn4j.peak.round_ms");
    }
  }

  /** More threads than cores only wait for each other: --threads runs at most the available cores. */
  @Test
  void threadsAboveTheAvailableCoresRunTheAvailableCores() throws Exception {
    CliTest.Run r = CliTest.run("--threads", "64", "bench", "--config", "latency", "--steps", "100", "--warmup", "10", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(((Number) r.json().get("threads")).intValue()).isEqualTo(Math.min(64, Runtime.getRuntime().availableProcessors()));
  }

  /** rnn4j runs at most the available cores, so --compare refuses larger counts rather than label unlike runs alike. */
  @Test
  void threadCountsAboveTheAvailableCoresAreRefusedByCompare() throws Exception {
    int cores = Runtime.getRuntime().availableProcessors();
    CliTest.Run r = CliTest.run("bench", "--compare", "--threads-list", "1," + (cores + 1), "--pytorch", "true");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("error: --threads-list: expected thread counts from 1 to " + cores
        + " (the available cores), found " + (cores + 1));
  }

  @Test
  void badRepeatIsOneLineAndExitCode2() throws Exception {
    CliTest.Run r = CliTest.run("bench", "--compare", "--repeat", "0", "--pytorch", "true");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("error: --repeat: expected a count >= 1, found 0");
  }
  @Test
  void shapeOptionsChangeATrainingConfigAndShowInTheJson() throws Exception {
    CliTest.Run r = CliTest.run("bench", "--config", "charlm", "--hidden", "8", "--seq-len", "3", "--batch", "2", "--steps", "2",
        "--warmup", "1", "--threads", "1", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    Map<String, Object> j = r.json();
    assertThat(j).containsEntry("hidden", 8).containsEntry("seq_len", 3).containsEntry("batch", 2);
    long params = ((Number) j.get("params")).longValue();
    // LSTM 8 over 65 tokens and a Linear 65 head: 4·8·(65 + 8 + 1) + 65·(8 + 1), whatever the bias layout, at least that.
    assertThat(params).isGreaterThanOrEqualTo(4 * 8 * (65 + 8 + 1) + 65 * 9);
    // Weights, gradients and Adam's two moments, plus per step and sequence 7H LSTM activations and 2·65 output floats.
    assertThat(((Number) j.get("model_bytes")).longValue()).isEqualTo(4 * (4 * params + 3 * 2 * (7 * 8 + 2 * 65)));
  }

  @Test
  void badShapesAreOneLineAndExitCode2() {
    String[][] cases = {
        {"--config", "charlm", "--hidden", "0"}, {"--config", "gru", "--seq-len", "-3"},
        {"--config", "latency", "--batch", "4"}, {"--compare", "--hidden", "64"}, {"--curves", "--seq-len", "10"}};
    String[] messages = {
        "error: --hidden: expected a size >= 1, found 0",
        "error: --seq-len: expected a size >= 1, found -3",
        "error: --batch: expected a training config (charlm, medium, bidir, simplernn or gru), found --config latency",
        "error: --hidden: expected with --config and a training config only, found it with --compare",
        "error: --seq-len: expected with --config and a training config only, found it with --curves"};
    for (int i = 0; i < cases.length; i++) {
      String[] args = new String[cases[i].length + 1];
      args[0] = "bench";
      System.arraycopy(cases[i], 0, args, 1, cases[i].length);
      CliTest.Run r = CliTest.run(args);
      assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(r.err().strip()).isEqualTo(messages[i]);
    }
  }

  /** --rss: both sides' peak RSS through /usr/bin/time, the JVM's heap limit, and the model's bytes by arithmetic. */
  @Test
  void compareWithRssAddsThePeakMemoryOfBothSides() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(BenchCompare.TIME), "GNU time at /usr/bin/time");
    Path fake = dir.resolve("fake-pytorch");
    Files.writeString(fake, "#!/bin/sh\necho '{\"median_ms\": 10.0, \"tokens_per_s\": 100}'\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
    CliTest.Run r = CliTest.run("bench", "--compare", "--rss", "--configs", "bidir", "--threads-list", "1", "--steps", "1",
        "--pytorch", fake.toString());
    assertThat(r.code()).as(r.err()).isZero();
    String[] lines = r.out().strip().split("\n");
    assertThat(lines[1]).startsWith("rnn4j heap limit: ").contains(" MB");
    assertThat(lines[3]).endsWith("| rnn4j peak RSS MB | PyTorch peak RSS MB | model MB |");
    String[] cells = lines[5].split("\\|");
    assertThat(cells).hasSize(11);
    double ours = Double.parseDouble(cells[8].strip()), theirs = Double.parseDouble(cells[9].strip());
    assertThat(ours).as("a JVM's peak RSS in MB").isGreaterThan(20);
    assertThat(theirs).as("a shell's peak RSS in MB").isGreaterThan(0).isLessThan(ours);
    assertThat(Double.parseDouble(cells[10].strip())).isPositive();
  }
}
