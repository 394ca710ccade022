package org.rnn4j.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.rnn4j.math.FmaLoop;
import org.rnn4j.math.Gemm;
import org.rnn4j.math.Kernels;
import org.rnn4j.math.PackedB;

/**
 * {@code rnn bench --peak}: the machine (CPU model, JDK, vector width), the core's FMA peak, and
 * the products of each training config's step at one thread in GFLOP/s and % of that peak. Every
 * figure is per CPU-second of the measuring thread, which a busy machine changes least.
 */
final class PeakBench {
  private static volatile double sink; // the work's results land here, so the JIT keeps the work

  private PeakBench() {}

  /** "AMD EPYC 9R14 96-Core Processor, 2 CPUs; OpenJDK 64-Bit Server VM 17.0.15+6; vectors of 16 floats". */
  static String machine() {
    String cpu = System.getProperty("os.arch");
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          cpu = line.substring(line.indexOf(':') + 1).trim();
          break;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: the architecture only
    }
    String vectors = Kernels.vectorApiAvailable() ? "vectors of " + Kernels.fmaLoop().lanes() + " floats" : "no Vector API";
    return cpu + ", " + Runtime.getRuntime().availableProcessors() + " CPUs; " + System.getProperty("java.vm.name") + " "
        + Runtime.version() + "; " + vectors;
  }

  /** Measures and prints; returns the figures for --json. */
  static Map<String, Object> run() {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("machine", machine());
    FmaLoop loop = Kernels.fmaLoop();
    double peak = best(() -> {
      long n = 4_000_000;
      float sink = loop.run(n);
      return new double[] {loop.flops(n), sink};
    });
    r.put("peak_gflops", peak);
    Gemm gemm = Kernels.create(null); // one thread
    List<Map<String, Object>> configs = new ArrayList<>();
    for (String name : List.of("charlm", "medium", "bidir", "simplernn", "gru")) {
      BenchCommand.BenchConfig c = BenchCommand.TRAIN.get(name);
      int g = gates(c.cell()) * c.hidden(), rows = c.t() * c.b();
      List<Map<String, Object>> products = new ArrayList<>();
      products.add(recurrent(gemm, c.b(), g, c.hidden(), peak));
      if (!c.tokens()) {
        products.add(product(gemm, "input projection x W_ih^T", false, true, rows, g, c.input(), peak));
      }
      products.add(product(gemm, "weight gradient dZ^T H", true, false, g, c.hidden(), rows, peak));
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("config", name);
      m.put("products", products);
      configs.add(m);
    }
    r.put("configs", configs);
    List<Map<String, Object>> oneStream = new ArrayList<>();
    for (int hidden : new int[] {64, 128, 256, 512}) {
      Map<String, Object> p = oneStream(gemm, hidden, peak);
      double readRate = readRate(loop, 4 * hidden * hidden);
      p.put("read_gb_per_s", readRate);
      p.put("percent_of_read", 100 * (double) p.get("gb_per_s") / readRate);
      oneStream.add(p);
    }
    r.put("one_stream", oneStream);
    return r;
  }

  /** GB/s at which the core reads an array of {@code floats} floats over and over (held in the cache that fits it). */
  private static double readRate(FmaLoop loop, int floats) {
    float[] a = random(new Random(2), floats);
    return best(() -> new double[] {4.0 * floats, loop.readSum(a)}); // "flops" here are bytes: GB/s
  }

  /**
   * One stream's recurrent product h (1, H) W_hh^T (H, 4H), packed, as sampling runs it per
   * character: it reads every weight once per call for 2 FLOP, so its ceiling is the rate at which
   * the core reads W_hh^T's bytes from the cache level that holds them (measured beside it).
   */
  private static Map<String, Object> oneStream(Gemm gemm, int hidden, double peak) {
    Map<String, Object> p = recurrent(gemm, 1, 4 * hidden, hidden, peak);
    double gflops = (double) p.get("gflops");
    p.put("weight_kib", 16L * hidden * hidden / 1024);
    p.put("gb_per_s", 2 * gflops); // 4 bytes per 2 FLOP
    p.put("us_per_call", 8.0 * hidden * hidden / gflops / 1e3);
    return p;
  }

  /** One product's shape (m x k x n) timed alone: GFLOP/s and % of the peak. */
  private static Map<String, Object> product(Gemm gemm, String what, boolean transA, boolean transB, int m, int n, int k,
      double peak) {
    Random rng = new Random(1);
    float[] a = random(rng, m * k), b = random(rng, k * n), c = new float[m * n];
    double gflops = best(() -> {
      gemm.gemm(transA, transB, m, n, k, 1f, a, 0, transA ? m : k, b, 0, transB ? k : n, 0f, c, 0, n);
      return new double[] {2.0 * m * n * k, c[0]};
    });
    return figures(what, m, k, n, gflops, peak);
  }

  private static Map<String, Object> figures(String what, int m, int k, int n, double gflops, double peak) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("product", what);
    p.put("m", m);
    p.put("k", k);
    p.put("n", n);
    p.put("gflops", gflops);
    p.put("percent_of_peak", 100 * gflops / peak);
    return p;
  }

  /** The per-step product h (B, H) W_hh^T with W_hh^T packed once, as the training step runs it over T steps. */
  private static Map<String, Object> recurrent(Gemm gemm, int m, int n, int k, double peak) {
    Random rng = new Random(1);
    float[] a = random(rng, m * k), w = random(rng, n * k), c = new float[m * n];
    PackedB packed = gemm.pack(true, n, k, w, 0, k);
    double gflops = best(() -> {
      gemm.gemm(false, m, 1f, a, 0, k, packed, 0f, c, 0, n);
      return new double[] {2.0 * m * n * k, c[0]};
    });
    return figures("recurrent h W_hh^T, packed", m, k, n, gflops, peak);
  }

  /** A call's work: {flops, a value that keeps the result live}. */
  private interface Work {
    double[] call();
  }

  /** The best of five rounds (after two warm-up rounds) of repeated calls, in GFLOP (or GB) per CPU-second. */
  private static double best(Work work) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    // CPU time per measured round: 150 ms (system property rnn4j.peak.round_ms, for quick tests).
    long roundNanos = Long.getLong("rnn4j.peak.round_ms", 150) * 1_000_000L;
    double best = 0, sum = 0;
    for (int round = -2; round < 5; round++) {
      long t0 = threads.getCurrentThreadCpuTime(), t;
      double flops = 0;
      do {
        double[] f = work.call();
        flops += f[0];
        sum += f[1];
        t = threads.getCurrentThreadCpuTime() - t0;
      } while (t < roundNanos);
      if (round >= 0) {
        best = Math.max(best, flops / t);
      }
    }
    sink = sum;
    return best;
  }

  private static int gates(String cell) {
    return switch (cell) {
      case "lstm" -> 4;
      case "gru" -> 3;
      default -> 1;
    };
  }

  private static float[] random(Random rng, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = rng.nextFloat() - 0.5f;
    }
    return x;
  }
}
