package org.rnn4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.rnn4j.math.Gemm;
import org.rnn4j.math.Kernels;
import org.rnn4j.math.PackedB;

/**
 * Single-threaded GFLOP/s per CPU-second of the calling thread, for a machine shared with other
 * work: wall-clock throughput (JMH) then mostly measures the scheduler, while thread CPU time
 * still measures the kernel (caches shared with other processes still cost something).
 * {@code java [--add-modules jdk.incubator.vector] -cp target/benchmarks.jar
 * org.rnn4j.bench.GemmCpuTime [scalar|blocked|vector][+pack]...}; {@code +pack} packs B once and
 * times the packed product (what a recurrent layer does every step).
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
        boolean packed = name.endsWith("+pack");
        Gemm g = Kernels.create(packed ? name.substring(0, name.length() - 5) : name);
        PackedB pb = packed ? g.pack(s.transB, s.n, s.k, b, 0, ldb) : null;
        // 7 slices of >= 0.3 CPU-seconds each; the first ones include JIT warm-up, so report the
        // median.
        double[] gflops = new double[7];
        for (int rep = 0; rep < gflops.length; rep++) {
          long t0 = mx.getCurrentThreadCpuTime();
          long t;
          int it = 0;
          do {
            if (packed) {
              g.gemm(s.transA, s.m, 1f, a, 0, lda, pb, 0f, c, 0, s.n);
            } else {
              g.gemm(s.transA, s.transB, s.m, s.n, s.k, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, s.n);
            }
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
