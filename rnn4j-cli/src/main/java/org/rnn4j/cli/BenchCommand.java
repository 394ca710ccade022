package org.rnn4j.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.rnn4j.math.Kernels;
import org.rnn4j.model.Batch;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.model.Stepper;
import org.rnn4j.optim.Adam;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.train.TrainConfig;
import org.rnn4j.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true,
    header = "Time training steps and inference steps, side by side with PyTorch.",
    description = {"Time full training steps (forward, loss, backward, Adam) on random data, or",
        "single inference steps, with the configs of shared/bench/pytorch:",
        "  charlm     tokens(65) -> LSTM 512, T=100, B=32, Linear 65 + softmax CE",
        "  medium     dense 128 -> 2-layer LSTM 256, T=50, B=64, Linear 128 + MSE",
        "  bidir      dense 64 -> BiLSTM 128, T=100, B=32, Linear 256->10 + CE",
        "  simplernn  as charlm with a tanh Elman RNN 512",
        "  gru        as charlm with GRU 512",
        "  (--hidden H, --seq-len T and --batch B change a training config's shape)",
        "  latency    one LSTM(32->64) step, B=1, state carried (median/p99 us)",
        "  sample     tokens(62) -> LSTM 256 -> Linear 62, one step and one draw per",
        "             character; --streams N samples at once",
        "  eval       the same model scoring --streams B (default 32) parallel streams,",
        "             T = 4096/B steps per call",
        "  predict    dense 1 -> GRU 32 -> Linear 1, each output fed back (forecasting)",
        "Prints median/p10/p90 ms per step, tokens/s = T*B / median, and the MB the JVM",
        "allocated per timed training step (all threads): about 0, more when the JIT",
        "left vectors boxed on the heap."})
final class BenchCommand implements Callable<Integer> {
  @Option(names = "--config", description = "charlm, medium, bidir, simplernn, gru, latency, sample, eval or predict.")
  String config;

  @Option(names = "--compare", description = "Run rnn4j and PyTorch side by side over --configs and --threads-list; print a table.")
  boolean compare;

  @Option(names = "--configs", split = ",", defaultValue = "charlm,medium,bidir,simplernn,gru,latency",
      description = "Configs for --compare (default: ${DEFAULT-VALUE}).")
  List<String> configs;

  @Option(names = "--threads-list", split = ",", defaultValue = "1,2", description = "Thread counts for --compare (default: ${DEFAULT-VALUE}).")
  List<Integer> threadsList;

  @Option(names = "--repeat", defaultValue = "1",
      description = "With --compare: run each cell this many times, alternating rnn4j and PyTorch; the table shows "
          + "the medians and the range of the ratios (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Option(names = "--pytorch", description = "PyTorch benchmark command for --compare (default: shared/bench/pytorch next to the project).")
  String pytorch;

  @Option(names = "--rss", description = "With --compare: also each side's peak resident memory (the process's maximum RSS,"
      + " measured by /usr/bin/time) and the bytes the model itself needs, by arithmetic.")
  boolean rss;

  @Option(names = "--hidden", paramLabel = "H", description = "With a training config: hidden units instead of the config's.")
  Integer hidden;

  @Option(names = "--seq-len", paramLabel = "T", description = "With a training config: time steps instead of the config's.")
  Integer seqLen;

  @Option(names = "--batch", paramLabel = "B", description = "With a training config: sequences per batch instead of the config's.")
  Integer batch;

  @Option(names = "--curves", description = "Sweep charlm's H, T and B, rnn4j and PyTorch one after the other per point; write"
      + " cost-H.png, cost-T.png, cost-B.png and curves.json to --out.")
  boolean curves;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "bench-curves",
      description = "With --curves: the folder for the plots and curves.json (default: ${DEFAULT-VALUE}).")
  java.nio.file.Path out;

  @Option(names = "--curves-json", paramLabel = "FILE", description = "With --curves: plot the points of a curves.json"
      + " written before, into --out, instead of measuring.")
  java.nio.file.Path curvesJson;

  @Option(names = "--pytorch-curve", paramLabel = "CMD", description = "PyTorch command for --curves (default:"
      + " rnn4j-bench/python/pytorch-curve in the project).")
  String pytorchCurve;

  @Option(names = "--steps", description = "Timed steps (default 20 for training, 20000 for latency and sample, 30 calls for eval,"
      + " 200000 for predict).")
  Integer steps;

  @Option(names = "--warmup", description = "Untimed warm-up steps (default 5 for training, 20000 for latency).")
  Integer warmup;

  @Option(names = "--streams", paramLabel = "N",
      description = "sample: samples generated at once (default 1); eval: parallel streams (default 32).")
  Integer streams;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of the weights and data (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--peak", description = "Measure the core's FMA peak and each training config's products at one thread"
      + " (GFLOP per CPU-second and %% of the peak) and one stream's h W_hh^T against the core's read rate, and print"
      + " the machine: CPU model, JDK, vector width.")
  boolean peak;

  @Option(names = "--json", description = "Print one JSON line.")
  boolean json;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @SuppressWarnings("unchecked")
  private void printPeak(Map<String, Object> r) {
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.line(r));
      return;
    }
    double peakGflops = (double) r.get("peak_gflops");
    out.printf(java.util.Locale.ROOT, "machine: %s%nFMA peak: %.1f GFLOP/s per core (%d chains of FMAs, per CPU-second)%n",
        r.get("machine"), peakGflops, org.rnn4j.math.FmaLoop.CHAINS);
    for (Map<String, Object> c : (List<Map<String, Object>>) r.get("configs")) {
      for (Map<String, Object> p : (List<Map<String, Object>>) c.get("products")) {
        out.printf(java.util.Locale.ROOT, "%-9s %-28s (%d x %d x %d): %6.1f GFLOP/s, %3.0f %% of peak%n", c.get("config"),
            p.get("product"), p.get("m"), p.get("k"), p.get("n"), p.get("gflops"), p.get("percent_of_peak"));
      }
    }
    for (Map<String, Object> p : (List<Map<String, Object>>) r.get("one_stream")) {
      out.printf(java.util.Locale.ROOT, "one stream h W_hh^T (1 x %d x %d), %4d KiB of weights: %6.2f us, %5.1f GB/s, %3.0f %% of"
          + " the %5.1f GB/s a plain read of as many bytes reaches (%2.0f %% of peak)%n", p.get("k"), p.get("n"), p.get("weight_kib"),
          p.get("us_per_call"), p.get("gb_per_s"), p.get("percent_of_read"), p.get("read_gb_per_s"), p.get("percent_of_peak"));
    }
  }

  /** A training benchmark: model and data shape. */
  record BenchConfig(String cell, boolean tokens, int input, int hidden, int layers, boolean bidirectional, int t,
      int b, String loss, int out) {}

  static final Map<String, BenchConfig> TRAIN = Map.of(
      "charlm", new BenchConfig("lstm", true, 65, 512, 1, false, 100, 32, "ce", 65),
      "medium", new BenchConfig("lstm", false, 128, 256, 2, false, 50, 64, "mse", 128),
      "bidir", new BenchConfig("lstm", false, 64, 128, 1, true, 100, 32, "ce", 10),
      "simplernn", new BenchConfig("elman", true, 65, 512, 1, false, 100, 32, "ce", 65),
      "gru", new BenchConfig("gru", true, 65, 512, 1, false, 100, 32, "ce", 65));

  /** The config with the shape options applied; a message naming the option for a size below 1. */
  static BenchConfig shaped(BenchConfig c, Integer hidden, Integer seqLen, Integer batch) {
    return new BenchConfig(c.cell(), c.tokens(), c.input(), size("--hidden", hidden, c.hidden()), c.layers(),
        c.bidirectional(), size("--seq-len", seqLen, c.t()), size("--batch", batch, c.b()), c.loss(), c.out());
  }

  private static int size(String option, Integer given, int otherwise) {
    if (given == null) {
      return otherwise;
    }
    if (given < 1) {
      throw new IllegalArgumentException(option + ": expected a size >= 1, found " + given);
    }
    return given;
  }

  /** The first shape option given, or null. */
  private String shapeOption() {
    return hidden != null ? "--hidden" : seqLen != null ? "--seq-len" : batch != null ? "--batch" : null;
  }

  private boolean given(String option) {
    return spec.commandLine().getParseResult().hasMatchedOption(option);
  }

  /** Refuses {@code option} given without the mode it serves. */
  private void requireWith(String option, boolean mode, String modeName) {
    if (given(option) && !mode) {
      throw new IllegalArgumentException(option + ": expected with " + modeName + ", found it without");
    }
  }

  @Override
  public Integer call() throws Exception {
    String shape = shapeOption();
    if (shape != null && (compare || curves || peak)) {
      throw new IllegalArgumentException(shape + ": expected with --config and a training config only, found it with "
          + (compare ? "--compare" : curves ? "--curves" : "--peak"));
    }
    if (repeat < 1) {
      throw new IllegalArgumentException("--repeat: expected a count >= 1, found " + repeat);
    }
    List<String> modes = new java.util.ArrayList<>();
    for (String mode : List.of("--compare", "--curves", "--peak")) {
      if (given(mode)) {
        modes.add(mode);
      }
    }
    if (modes.size() > 1) {
      throw new IllegalArgumentException(String.join(", ", modes) + ": expected one of --compare, --curves and --peak, found "
          + modes.size());
    }
    requireWith("--rss", compare, "--compare");
    requireWith("--threads-list", compare, "--compare");
    requireWith("--out", curves, "--curves");
    requireWith("--pytorch-curve", curves, "--curves");
    if (compare) {
      // rnn4j runs at most the available cores: a larger count would compare unlike runs under one label
      int cores = Runtime.getRuntime().availableProcessors();
      for (int n : threadsList) {
        if (given("--threads-list") && (n < 1 || n > cores)) {
          throw new IllegalArgumentException("--threads-list: expected thread counts from 1 to " + cores
              + " (the available cores), found " + n);
        }
      }
      List<Integer> counts = threadsList.stream().filter(n -> n <= cores).toList(); // the default 1,2 on one core: 1
      BenchCompare.run(configs, counts, steps, repeat, pytorch != null ? pytorch : BenchCompare.defaultPytorch(),
          rss, spec.commandLine().getOut());
      return 0;
    }
    if (curvesJson != null && !curves) {
      throw new IllegalArgumentException("--curves-json: expected with --curves, found it without");
    }
    if (curves && curvesJson != null) {
      CostCurves.write(CostCurves.read(curvesJson), out);
      spec.commandLine().getOut().println("wrote cost-H.png, cost-T.png and cost-B.png to " + out);
      return 0;
    }
    if (curves) {
      CostCurves.run(Kernels.threads(), repeat, pytorchCurve != null ? pytorchCurve : CostCurves.defaultPytorchCurve(),
          out, spec.commandLine().getOut(), spec.commandLine().getErr());
      return 0;
    }
    if (peak) {
      printPeak(PeakBench.run());
      return 0;
    }
    if (config == null) {
      throw new IllegalArgumentException("--config: expected charlm, medium, bidir, simplernn, gru, latency, sample, eval or"
          + " predict, found none");
    }
    int threads = Kernels.threads(); // set from --threads by Main
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("config", config);
    r.put("threads", threads);
    r.put("machine", PeakBench.machine());
    if (shape != null && !TRAIN.containsKey(config)) {
      throw new IllegalArgumentException(shape + ": expected a training config (charlm, medium, bidir, simplernn or gru),"
          + " found --config " + config);
    }
    if (config.equals("latency")) {
      latency(r);
    } else if (InferenceBench.CONFIGS.contains(config)) {
      InferenceBench.run(config, steps, warmup, streams, seed, r);
    } else {
      BenchConfig c = TRAIN.get(config);
      if (c == null) {
        throw new IllegalArgumentException("--config: expected charlm, medium, bidir, simplernn, gru, latency, sample, eval or"
            + " predict, found '" + config + "'");
      }
      train(shaped(c, hidden, seqLen, batch), r);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (!json) {
      out.println("machine: " + r.get("machine"));
    }
    if (json) {
      out.println(Json.line(r));
    } else if (config.equals("latency")) {
      out.printf("latency threads=%d: median %.2f us/step, p99 %.2f us%n", threads, r.get("median_us"), r.get("p99_us"));
    } else if (InferenceBench.CONFIGS.contains(config)) {
      out.printf(java.util.Locale.ROOT, "%s threads=%d streams=%d: %,.0f %s/s, per step median %.2f us (p10 %.2f, p90 %.2f,"
          + " p99 %.2f), allocated %.1f bytes/step%s%n", config, threads, r.get("streams"), r.get("tokens_per_s"),
          config.equals("predict") ? "steps" : "characters", r.get("median_us"), r.get("p10_us"), r.get("p90_us"),
          r.get("p99_us"), r.get("alloc_bytes_per_step"), r.containsKey("recurrent_product_median_us")
              ? String.format(java.util.Locale.ROOT, "; the recurrent product alone %.2f us", r.get("recurrent_product_median_us"))
              : "");
    } else {
      out.printf("%s H=%d T=%d B=%d threads=%d: median %.2f ms/step (p10 %.2f, p90 %.2f), %.0f tokens/s, allocated %.1f"
          + " MB/step%n",
          config, r.get("hidden"), r.get("seq_len"), r.get("batch"), threads, r.get("median_ms"), r.get("p10_ms"),
          r.get("p90_ms"), r.get("tokens_per_s"), r.get("alloc_mb_per_step"));
    }
    return 0;
  }

  private void train(BenchConfig c, Map<String, Object> r) {
    ModelConfig mc = ModelConfig.builder().cell(c.cell()).inputSize(c.input()).tokenInput(c.tokens())
        .hiddenSize(c.hidden()).numLayers(c.layers()).bidirectional(c.bidirectional()).outputSize(c.out())
        .loss(c.loss()).build();
    RnnModel model = new RnnModel(mc, seed);
    Random rng = new Random(seed);
    Tensor x = c.tokens() ? Tensor.zeros(c.t(), c.b()) : Tensor.zeros(c.t(), c.b(), c.input());
    for (int i = 0; i < x.size(); i++) {
      x.data()[i] = c.tokens() ? rng.nextInt(c.input()) : (float) rng.nextGaussian();
    }
    Tensor y = c.loss().equals("ce") ? Tensor.zeros(c.t(), c.b()) : Tensor.zeros(c.t(), c.b(), c.out());
    for (int i = 0; i < y.size(); i++) {
      y.data()[i] = c.loss().equals("ce") ? rng.nextInt(c.out()) : (float) rng.nextGaussian();
    }
    Batch batch = new Batch(x, y);
    Trainer<Batch> trainer = new Trainer<>(model, new Adam(2e-3), TrainConfig.builder().epochs(1).batchSize(c.b()).seed(seed).build());
    // JVM launch to the first training step, the start-up a user waits through.
    r.put("startup_ms", (double) (System.currentTimeMillis()
        - ManagementFactory.getRuntimeMXBean().getStartTime()));
    long t0 = System.nanoTime();
    int w = warmup != null ? warmup : 5;
    for (int i = 0; i < w; i++) {
      trainer.update(batch);
      if (i == 0) {
        r.put("first_step_ms", (System.nanoTime() - t0) / 1e6);
      }
    }
    int n = steps != null ? steps : 20;
    double[] ms = new double[n];
    long allocated = allocatedBytes();
    for (int i = 0; i < n; i++) {
      long s = System.nanoTime();
      trainer.update(batch);
      ms[i] = (System.nanoTime() - s) / 1e6;
    }
    r.put("alloc_mb_per_step", (allocatedBytes() - allocated) / 1e6 / n);
    Arrays.sort(ms);
    double median = percentile(ms, 50);
    r.put("median_ms", median);
    r.put("p10_ms", percentile(ms, 10));
    r.put("p90_ms", percentile(ms, 90));
    r.put("tokens_per_s", c.t() * c.b() / (median / 1e3));
    r.put("steps", n);
    r.put("warmup", w);
    r.put("hidden", c.hidden());
    r.put("seq_len", c.t());
    r.put("batch", c.b());
    r.put("params", model.parameters().size());
    r.put("model_bytes", modelBytes(c, model.parameters().size()));
    r.put("heap_max_mb", Runtime.getRuntime().maxMemory() / 1e6);
  }

  /**
   * The bytes a training step of this config needs at the least, by arithmetic: the parameters four
   * times (weights, gradients, Adam's two moments) and, kept for the backward pass, per time step and
   * sequence each layer's and direction's activations (LSTM: 4H gates, c, tanh c and h; GRU: 3H
   * gates and h; Elman: h) and the output's logits and probabilities, all float32.
   */
  static long modelBytes(BenchConfig c, long params) {
    int perUnit = switch (c.cell()) {
      case "lstm" -> 7;
      case "gru" -> 4;
      default -> 1;
    };
    long perStep = (long) c.layers() * (c.bidirectional() ? 2 : 1) * perUnit * c.hidden() + 2L * c.out();
    return 4 * (4 * params + (long) c.t() * c.b() * perStep);
  }

  private void latency(Map<String, Object> r) {
    ModelConfig mc = ModelConfig.builder().cell("lstm").inputSize(32).hiddenSize(64).outputSize(0).build();
    RnnModel model = new RnnModel(mc, seed);
    Random rng = new Random(seed);
    Tensor[] xs = new Tensor[256];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = Tensor.zeros(1, 32);
      for (int j = 0; j < 32; j++) {
        xs[i].data()[j] = (float) rng.nextGaussian();
      }
    }
    Stepper stepper = model.stepper(1);
    int w = warmup != null ? warmup : 20000;
    for (int i = 0; i < w; i++) {
      stepper.step(xs[i & 255].data());
    }
    int n = steps != null ? steps : 20000;
    double[] us = new double[n];
    for (int i = 0; i < n; i++) {
      float[] x = xs[i & 255].data();
      long s = System.nanoTime();
      stepper.step(x);
      us[i] = (System.nanoTime() - s) / 1e3;
    }
    Arrays.sort(us);
    double median = percentile(us, 50);
    r.put("median_ms", median / 1e3);
    r.put("p10_ms", percentile(us, 10) / 1e3);
    r.put("p90_ms", percentile(us, 90) / 1e3);
    r.put("tokens_per_s", 1e6 / median);
    r.put("median_us", median);
    r.put("p99_us", percentile(us, 99));
    r.put("steps", n);
    r.put("warmup", w);
  }

  /** Bytes allocated so far by all live threads (HotSpot's per-thread counters). */
  static long allocatedBytes() {
    com.sun.management.ThreadMXBean t =
        ManagementFactory.getPlatformMXBean(com.sun.management.ThreadMXBean.class);
    long sum = 0;
    for (long b : t.getThreadAllocatedBytes(t.getAllThreadIds())) {
      sum += Math.max(0, b); // -1: a thread that ended meanwhile
    }
    return sum;
  }

  /** Linear interpolation between closest ranks, as the PyTorch side computes it. */
  static double percentile(double[] sorted, double q) {
    double pos = (sorted.length - 1) * q / 100.0;
    int lo = (int) Math.floor(pos), hi = (int) Math.ceil(pos);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
  }
}
