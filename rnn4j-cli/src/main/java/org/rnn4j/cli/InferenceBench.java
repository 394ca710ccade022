package org.rnn4j.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.rnn4j.lm.CharModel;
import org.rnn4j.lm.TokenChooser;
import org.rnn4j.math.Gemm;
import org.rnn4j.math.Kernels;
import org.rnn4j.math.PackedB;
import org.rnn4j.math.Rng;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.PackedModel;
import org.rnn4j.model.RnnModel;
import org.rnn4j.model.Stepper;

/**
 * The inference benchmarks of {@code rnn bench}, on the streaming path as the commands run it,
 * with seeded random weights and data (the times do not depend on the values):
 *
 * <ul>
 *   <li>{@code sample}: the default character model's shape, tokens (62) → LSTM 256 → Linear 62;
 *       per character one step and one draw (temperature 0.8, all symbols), fed back; N streams
 *       at once with {@code --streams} (default 1), as {@code rnn sample --num-samples N};
 *   <li>{@code eval}: the same model reading B streams (default 32) in calls of T = 4096/B steps
 *       with the log-probability of every next character summed, as {@code rnn eval --streams B};
 *   <li>{@code predict}: a forecaster, dense 1 → GRU 32 → Linear 1, each output fed back as the
 *       next input, as {@code rnn predict} continues a series.
 * </ul>
 *
 * Every call is timed on its own; reported: median, p10, p90 and p99 per step (eval: a call's
 * time / T), throughput (per median step, over the whole timed run, and per CPU-second of the
 * calling thread), bytes the JVM allocated per timed step, and the weight bytes a step streams
 * through the core (one stream's memory-bandwidth floor).
 */
final class InferenceBench {
  static final List<String> CONFIGS = List.of("sample", "eval", "predict");
  static final int VOCABULARY = 62, LM_HIDDEN = 256, PREDICT_HIDDEN = 32;

  private InferenceBench() {}

  /** Runs {@code config}, adding its figures to {@code r}. */
  static void run(String config, Integer steps, Integer warmup, Integer streams, long seed, Map<String, Object> r) {
    switch (config) {
      case "sample" -> sample(orDefault(steps, 20000), orDefault(warmup, 20000), orDefault(streams, 1), seed, r);
      case "eval" -> eval(orDefault(steps, 30), orDefault(warmup, 10), orDefault(streams, 32), seed, r);
      case "predict" -> predict(orDefault(steps, 200000), orDefault(warmup, 500000), seed, r);
      default -> throw new IllegalArgumentException("inference benchmark: expected " + CONFIGS + ", found '" + config + "'");
    }
  }

  private static void sample(int steps, int warmup, int n, long seed, Map<String, Object> r) {
    RnnModel model = new RnnModel(CharModel.config("lstm", VOCABULARY, LM_HIDDEN, 1, 0), seed);
    PackedModel packed = model.packed();
    Stepper stepper = packed.stepper(n);
    TokenChooser chooser = new TokenChooser(0.8, 0, VOCABULARY);
    Rng rng = new Rng(seed);
    float[] next = new float[n];
    double[] ns = new double[steps];
    long allocated = 0, cpu = 0;
    for (int i = -warmup; i < steps; i++) {
      if (i == 0) {
        allocated = BenchCommand.allocatedBytes();
        cpu = cpuNanos();
      }
      long t0 = System.nanoTime();
      float[] z = stepper.stepLogits(next);
      for (int s = 0; s < n; s++) {
        next[s] = chooser.choose(z, s * VOCABULARY, rng);
      }
      if (i >= 0) {
        ns[i] = System.nanoTime() - t0;
      }
    }
    r.put("cpu_tokens_per_s", (double) n * steps / ((cpuNanos() - cpu) / 1e9));
    r.put("alloc_bytes_per_step", (double) (BenchCommand.allocatedBytes() - allocated) / steps);
    summarise(ns, 1, n, r);
    r.put("streams", n);
    r.put("weight_bytes_per_step", weightBytes(model));
    r.put("weights_gb_per_s", weightBytes(model) / ((double) r.get("median_us") * 1e3));
    r.put("draws_decided_by_sorting", chooser.fallbacks());
    r.put("draws", chooser.draws());
    r.put("recurrent_product_median_us", recurrentProduct(model, n, steps, warmup));
  }

  /**
   * The median µs of the step's largest part alone: h_{t−1} (N, H) times the packed W_hh^T
   * (H, G), 1 MiB of weights for H = 256, which one stream reads from the caches at every step.
   */
  private static double recurrentProduct(RnnModel model, int n, int steps, int warmup) {
    int h = model.config().hiddenSize(), g = 4 * h;
    Gemm gemm = Kernels.gemm();
    PackedB whh = gemm.pack(true, g, h, model.parameters().values(), model.parameters().get("weight_hh_l0").offset(), h);
    float[] state = new float[n * h], out = new float[n * g];
    double[] ns = new double[steps];
    for (int i = -warmup; i < steps; i++) {
      state[(i & 0xff) % state.length] = out[(i & 0x3ff) % out.length] * 1e-3f; // a new h every step
      long t0 = System.nanoTime();
      gemm.gemm(false, n, 1f, state, 0, h, whh, 0f, out, 0, g);
      if (i >= 0) {
        ns[i] = System.nanoTime() - t0;
      }
    }
    Arrays.sort(ns);
    return BenchCommand.percentile(ns, 50) / 1e3;
  }

  private static void eval(int calls, int warmup, int b, long seed, Map<String, Object> r) {
    RnnModel model = new RnnModel(CharModel.config("lstm", VOCABULARY, LM_HIDDEN, 1, 0), seed);
    Stepper stepper = model.packed().stepper(b);
    int t = Math.max(16, 4096 / b);
    Random rng = new Random(seed);
    int[] tokens = new int[(t + 1) * b]; // (T + 1, B): inputs and next characters
    float[] x = new float[t * b];
    for (int i = 0; i < tokens.length; i++) {
      tokens[i] = rng.nextInt(VOCABULARY);
    }
    for (int i = 0; i < x.length; i++) {
      x[i] = tokens[i];
    }
    double[] ns = new double[calls];
    double nats = 0;
    long allocated = 0, cpu = 0;
    for (int c = -warmup; c < calls; c++) {
      if (c == 0) {
        allocated = BenchCommand.allocatedBytes();
        cpu = cpuNanos();
      }
      long t0 = System.nanoTime();
      float[] p = stepper.run(x, t);
      for (int row = 0; row < t * b; row++) { // as BitsPerCharacter scores every position
        nats -= Math.log(Math.max(p[row * VOCABULARY + tokens[row + b]], Float.MIN_VALUE));
      }
      if (c >= 0) {
        ns[c] = System.nanoTime() - t0;
      }
    }
    r.put("cpu_tokens_per_s", (double) calls * t * b / ((cpuNanos() - cpu) / 1e9));
    r.put("alloc_bytes_per_step", (double) (BenchCommand.allocatedBytes() - allocated) / calls / t);
    summarise(ns, t, b, r);
    r.put("streams", b);
    r.put("T", t);
    r.put("bits_per_character", nats / ((double) (calls + warmup) * t * b) / Math.log(2)); // keeps the sum alive
  }

  private static void predict(int steps, int warmup, long seed, Map<String, Object> r) {
    ModelConfig c = ModelConfig.builder().cell("gru").inputSize(1).hiddenSize(PREDICT_HIDDEN).outputSize(1).build();
    RnnModel model = new RnnModel(c, seed);
    Stepper stepper = model.packed().stepper(1);
    float[] fed = new float[1];
    double[] ns = new double[steps];
    long allocated = 0, cpu = 0;
    for (int i = -warmup; i < steps; i++) {
      if (i == 0) {
        allocated = BenchCommand.allocatedBytes();
        cpu = cpuNanos();
      }
      long t0 = System.nanoTime();
      fed[0] = stepper.step(fed)[0];
      if (i >= 0) {
        ns[i] = System.nanoTime() - t0;
      }
    }
    r.put("cpu_tokens_per_s", steps / ((cpuNanos() - cpu) / 1e9));
    r.put("alloc_bytes_per_step", (double) (BenchCommand.allocatedBytes() - allocated) / steps);
    summarise(ns, 1, 1, r);
    r.put("streams", 1);
    r.put("weight_bytes_per_step", weightBytes(model));
  }

  /**
   * Per-step percentiles (a call of T steps counts as T steps of its time / T) and throughput:
   * B units per median step (tokens_per_s, as for training), and over the total time of the
   * timed calls (wall_tokens_per_s, which a busy machine's pauses lower).
   */
  private static void summarise(double[] nsPerCall, int t, int b, Map<String, Object> r) {
    double total = 0;
    double[] us = new double[nsPerCall.length];
    for (int i = 0; i < us.length; i++) {
      total += nsPerCall[i];
      us[i] = nsPerCall[i] / 1e3 / t;
    }
    Arrays.sort(us);
    double median = BenchCommand.percentile(us, 50);
    r.put("median_us", median);
    r.put("p10_us", BenchCommand.percentile(us, 10));
    r.put("p90_us", BenchCommand.percentile(us, 90));
    r.put("p99_us", BenchCommand.percentile(us, 99));
    r.put("median_ms", median / 1e3);
    r.put("tokens_per_s", b / (median / 1e6));
    r.put("wall_tokens_per_s", (double) t * b * nsPerCall.length / (total / 1e9));
    r.put("steps", nsPerCall.length);
  }

  /** The weights one step reads: W_hh and (dense) W_ih packed, one row of a token table, the head. */
  private static long weightBytes(RnnModel model) {
    ModelConfig c = model.config();
    long g = (long) model.stack().units().get(0).cell().gates() * c.hiddenSize();
    long input = c.tokenInput() ? g : g * c.inputSize();
    return 4 * (g * c.hiddenSize() + input + 2 * g + (long) c.outputSize() * (c.hiddenSize() + 1));
  }

  /**
   * CPU time of the calling thread: throughput per CPU-second (cpu_tokens_per_s) is what a busy
   * machine changes least; with --threads 1 the calling thread does all the work.
   */
  private static long cpuNanos() {
    return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  private static int orDefault(Integer value, int fallback) {
    return value != null ? value : fallback;
  }
}
