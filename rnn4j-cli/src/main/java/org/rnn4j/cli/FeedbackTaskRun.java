package org.rnn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnn4j.io.ModelFile;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.TeacherForcing;
import org.rnn4j.task.FeedbackRunner;
import org.rnn4j.task.FeedbackRunner.Recurrence;
import org.rnn4j.task.FeedbackRunner.Setting;
import org.rnn4j.task.FeedbackTask;
import org.rnn4j.task.TaskRunner;
import org.rnn4j.train.TrainConfig;

/**
 * {@code rnn task} on an output-feedback task with {@code --recurrence}, {@code --teacher-forcing},
 * {@code --seeds} or {@code --plot}: one run printed epoch by epoch, or several settings (every
 * recurrence with every teacher-forcing schedule) over several seeds, printed as a table.
 */
final class FeedbackTaskRun {
  private FeedbackTaskRun() {}

  /** Every --recurrence with every --teacher-forcing, in the order given. */
  static List<Setting> settings(List<String> recurrences, List<String> teacherForcing) {
    List<Setting> out = new ArrayList<>();
    for (String r : recurrences == null ? List.of("hidden") : recurrences) {
      for (String tf : teacherForcing == null ? List.of("1") : teacherForcing) {
        out.add(new Setting(Recurrence.parse(r), TeacherForcing.parse(tf)));
      }
    }
    return out;
  }

  static void run(FeedbackTask task, TaskRunner.Options o, List<Setting> settings, int seeds, TrainConfig train,
      Path save, Path plot, boolean json, PrintWriter out) throws IOException {
    if (seeds < 1) {
      throw new IllegalArgumentException("--seeds: expected at least 1, found " + seeds);
    }
    if (settings.size() == 1 && seeds == 1) {
      single(task, o, settings.get(0), train, save, plot, json, out);
      return;
    }
    if (save != null) {
      throw new IllegalArgumentException("--save: expected one setting and one seed, found " + settings.size()
          + " settings and " + seeds + " seeds");
    }
    out.printf("task %s: %s%n", task.name(), task.description());
    out.printf("comparing %d settings over %s; %s of free-running generation, %s is better%n", settings.size(),
        seeds == 1 ? "seed " + o.seed() : seeds + " seeds (" + o.seed() + " to " + (o.seed() + seeds - 1) + ")",
        task.metric(), task.higherIsBetter() ? "higher" : "lower");
    out.flush();
    List<FeedbackRunner.Summary> summaries = FeedbackRunner.compare(task, o, settings, seeds, train, (s, seed, r) -> {
      out.printf("%-36s seed %d: %s %.4f after %d epochs (%.1f s)%n", s.label(), seed, task.metric(), r.result().value(),
          r.result().epochs(), r.result().seconds());
      out.flush();
    });
    out.println();
    out.printf("%-10s %-16s %18s %7s   %s%n", "recurrence", "teacher forcing", task.metric() + " mean ± sd", "epochs",
        "per seed");
    for (FeedbackRunner.Summary s : summaries) {
      StringBuilder each = new StringBuilder();
      double epochs = 0;
      for (FeedbackRunner.Result r : s.runs()) {
        each.append(String.format(java.util.Locale.ROOT, " %.4f", r.result().value()));
        epochs += r.result().epochs() / (double) s.runs().size();
      }
      out.printf("%-10s %-16s %9.4f ± %6.4f %7.1f  %s%n", s.setting().recurrence().id(), s.setting().teacherForcing(),
          s.mean(), s.sd(), epochs, each);
    }
    if (plot != null) {
      Map<String, Plots.Series> series = new LinkedHashMap<>();
      summaries.forEach(s -> series.put(s.setting().label(), new Plots.Series(steps(s.meanErrorByStep().length),
          s.meanErrorByStep())));
      writePlot(task, plot, series, seeds, out);
    }
    if (json) {
      List<Map<String, Object>> results = new ArrayList<>();
      for (FeedbackRunner.Summary s : summaries) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("recurrence", s.setting().recurrence().id());
        m.put("teacher_forcing", s.setting().teacherForcing().toString());
        m.put("mean", s.mean());
        m.put("sd", s.sd());
        m.put("values", s.runs().stream().map(r -> r.result().value()).toList());
        results.add(m);
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("task", task.name());
      m.put("metric", task.metric());
      m.put("seeds", seeds);
      m.put("results", results);
      out.println(Json.line(m));
    }
  }

  /** One setting, one seed: epoch lines and a summary, as any task prints. */
  private static void single(FeedbackTask task, TaskRunner.Options o, Setting s, TrainConfig train, Path save, Path plot,
      boolean json, PrintWriter out) throws IOException {
    ModelConfig c = FeedbackRunner.config(task, o, s.recurrence());
    out.printf("task %s: %s%n", task.name(), task.description());
    out.printf("model: %s, hidden %d, %s output, loss %s; teacher forcing %s%n", s.recurrence() == Recurrence.OUTPUT
        ? "output-only recurrence h_t = " + c.nonlinearity().id() + "(W [y_{t-1}; c_t] + b) (no W_hh)"
        : c.cell() + " (hidden-state recurrence), output fed back", c.hiddenSize(), c.output().id(), c.loss(),
        s.teacherForcing());
    out.flush();
    FeedbackRunner.Result r = FeedbackRunner.run(task, o, s, train, p -> {
      out.printf("epoch %3d  loss %.5f  %s %.4f%s  (%.1f s)%n", p.epoch(), p.loss(), task.metric(), p.metric(),
          p.details().isEmpty() ? "" : "  [" + p.details() + "]", p.seconds());
      out.flush();
    });
    TaskRunner.Result t = r.result();
    out.printf("result: %s = %.4f (baseline %.4f, %s is better) after %d epochs in %.1f s%n", t.metric(), t.value(),
        t.baseline(), task.higherIsBetter() ? "higher" : "lower", t.epochs(), t.seconds());
    if (save != null) {
      ModelFile.write(save, t.model(), Map.of());
      out.println("model written to " + save);
    }
    if (plot != null) {
      writePlot(task, plot, Map.of(s.label(), new Plots.Series(steps(r.errorByStep().length), r.errorByStep())), 1, out);
    }
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("task", t.task());
      m.put("recurrence", s.recurrence().id());
      m.put("teacher_forcing", s.teacherForcing().toString());
      m.put("metric", t.metric());
      m.put("value", t.value());
      m.put("baseline", t.baseline());
      m.put("seconds", Math.round(t.seconds() * 1000) / 1000.0);
      m.put("epochs", t.epochs());
      out.println(Json.line(m));
    }
  }

  private static void writePlot(FeedbackTask task, Path png, Map<String, Plots.Series> series, int seeds, PrintWriter out)
      throws IOException {
    boolean classes = task.model().build().loss().equals("ce");
    Plots.line(png, task.name() + ": free-running error by generation step" + (seeds > 1 ? " (mean of " + seeds + " seeds)" : ""),
        "generation step t", classes ? "fraction of wrong outputs" : "RMSE", series, false);
    out.println("plot written to " + png);
  }

  private static double[] steps(int n) {
    double[] x = new double[n];
    for (int t = 0; t < n; t++) {
      x[t] = t;
    }
    return x;
  }
}
