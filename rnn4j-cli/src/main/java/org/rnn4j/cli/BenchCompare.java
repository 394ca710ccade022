package org.rnn4j.cli;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs rnn4j and PyTorch side by side, one after the other per config and thread count, each in
 * a fresh process, and prints a Markdown table with the ratio rnn4j tokens/s ÷ PyTorch tokens/s.
 * The PyTorch side is any command with the CLI of shared/bench/pytorch. With a repeat count above
 * 1 each cell runs that many times, the two sides alternating, and the table shows the medians.
 */
final class BenchCompare {
  private BenchCompare() {}

  /** The default PyTorch command: shared/bench/pytorch next to the project, when it exists. */
  static String defaultPytorch() {
    Path here = Path.of(System.getProperty("rnn4j.home", ".")).toAbsolutePath();
    for (Path p = here; p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared/bench/pytorch");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return null;
  }

  static void run(List<String> configs, List<Integer> threads, Integer steps, int repeat, String pytorch,
      PrintWriter out) throws IOException, InterruptedException {
    if (pytorch == null) {
      throw new IllegalArgumentException("--pytorch: expected a command like shared/bench/pytorch, found none "
          + "(no shared/bench/pytorch next to the project)");
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    String cp = System.getProperty("java.class.path");
    String range = repeat > 1 ? " ratio range |" : "";
    out.println("machine: " + PeakBench.machine()); // the peak: rnn bench --peak
    out.println();
    out.println("| config | threads | rnn4j ms/step | PyTorch ms/step | rnn4j tokens/s | PyTorch tokens/s | ratio |" + range);
    out.println("|---|---|---|---|---|---|---|" + (repeat > 1 ? "---|" : ""));
    out.flush();
    for (String config : configs) {
      for (int n : threads) {
        // The same JVM options as this process (e.g. --add-modules jdk.incubator.vector from bin/rnn).
        List<String> ours = new ArrayList<>(List.of(java));
        ours.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        ours.addAll(List.of("-cp", cp, Main.class.getName(), "bench", "--config", config, "--threads", String.valueOf(n),
            "--json"));
        List<String> theirs = new ArrayList<>(List.of(pytorch.split(" ")));
        theirs.addAll(List.of("--config", config, "--threads", String.valueOf(n), "--json"));
        if (steps != null) {
          ours.addAll(List.of("--steps", steps.toString()));
          theirs.addAll(List.of("--steps", steps.toString()));
        }
        boolean latency = config.startsWith("latency") || InferenceBench.CONFIGS.contains(config);
        String timeKey = latency ? "median_us" : "median_ms";
        // Alternate the two sides so slow phases of a shared machine hit both alike.
        double[][] runs = new double[repeat][4]; // tokens/s and median time, ours then theirs
        for (int i = 0; i < repeat; i++) {
          Map<String, Object> a = runJson(ours);
          Map<String, Object> b = runJson(theirs);
          runs[i] = new double[] {num(a, "tokens_per_s"), num(a, timeKey), num(b, "tokens_per_s"), num(b, timeKey)};
        }
        double ta = median(runs, 0), ma = median(runs, 1), tb = median(runs, 2), mb = median(runs, 3);
        String unit = latency ? " µs" : "";
        out.printf("| %s | %d | %.2f%s | %.2f%s | %.0f | %.0f | %.2f× |", config, n, ma, unit, mb, unit, ta, tb, ta / tb);
        if (repeat > 1) {
          double lo = Double.MAX_VALUE, hi = 0;
          for (double[] r : runs) {
            lo = Math.min(lo, r[0] / r[2]);
            hi = Math.max(hi, r[0] / r[2]);
          }
          out.printf(" %.2f–%.2f× |", lo, hi);
        }
        out.println();
        out.flush();
      }
    }
  }

  /** The median of column k over the runs (the mean of the middle two for an even count). */
  private static double median(double[][] runs, int k) {
    double[] v = new double[runs.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = runs[i][k];
    }
    java.util.Arrays.sort(v);
    int mid = v.length / 2;
    return v.length % 2 == 1 ? v[mid] : 0.5 * (v[mid - 1] + v[mid]);
  }

  private static double num(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (!(v instanceof Number)) {
      throw new IllegalStateException("benchmark output: expected a number for '" + key + "', found " + v);
    }
    return ((Number) v).doubleValue();
  }

  /** Runs a command and parses the last line of its stdout as one JSON object. */
  private static Map<String, Object> runJson(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = p.waitFor();
    String[] lines = stdout.strip().split("\n");
    if (code != 0 || lines.length == 0 || !lines[lines.length - 1].startsWith("{")) {
      throw new IllegalStateException("benchmark command failed (exit " + code + "): " + String.join(" ", command));
    }
    return JSON.std.mapFrom(lines[lines.length - 1]);
  }
}
