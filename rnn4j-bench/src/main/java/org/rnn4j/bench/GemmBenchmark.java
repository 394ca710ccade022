package org.rnn4j.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.rnn4j.math.BlockedGemm;
import org.rnn4j.math.Gemm;
import org.rnn4j.math.Kernels;
import org.rnn4j.math.ParallelGemm;
import org.rnn4j.math.ScalarGemm;

/**
 * One SGEMM call per operation on the shapes our LSTM benchmark configs produce; GFLOP/s =
 * ops/s * 2*m*n*k / 1e9 (GemmReport prints that table from JMH's CSV output).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"}) // for the vector kernel
public class GemmBenchmark {

  /** name -> transA, transB, m, n, k. */
  public enum Shape {
    /** Input projection over all steps, T*B=3200 rows, 65 inputs, 4H=2048 gates. */
    proj_3200x65x2048(false, false, 3200, 2048, 65),
    proj_3200x512x2048(false, false, 3200, 2048, 512),
    /** Per-step recurrent product h(B, H) x W_hh^T, W_hh stored (4H, H). */
    rec_32x512x2048(false, true, 32, 2048, 512),
    rec_64x256x1024(false, true, 64, 1024, 256),
    rec_32x128x512(false, true, 32, 512, 128),
    /** Single-sequence latency. */
    rec_1x64x256(false, true, 1, 256, 64),
    /** Backward: dH = dG(32, 2048) x W_hh(2048, 512). */
    bwd_dH_32x2048x512(false, false, 32, 512, 2048),
    /** Weight gradient: dW = dG^T (2048 x 3200) x X (3200 x 512). */
    bwd_dW_2048x3200x512(true, false, 2048, 512, 3200);

    final boolean transA;
    final boolean transB;
    final int m;
    final int n;
    final int k;

    Shape(boolean transA, boolean transB, int m, int n, int k) {
      this.transA = transA;
      this.transB = transB;
      this.m = m;
      this.n = n;
      this.k = k;
    }

    public double flops() {
      return 2.0 * m * n * k;
    }
  }

  @Param
  public Shape shape;

  @Param({"scalar", "blocked", "parallel2", "vector"})
  public String kernel;

  private Gemm gemm;
  private float[] a;
  private float[] b;
  private float[] c;
  private int lda;
  private int ldb;

  @Setup(Level.Trial)
  public void setUp() {
    switch (kernel) {
      case "scalar":
        gemm = new ScalarGemm();
        break;
      case "blocked":
        gemm = new BlockedGemm();
        break;
      case "parallel2":
        gemm = new ParallelGemm(new BlockedGemm(), 2);
        break;
      case "vector":
        gemm = Kernels.create("vector");
        break;
      default:
        throw new IllegalArgumentException(kernel);
    }
    Random r = new Random(42);
    a = random(r, shape.m * shape.k);
    b = random(r, shape.k * shape.n);
    c = new float[shape.m * shape.n];
    lda = shape.transA ? shape.m : shape.k;
    ldb = shape.transB ? shape.k : shape.n;
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (gemm instanceof ParallelGemm) {
      ((ParallelGemm) gemm).close();
    }
  }

  private static float[] random(Random r, int len) {
    float[] x = new float[len];
    for (int i = 0; i < len; i++) {
      x[i] = r.nextFloat() - 0.5f;
    }
    return x;
  }

  @Benchmark
  public float[] gemm() {
    gemm.gemm(shape.transA, shape.transB, shape.m, shape.n, shape.k, 1f, a, 0, lda, b, 0, ldb,
        0f, c, 0, shape.n);
    return c;
  }
}
