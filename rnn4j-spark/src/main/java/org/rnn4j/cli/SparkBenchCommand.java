package org.rnn4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.optim.Adam;
import org.rnn4j.spark.DistributedObjective;
import org.rnn4j.spark.RowBatch;
import org.rnn4j.spark.SequenceRow;
import org.rnn4j.spark.SparkSequences;
import org.rnn4j.spark.StepTraffic;
import org.rnn4j.train.TrainConfig;
import org.rnn4j.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true,
    header = "Time exact distributed training steps with the training configs of 'rnn bench', or batch inference.",
    description = {"The B sequences of random data are spread over --partitions partitions; every step trains on all of them "
            + "(one Spark job: broadcast, partition sums, Adam on the driver). Prints median/p10/p90 ms per step, "
            + "tokens/s and the bytes broadcast and returned per step; compare with 'rnn bench --config C --threads N'."})
final class SparkBenchCommand implements Callable<Integer> {
  @ParentCommand SparkMain main;

  @Option(names = "--config", description = "charlm, medium, bidir, simplernn or gru.")
  String config;

  @Option(names = "--series", paramLabel = "N",
      description = "Time batch inference instead: forecasts of N generated series (" + SeriesBench.ROWS + " rows each, "
          + SeriesBench.STEPS + " steps ahead, an Elman network of " + SeriesBench.HIDDEN + " units), by 'rnn-spark "
          + "predict' on Spark and by the one-process loop of 'rnn predict'.")
  Integer series;

  @Option(names = "--steps", defaultValue = "20", description = "Timed steps (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--warmup", defaultValue = "40", description = "Untimed warm-up steps (default: ${DEFAULT-VALUE}: Spark's "
      + "scheduler, which runs once per step, needs a few dozen steps to be compiled by the JIT).")
  int warmup;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of the weights and data (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--json", description = "Print one JSON line.")
  boolean json;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ReduceOptions reduce;

  @Override
  public Integer call() throws java.io.IOException {
    reduce.apply(main::spark);
    if ((config == null) == (series == null)) {
      throw new IllegalArgumentException("expected one of --config C and --series N, found "
          + (config == null ? "neither" : "both"));
    }
    if (series != null) {
      Map<String, Object> r = SeriesBench.run(main.spark(), main.partitions(), series, seed);
      PrintWriter out = spec.commandLine().getOut();
      out.println(json ? Json.line(r) : String.format("%,d series: %,.0f series/s (long table), %,.0f series/s (wide table) "
          + "on %s, %d partitions; %,.0f series/s in one process (one thread)", series, r.get("spark_series_per_s"),
          r.get("spark_wide_series_per_s"), r.get("master"), r.get("partitions"), r.get("one_process_series_per_s")));
      return 0;
    }
    BenchCommand.BenchConfig c = BenchCommand.TRAIN.get(config);
    if (c == null) {
      throw new IllegalArgumentException("--config: expected charlm, medium, bidir, simplernn or gru, found '" + config + "'");
    }
    ModelConfig mc = ModelConfig.builder().cell(c.cell()).inputSize(c.input()).tokenInput(c.tokens())
        .hiddenSize(c.hidden()).numLayers(c.layers()).bidirectional(c.bidirectional()).outputSize(c.out())
        .loss(c.loss()).build();
    RnnModel model = new RnnModel(mc, seed);
    JavaSparkContext spark = main.spark();
    Map<String, Object> r = new LinkedHashMap<>();
    try (SparkSequences data = SparkSequences.fromRows(spark, rows(c),
            c.tokens() ? new int[] {c.t()} : new int[] {c.t(), c.input()},
            c.loss().equals("ce") ? new int[] {c.t()} : new int[] {c.t(), c.out()}, false, main.partitions());
        DistributedObjective<RowBatch> objective = new DistributedObjective<>(spark, data.shards(), model)) {
      Trainer<RowBatch> trainer = new Trainer<>(objective, new Adam(2e-3),
          TrainConfig.builder().epochs(1).batchSize(c.b()).seed(seed).build());
      int[] all = new int[c.b()];
      Arrays.setAll(all, i -> i);
      RowBatch batch = new RowBatch(all);
      for (int i = 0; i < warmup; i++) {
        trainer.update(batch);
      }
      StepTraffic before = objective.traffic().copy();
      double[] ms = new double[steps];
      for (int i = 0; i < steps; i++) {
        long s = System.nanoTime();
        trainer.update(batch);
        ms[i] = (System.nanoTime() - s) / 1e6;
      }
      StepTraffic timed = objective.traffic().since(before);
      Arrays.sort(ms);
      double median = BenchCommand.percentile(ms, 50);
      r.put("config", config);
      r.put("partitions", data.partitions());
      r.put("master", spark.master());
      r.put("median_ms", median);
      r.put("p10_ms", BenchCommand.percentile(ms, 10));
      r.put("p90_ms", BenchCommand.percentile(ms, 90));
      r.put("tokens_per_s", c.t() * c.b() / (median / 1e3));
      r.put("broadcast_bytes_per_step", timed.broadcastBytesPerStep());
      r.put("returned_bytes_per_step", timed.resultBytesPerStep());
      r.put("params", model.parameters().size());
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.line(r));
    } else {
      out.printf("%s on %s, %d partitions: median %.2f ms/step (p10 %.2f, p90 %.2f), %.0f tokens/s; %,d bytes broadcast, "
          + "%,d bytes returned per step%n", config, r.get("master"), r.get("partitions"), r.get("median_ms"),
          r.get("p10_ms"), r.get("p90_ms"), r.get("tokens_per_s"), r.get("broadcast_bytes_per_step"),
          r.get("returned_bytes_per_step"));
    }
    return 0;
  }

  /** The B sequences of {@code rnn bench}'s random batch (the same draws), one row each. */
  private List<SequenceRow> rows(BenchCommand.BenchConfig c) {
    Random rng = new Random(seed);
    int inner = c.tokens() ? 1 : c.input(), outInner = c.loss().equals("ce") ? 1 : c.out();
    float[][] x = new float[c.b()][c.t() * inner], y = new float[c.b()][c.t() * outInner];
    for (int t = 0; t < c.t(); t++) { // time-major draws, as rnn bench fills its (T, B, ...) arrays
      for (int b = 0; b < c.b(); b++) {
        for (int i = 0; i < inner; i++) {
          x[b][t * inner + i] = c.tokens() ? rng.nextInt(c.input()) : (float) rng.nextGaussian();
        }
      }
    }
    for (int t = 0; t < c.t(); t++) {
      for (int b = 0; b < c.b(); b++) {
        for (int o = 0; o < outInner; o++) {
          y[b][t * outInner + o] = c.loss().equals("ce") ? rng.nextInt(c.out()) : (float) rng.nextGaussian();
        }
      }
    }
    List<SequenceRow> rows = new ArrayList<>();
    for (int b = 0; b < c.b(); b++) {
      rows.add(new SequenceRow(x[b], y[b], 0));
    }
    return rows;
  }
}
