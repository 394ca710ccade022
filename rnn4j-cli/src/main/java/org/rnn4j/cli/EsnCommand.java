package org.rnn4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rnn4j.csv.CsvFile;
import org.rnn4j.data.SeriesSpec;
import org.rnn4j.esn.EchoStateNetwork;
import org.rnn4j.esn.EsnBenchmark;
import org.rnn4j.esn.EsnConfig;
import org.rnn4j.esn.EsnModelFile;
import org.rnn4j.esn.SpectralRadius;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "esn", mixinStandardHelpOptions = true,
    description = {"Echo state network: a fixed random reservoir and a ridge-regression readout.",
        "Tasks: mackey-glass (one-step-ahead forecast of the tau=17 series), narma10 (input -> output system);",
        "or --data FILE --forecast COL: one-step-ahead forecast of a CSV column (last 20%% is the test part).",
        "Options not given take the task's tuned defaults. Plots: eigenvalues.png, prediction.png."})
final class EsnCommand implements Callable<Integer> {
  private static final int PLOT_WINDOW = 300;

  @Option(names = "--task", paramLabel = "NAME", description = "mackey-glass or narma10.")
  String task;

  @Option(names = "--data", paramLabel = "FILE.csv", description = "CSV file with a header row of column names.")
  Path data;

  @Option(names = "--forecast", paramLabel = "COL", description = "The numeric column of --data to forecast.")
  String forecast;

  @Option(names = "--units", description = "Reservoir size N.") Integer units;
  @Option(names = "--spectral-radius", paramLabel = "RHO", description = "Spectral radius W is rescaled to.") Double spectralRadius;
  @Option(names = "--leak", paramLabel = "A", description = "Leak rate in (0, 1].") Double leak;
  @Option(names = "--ridge", paramLabel = "LAMBDA", description = "Ridge regularisation (> 0).") Double ridge;
  @Option(names = "--connectivity", paramLabel = "C", description = "Fraction of nonzero reservoir weights.") Double connectivity;
  @Option(names = "--input-scaling", paramLabel = "S", description = "Input weights are U[-S, S].") Double inputScaling;
  @Option(names = "--washout", paramLabel = "W", description = "Initial steps discarded before fitting.") Integer washout;
  @Option(names = "--seed", description = "Seed of every random draw.") Long seed;
  @Option(names = "--feedback", description = "Feed y(t-1) back into the reservoir (teacher-forced in training).") boolean feedback;
  @Option(names = "--online", description = "Train the readout online by recursive least squares.") boolean online;

  @Mixin CsvOptions csv;

  @Option(names = "--json", description = "Print a JSON object as the last line.")
  boolean json;

  @Option(names = "--plot-dir", paramLabel = "DIR", description = "Where to write the plots (default: runs/esn-<time>).")
  Path plotDir;

  @Option(names = "--save", paramLabel = "FILE.safetensors",
      description = "With --data: write the fitted network (weights, config, the column's normalisation) for 'rnn predict'.")
  Path save;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if ((task == null) == (data == null)) {
      throw new IllegalArgumentException("esn: expected either --task " + String.join("|", EsnBenchmark.TASKS)
          + " or --data FILE --forecast COL, found " + (task == null ? "neither" : "both"));
    }
    if ((data == null) != (forecast == null)) {
      throw new IllegalArgumentException("esn: expected --data and --forecast together, found only "
          + (data == null ? "--forecast" : "--data"));
    }
    if (save != null && data == null) {
      throw new IllegalArgumentException("--save: expected --data FILE --forecast COL (a saved network continues a CSV column"
          + " with 'rnn predict'), found --task " + task);
    }
    EsnConfig config = config(EsnBenchmark.defaults(task != null ? task : "csv"));
    String name = task != null ? task : data.getFileName() + ":" + forecast;
    CsvFile.Numbers read = data != null ? csv.read(data, List.of(forecast)) : null; // bad files fail before any output
    double[] series = read != null ? toDouble(read.table().column(forecast)) : null;
    out.printf("esn %s: %d units, connectivity %s, spectral radius %s, leak %s, input scaling %s, bias scaling %s,"
        + " ridge %s, washout %d, feedback %s, readout %s, seed %d%n", name, config.units(), config.connectivity(),
        config.spectralRadius(), config.leak(), config.inputScaling(), config.biasScaling(), config.ridge(),
        config.washout(), config.feedback() ? "on" : "off", config.online() ? "online RLS" : "ridge (closed form)",
        config.seed());
    if (read != null && !csv.notes(read).isEmpty()) {
      out.println(data + ": " + read.table().rows() + " rows" + csv.notes(read));
    }
    out.flush();
    EsnBenchmark.Result r = task != null ? EsnBenchmark.run(task, config)
        : EsnBenchmark.forecast(name, series, config);
    EchoStateNetwork esn = r.network();
    out.printf("spectral radius: %.6f measured before scaling, %.6f after (%s)%n", esn.spectralRadiusBefore(),
        esn.spectralRadiusAfter(), config.units() <= SpectralRadius.EIGEN_MAX_UNITS ? "EJML eigen decomposition"
            : "power iteration");
    out.printf("result: train NRMSE %.6f, test NRMSE %.6f (baseline %s %.4f) in %.2f s%n", r.trainNrmse(),
        r.testNrmse(), r.baselineName(), r.baseline(), r.seconds());
    Path dir = plotDir != null ? plotDir
        : Path.of("runs", "esn-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    if (config.units() > SpectralRadius.EIGEN_MAX_UNITS) {
      out.printf("computing all %d eigenvalues for eigenvalues.png (O(N^3), may take minutes)%n", config.units());
      out.flush();
    }
    plot(dir, r);
    out.println("plots: " + dir.resolve("eigenvalues.png") + ", " + dir.resolve("prediction.png"));
    if (save != null) {
      // The column and its normalisation, in the keys 'rnn predict' reads; the "window" is the warm-up the reservoir needs.
      SeriesSpec column = new SeriesSpec(List.of(forecast), 1, 1, Math.max(1, config.washout()), new float[] {(float) r.mean()},
          new float[] {(float) r.std()});
      EsnModelFile.save(save, esn, column.toMetadata());
      out.println("model written to " + save);
    }
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("task", name);
      m.put("metric", "nrmse");
      m.put("value", r.testNrmse());
      m.put("baseline", r.baseline());
      m.put("seconds", Math.round(r.seconds() * 1000) / 1000.0);
      m.put("units", config.units());
      m.put("spectral_radius", esn.spectralRadiusAfter());
      out.println(Json.line(m));
    }
    return 0;
  }

  private EsnConfig config(EsnConfig.Builder b) {
    if (units != null) b.units(units);
    if (spectralRadius != null) b.spectralRadius(spectralRadius);
    if (leak != null) b.leak(leak);
    if (ridge != null) b.ridge(ridge);
    if (connectivity != null) b.connectivity(connectivity);
    if (inputScaling != null) b.inputScaling(inputScaling);
    if (washout != null) b.washout(washout);
    if (seed != null) b.seed(seed);
    return b.feedback(feedback).online(online).build();
  }

  /** eigenvalues.png: W's eigenvalues and the unit circle; prediction.png: the first test steps. */
  private static void plot(Path dir, EsnBenchmark.Result r) throws java.io.IOException {
    double[][] eig = r.network().eigenvalues();
    Plots.scatter(dir.resolve("eigenvalues.png"), String.format("reservoir eigenvalues (spectral radius %.4f)",
        r.network().spectralRadiusAfter()), "Re", "Im", Map.of("eigenvalues", new Plots.Series(eig[0], eig[1])), true);
    int n = Math.min(PLOT_WINDOW, r.testTruth().length);
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = i;
    }
    Map<String, Plots.Series> series = new LinkedHashMap<>();
    series.put("truth", new Plots.Series(t, java.util.Arrays.copyOf(r.testTruth(), n)));
    series.put("prediction", new Plots.Series(t, java.util.Arrays.copyOf(r.testPrediction(), n)));
    Plots.line(dir.resolve("prediction.png"), String.format("%s: test NRMSE %.4g", r.task(), r.testNrmse()),
        "test step", "value", series, false);
  }

  private static double[] toDouble(float[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return d;
  }
}
