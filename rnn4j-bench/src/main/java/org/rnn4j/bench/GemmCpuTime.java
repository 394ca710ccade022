package org.rnn4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.rnn4j.math.BlockedGemm;
import org.rnn4j.math.Gemm;
import org.rnn4j.math.ScalarGemm;

/**
 * Single-threaded GFLOP/s per CPU-second of the calling thread, for a machine shared with other
 * work: wall-clock throughput (JMH) then mostly measures the scheduler, while thread CPU time
 * still measures the kernel (caches shared with other processes still cost something).
 * {@code java -cp target/benchmarks.jar org.rnn4j.bench.GemmCpuTime [scalar|blocked]...}
 */
public final class GemmCpuTime {
  private GemmCpuTime() {}

  public static void main(String[] args) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    String[] kernels = args.length > 0 ? args : new String[] {"scalar", "blocked"};
    StringBuilder out = new StringBuilder("| shape |");
    for (String k : kernels) {
      out.append(' ').append(k).append(" |");
    }
    out.append("\n|---|");
    for (String k : kernels) {
      out.append("---:|");
    }
    out.append('\n');
    Random r = new Random(42);
    for (GemmBenchmark.Shape s : GemmBenchmark.Shape.values()) {
      out.append("| ").append(s.name()).append(" |");
      float[] a = new float[s.m * s.k];
      float[] b = new float[s.k * s.n];
      float[] c = new float[s.m * s.n];
      for (int i = 0; i < a.length; i++) {
        a[i] = r.nextFloat() - 0.5f;
      }
      for (int i = 0; i < b.length; i++) {
        b[i] = r.nextFloat() - 0.5f;
      }
      int lda = s.transA ? s.m : s.k;
      int ldb = s.transB ? s.k : s.n;
      for (String name : kernels) {
        Gemm g = name.equals("scalar") ? new ScalarGemm() : new BlockedGemm();
        // 7 slices of >= 0.3 CPU-seconds each; the first ones include JIT warm-up, so report the
        // median.
        double[] gflops = new double[7];
        for (int rep = 0; rep < gflops.length; rep++) {
          long t0 = mx.getCurrentThreadCpuTime();
          long t;
          int it = 0;
          do {
            g.gemm(s.transA, s.transB, s.m, s.n, s.k, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, s.n);
            it++;
            t = mx.getCurrentThreadCpuTime() - t0;
          } while (t < 300_000_000L);
          gflops[rep] = s.flops() * it / t;
        }
        Arrays.sort(gflops);
        out.append(String.format(Locale.ROOT, " %.1f |", gflops[gflops.length / 2]));
      }
      out.append('\n');
      System.out.print(out);
      out.setLength(0);
    }
  }
}
