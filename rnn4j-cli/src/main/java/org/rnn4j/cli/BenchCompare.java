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
 * With {@code rss} each run goes through /usr/bin/time, and the table adds each side's peak
 * resident memory (the process's maximum RSS: for rnn4j the whole JVM) beside the bytes the model
 * needs by arithmetic ({@link BenchCommand#modelBytes}).
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

  /** GNU time, which reports a command's maximum resident set size. */
  static final Path TIME = Path.of("/usr/bin/time");

  static void run(List<String> configs, List<Integer> threads, Integer steps, int repeat, String pytorch, boolean rss,
      PrintWriter out) throws IOException, InterruptedException {
    if (pytorch == null) {
      throw new IllegalArgumentException("--pytorch: expected a command like shared/bench/pytorch, found none "
          + "(no shared/bench/pytorch next to the project)");
    }
    if (rss && !Files.isExecutable(TIME)) {
      throw new IllegalArgumentException("--rss: expected GNU time at " + TIME + ", found none");
    }
    String range = repeat > 1 ? " ratio range |" : "";
    String rssHeader = rss ? " rnn4j peak RSS MB | PyTorch peak RSS MB | model MB |" : "";
    out.println("machine: " + PeakBench.machine()); // the peak: rnn bench --peak
    if (rss) {
      // The children run with this JVM's options, so with its heap limit.
      out.printf(java.util.Locale.ROOT, "rnn4j heap limit: %.0f MB (-Xmx, else the JVM's default: 1/4 of the memory)%n",
          Runtime.getRuntime().maxMemory() / 1e6);
    }
    out.println();
    out.println("| config | threads | rnn4j ms/step | PyTorch ms/step | rnn4j tokens/s | PyTorch tokens/s | ratio |" + range
        + rssHeader);
    out.println("|---|---|---|---|---|---|---|" + (repeat > 1 ? "---|" : "") + (rss ? "---|---|---|" : ""));
    out.flush();
    for (String config : configs) {
      for (int n : threads) {
        List<String> ours = rnn4jCommand("--config", config, "--threads", String.valueOf(n), "--json");
        List<String> theirs = new ArrayList<>(List.of(pytorch.split(" ")));
        theirs.addAll(List.of("--config", config, "--threads", String.valueOf(n), "--json"));
        if (steps != null) {
          ours.addAll(List.of("--steps", steps.toString()));
          theirs.addAll(List.of("--steps", steps.toString()));
        }
        boolean latency = config.startsWith("latency") || InferenceBench.CONFIGS.contains(config);
        String timeKey = latency ? "median_us" : "median_ms";
        // Alternate the two sides so slow phases of a shared machine hit both alike.
        double[][] runs = new double[repeat][6]; // tokens/s, median time and peak RSS MB, ours then theirs
        Map<String, Object> a = null;
        for (int i = 0; i < repeat; i++) {
          a = runJson(ours, rss);
          Map<String, Object> b = runJson(theirs, rss);
          runs[i] = new double[] {num(a, "tokens_per_s"), num(a, timeKey), num(b, "tokens_per_s"), num(b, timeKey),
              rss ? num(a, "peak_rss_mb") : 0, rss ? num(b, "peak_rss_mb") : 0};
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
        if (rss) {
          Object model = a.get("model_bytes");
          out.printf(java.util.Locale.ROOT, " %.0f | %.0f | %s |", median(runs, 4), median(runs, 5),
              model instanceof Number m ? String.format(java.util.Locale.ROOT, "%.1f", m.doubleValue() / 1e6) : "–");
        }
        out.println();
        out.flush();
      }
    }
  }

  /**
   * A command that runs {@code rnn <args>} in a fresh JVM with this process's class path and JVM
   * options (e.g. --add-modules jdk.incubator.vector from bin/rnn, and the heap limit).
   */
  static List<String> rnn4jCommand(String... args) {
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "bench"));
    command.addAll(List.of(args));
    return command;
  }

  /** The median of column k over the runs (the mean of the middle two for an even count). */
  private static double median(double[][] runs, int k) {
    double[] v = new double[runs.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = runs[i][k];
    }
    return median(v);
  }

  /** The median of {@code v} (the mean of the middle two for an even count); v is left as it was. */
  static double median(double[] v) {
    double[] s = v.clone();
    java.util.Arrays.sort(s);
    int mid = s.length / 2;
    return s.length % 2 == 1 ? s[mid] : 0.5 * (s[mid - 1] + s[mid]);
  }

  static double num(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (!(v instanceof Number)) {
      throw new IllegalStateException("benchmark output: expected a number for '" + key + "', found " + v);
    }
    return ((Number) v).doubleValue();
  }

  /**
   * Runs a command and parses the last line of its stdout as one JSON object; with {@code rss} the
   * command runs under /usr/bin/time and the object gets {@code peak_rss_mb}, the process's maximum
   * resident set size (a wrapper script must exec its program for this to be the program's).
   */
  static Map<String, Object> runJson(List<String> command, boolean rss) throws IOException, InterruptedException {
    Path timeOut = rss ? Files.createTempFile("rnn4j-rss", ".txt") : null;
    try {
      List<String> run = command;
      if (rss) {
        run = new ArrayList<>(List.of(TIME.toString(), "-f", "%M", "-o", timeOut.toString()));
        run.addAll(command);
      }
      Process p = new ProcessBuilder(run).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int code = p.waitFor();
      String[] lines = stdout.strip().split("\n");
      if (code != 0 || lines.length == 0 || !lines[lines.length - 1].startsWith("{")) {
        throw new IllegalStateException("benchmark command failed (exit " + code + "): " + String.join(" ", command));
      }
      Map<String, Object> result = new java.util.LinkedHashMap<>(JSON.std.mapFrom(lines[lines.length - 1]));
      if (rss) {
        List<String> time = Files.readAllLines(timeOut);
        result.put("peak_rss_mb", Long.parseLong(time.get(time.size() - 1).strip()) * 1024 / 1e6); // %M is in KiB
      }
      return result;
    } finally {
      if (timeOut != null) {
        Files.deleteIfExists(timeOut);
      }
    }
  }
}
