package org.rnn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rnn4j.cell.Activation;
import org.rnn4j.diagnose.ClipComparison;
import org.rnn4j.diagnose.NonlinearityComparison;
import org.rnn4j.task.Task;
import org.rnn4j.task.TaskRunner;
import org.rnn4j.train.TrainConfig;

/** The side-by-side runs of {@code rnn diagnose}: clipping off against on, and one nonlinearity against another. */
final class DiagnoseComparisons {
  /** Updates averaged for the "final loss" column. */
  static final int FINAL_UPDATES = 50;

  private DiagnoseComparisons() {}

  /**
   * Trains {@code task} twice, without clipping and with clipping at {@code clip}, prints one
   * line per run and writes both loss curves to {@code loss_clipping.png}; returns the JSON fields.
   */
  static Map<String, Object> clipping(Task task, TaskRunner.Options options, TrainConfig train, double clip, Path dir,
      PrintWriter out) throws IOException {
    out.printf(Locale.ROOT, "clipping off vs at %.3g: same data, initial weights, shuffling and optimizer (%s, lr %.3g)%n",
        clip, train.optimizer(), train.lr());
    out.flush();
    List<ClipComparison.Run> runs = ClipComparison.run(task, options, train, clip);
    out.printf("%-9s %8s %12s %12s %12s  %s%n", "clipping", "updates", "max loss", "final loss", task.metric(), "stopped");
    Map<String, Plots.Series> curves = new LinkedHashMap<>();
    List<Map<String, Object>> json = new ArrayList<>();
    for (ClipComparison.Run r : runs) {
      String label = r.clipNorm() > 0 ? String.format(Locale.ROOT, "at %.3g", r.clipNorm()) : "off";
      out.printf(Locale.ROOT, "%-9s %8d %12.4g %12.4g %12.4f  %s%n", label, r.losses().length, r.maxLoss(),
          r.finalLoss(FINAL_UPDATES), r.metric(), r.stopped() == null ? "-" : r.stopped());
      double[] x = new double[r.losses().length];
      for (int i = 0; i < x.length; i++) {
        x[i] = i + 1;
      }
      String name = (r.clipNorm() > 0 ? "clipping " + label : "no clipping")
          + (r.stopped() == null ? "" : " (non-finite after update " + r.losses().length + ")");
      curves.put(name, new Plots.Series(x, r.losses()));
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("clip", r.clipNorm());
      j.put("updates", r.losses().length);
      j.put("max_loss", r.maxLoss());
      j.put("final_loss", r.finalLoss(FINAL_UPDATES));
      j.put("value", Double.isNaN(r.metric()) ? null : r.metric());
      j.put("stopped", r.stopped());
      json.add(j);
    }
    Path png = dir.resolve("loss_clipping.png");
    Plots.line(png, "Training loss per update: " + task.name() + ", clipping off vs on", "update", "loss", curves, true);
    out.println("plot: " + png);
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("task", task.name());
    fields.put("metric", task.metric());
    fields.put("runs", json);
    fields.put("plots", List.of(png.toString()));
    return fields;
  }

  /**
   * Measures the task's initial model once per nonlinearity (same weights), prints the first
   * layer's gradient at both ends of the probe sequences and the mean factor per step, and draws
   * the curves ||dL/dh_t|| side by side in {@code grad_norm_by_nonlinearity.png}; returns the JSON fields.
   */
  static Map<String, Object> nonlinearity(Task task, TaskRunner.Options options, List<String> names, int probe,
      Path dir, PrintWriter out) throws IOException {
    List<Activation> fs = new ArrayList<>();
    for (String name : names) {
      try {
        fs.add(Activation.parse(name.strip()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--compare-nonlinearity: expected tanh, relu, sigmoid or identity, found '"
            + name + "'");
      }
    }
    List<NonlinearityComparison.Curve> curves = NonlinearityComparison.atInitialisation(task, options, fs, probe);
    int steps = curves.get(0).gradients().firstLayer().length;
    out.printf("the initial model once per nonlinearity (same weights, same probe batch): ||dL/dh_t|| of the first layer%n");
    out.printf("%-9s %12s %12s %12s %9s%n", "f", "||dL/dh_0||", "||dL/dh_" + (steps - 1) + "||", "ratio", "per step");
    // A log axis cannot show 0: a norm that underflowed is drawn a decade below the smallest drawn one.
    double floor = curves.stream().flatMapToDouble(c -> java.util.Arrays.stream(c.gradients().firstLayer()))
        .filter(v -> v > 0).min().orElse(1) / 10;
    Map<String, Plots.Series> series = new LinkedHashMap<>();
    Map<String, Object> results = new LinkedHashMap<>();
    for (NonlinearityComparison.Curve c : curves) {
      double[] g = c.gradients().firstLayer();
      out.printf(Locale.ROOT, "%-9s %12.3e %12.3e %12.3e %9.4f%n", c.nonlinearity().id(), g[0], g[steps - 1],
          c.gradients().ratioFirstLast(), c.perStep());
      double[] x = new double[steps], y = new double[steps];
      for (int t = 0; t < steps; t++) {
        x[t] = t;
        y[t] = Math.max(g[t], floor);
      }
      series.put(c.nonlinearity().id(), new Plots.Series(x, y));
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("ratio", c.gradients().ratioFirstLast());
      r.put("per_step", c.perStep());
      results.put(c.nonlinearity().id(), r);
    }
    Path png = dir.resolve("grad_norm_by_nonlinearity.png");
    Plots.line(png, "||dL/dh_t|| by nonlinearity: " + task.name() + ", initial weights, loss of the last output step",
        "time step t", "||dL/dh_t||", series, true);
    out.println("plot: " + png);
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("task", task.name());
    fields.put("results", results);
    fields.put("plots", List.of(png.toString()));
    return fields;
  }
}
