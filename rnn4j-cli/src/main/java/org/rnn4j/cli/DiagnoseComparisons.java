package org.rnn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rnn4j.diagnose.ClipComparison;
import org.rnn4j.task.Task;
import org.rnn4j.task.TaskRunner;
import org.rnn4j.train.TrainConfig;

/** The side-by-side runs of {@code rnn diagnose}: clipping off against on. */
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
}
