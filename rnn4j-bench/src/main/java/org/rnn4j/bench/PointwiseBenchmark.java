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
import org.rnn4j.cell.LstmCell;
import org.rnn4j.cell.Step;
import org.rnn4j.math.Kernels;
import org.rnn4j.math.Pointwise;
import org.rnn4j.math.ScalarPointwise;

/**
 * The time loop's elementwise kernels: σ, tanh and the running sum over one LSTM row of gates
 * (4H = 2048 floats), scalar against vector, and one whole LSTM cell step (forward then
 * backward, B = 32, H = 512) with the default kernels; run it again with {@code -jvmArgsAppend
 * -Drnn4j.pointwise=scalar} for the scalar cell. Time per operation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Fork(jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class PointwiseBenchmark {
  private static final int N = 2048;
  private static final int B = 32;
  private static final int H = 512;

  @Param({"scalar", "vector"})
  public String impl;

  private Pointwise pointwise;
  private float[] x;
  private float[] y;
  private final LstmCell cell = new LstmCell(false);
  private final Step step = new Step();
  private float[] dh0;
  private float[] dc0;

  @Setup(Level.Trial)
  public void setUp() {
    pointwise = impl.equals("scalar") ? new ScalarPointwise() : Kernels.createPointwise("vector");
    Random r = new Random(1);
    x = random(r, N, 4f);
    y = new float[N];
    step.batch = B;
    step.hidden = H;
    step.xp = random(r, B * 4 * H, 2f);
    step.hp = new float[B * 4 * H];
    step.h = new float[2 * B * H];
    step.c = random(r, 2 * B * H, 1f);
    step.hNext = B * H;
    step.cNext = B * H;
    step.cache = new float[B * 5 * H];
    dh0 = random(r, B * H, 1f);
    dc0 = random(r, B * H, 1f);
    step.dh = dh0.clone();
    step.dc = dc0.clone();
    step.dxp = new float[B * 4 * H];
    step.dhp = new float[B * 4 * H];
  }

  private static float[] random(Random r, int n, float scale) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) r.nextGaussian() * scale;
    }
    return a;
  }

  @Benchmark
  public float[] sigmoid() {
    pointwise.sigmoid(x, 0, y, 0, N);
    return y;
  }

  @Benchmark
  public float[] tanh() {
    pointwise.tanh(x, 0, y, 0, N);
    return y;
  }

  @Benchmark
  public float[] addTo() {
    pointwise.addTo(x, 0, y, 0, N);
    return y;
  }

  /**
   * The step reads what it wrote last time (hp, dh, dc): restore them, or repeated calls drift
   * into subnormal floats and time those.
   */
  @Setup(Level.Invocation)
  public void restoreStep() {
    java.util.Arrays.fill(step.hp, 0f);
    System.arraycopy(dh0, 0, step.dh, 0, dh0.length);
    System.arraycopy(dc0, 0, step.dc, 0, dc0.length);
  }

  /** One LSTM step forward and backward with the default kernels (impl does not apply). */
  @Benchmark
  public float[] lstmStep() {
    cell.forward(step);
    cell.backward(step);
    return step.dxp;
  }
}
