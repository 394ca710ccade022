package org.rnn4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rnn4j.io.ModelFile;
import org.rnn4j.task.Task;
import org.rnn4j.task.TaskRunner;
import org.rnn4j.task.Tasks;
import org.rnn4j.task.WindowBaseline;
import org.rnn4j.train.TrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "task", mixinStandardHelpOptions = true,
    description = {"Train and score a built-in task, printing one line per epoch and a summary.",
        "Tasks: addition (binary addition, train <= 8 bits, test 64), xor (running parity),",
        "sine (next-value NRMSE), majority (many-to-one), echo (delayed many-to-many),",
        "count (one-to-many), adding (the adding problem, many-to-one MSE),",
        "reber (embedded Reber grammar, legal-next-symbol sets),",
        "lookahead (tag each symbol with the one --delay k steps later: needs --bidirectional).",
        "--baseline window:W trains a feed-forward network over the last W steps instead (addition, xor).",
        "With --cell all the task runs once per cell and a comparison table follows; with --json",
        "every cell's run ends in its own JSON line and the last line is",
        "{\"task\",\"metric\",\"results\":{cell:value,...},\"baseline\"}."})
final class TaskCommand implements Callable<Integer> {
  /** The cells {@code --cell all} compares, the plain Elman network first. */
  static final List<String> ALL_CELLS = List.of("elman", "lstm", "gru", "peephole", "forget", "leaky", "skip");

  @Parameters(index = "0", paramLabel = "NAME", description = "One of: ${COMPLETION-CANDIDATES}", completionCandidates = TaskNames.class)
  String name;

  @Mixin TrainingOptions training;

  @Mixin TaskShapeOptions shape;

  @Option(names = "--save", paramLabel = "FILE", description = "Write the trained model to this .safetensors file.")
  Path save;

  @Option(names = "--baseline", paramLabel = "window:W",
      description = "Train the feed-forward baseline instead of the recurrent network: one hidden tanh layer over"
          + " the last W steps' inputs (tasks addition and xor).")
  String baseline;

  @Option(names = "--json", description = "Print a JSON object as the last line.")
  boolean json;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  static final class TaskNames extends java.util.ArrayList<String> {
    TaskNames() {
      super(Tasks.NAMES);
    }
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Task task = Tasks.create(name, shape.toOptions());
    TaskRunner.Options options = training.toRunnerOptions();
    if (baseline != null) {
      return runWindowBaseline(task, options, out);
    }
    if ("all".equalsIgnoreCase(options.cell())) {
      if (save != null) {
        throw new IllegalArgumentException("--save: expected a single --cell, found --cell all");
      }
      if (options.nonlinearity() != null) {
        throw new IllegalArgumentException("--nonlinearity: expected a single --cell (lstm, gru, peephole and forget have "
            + "none to choose), found --cell all");
      }
      compareCells(task, options, training.trainingFor(task), out);
      return 0;
    }
    TaskRunner.Result r = runTask(task, options, training.trainingFor(task), out);
    if (save != null) {
      ModelFile.save(save, r.model());
      out.println("model written to " + save);
    }
    if (json) {
      out.println(Json.line(resultFields(r)));
    }
    return 0;
  }

  /** Runs the task once per cell of {@link #ALL_CELLS} and prints a comparison table. */
  private void compareCells(Task task, TaskRunner.Options options, TrainConfig train, PrintWriter out) {
    Map<String, TaskRunner.Result> results = new LinkedHashMap<>();
    for (String cell : ALL_CELLS) {
      TaskRunner.Result r = runTask(task, options.withCell(cell), train, out);
      results.put(cell, r);
      if (json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cell", cell);
        m.putAll(resultFields(r));
        out.println(Json.line(m));
      }
      out.println();
    }
    out.printf("%-10s %10s %10s %7s %9s%n", "cell", task.metric(), "baseline", "epochs", "seconds");
    results.forEach((cell, r) ->
        out.printf("%-10s %10.4f %10.4f %7d %9.1f%n", cell, r.value(), r.baseline(), r.epochs(), r.seconds()));
    if (json) {
      Map<String, Object> values = new LinkedHashMap<>();
      results.forEach((cell, r) -> values.put(cell, r.value()));
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("task", task.name());
      m.put("metric", task.metric());
      m.put("results", values);
      m.put("baseline", results.values().iterator().next().baseline());
      out.println(Json.line(m));
    }
  }

  private static Map<String, Object> resultFields(TaskRunner.Result r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("task", r.task());
    m.put("metric", r.metric());
    m.put("value", r.value());
    m.put("baseline", r.baseline());
    m.put("seconds", Math.round(r.seconds() * 1000) / 1000.0);
    m.put("epochs", r.epochs());
    return m;
  }

  /** --baseline window:W: the window network in place of the RNN, printed like a task run. */
  private int runWindowBaseline(Task task, TaskRunner.Options options, PrintWriter out) {
    int window = WindowBaseline.parseWindow(baseline);
    if (save != null || "all".equalsIgnoreCase(options.cell())) {
      throw new IllegalArgumentException("--baseline: trains the window network alone, found it with "
          + (save != null ? "--save" : "--cell all"));
    }
    TrainConfig train = training.trainingFor(task);
    var config = TaskRunner.config(task, options);
    out.printf("task %s: %s%n", task.name(), task.description());
    out.printf("model: feed-forward over the last %d steps (window:%d), hidden %d tanh, %s output, loss %s%n", window,
        window, config.hiddenSize(), config.output().id(), config.loss());
    out.flush();
    WindowBaseline.Result r = WindowBaseline.run(task, window, options, train, p -> {
      out.printf("epoch %3d  loss %.5f  %s %.4f%s  (%.1f s)%n", p.epoch(), p.loss(), task.metric(), p.metric(),
          p.details().isEmpty() ? "" : "  [" + p.details() + "]", p.seconds());
      out.flush();
    });
    out.printf("result: %s = %.4f (baseline %.4f, %s is better) after %d epochs in %.1f s%n", task.metric(), r.value(),
        r.baseline(), task.higherIsBetter() ? "higher" : "lower", r.epochs(), r.seconds());
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("task", r.task());
      m.put("model", "window:" + r.window());
      m.put("metric", task.metric());
      m.put("value", r.value());
      m.put("baseline", r.baseline());
      m.put("seconds", Math.round(r.seconds() * 1000) / 1000.0);
      m.put("epochs", r.epochs());
      out.println(Json.line(m));
    }
    return 0;
  }

  /** Trains with per-epoch progress lines and a summary; shared with {@code rnn train}. */
  static TaskRunner.Result runTask(Task task, TaskRunner.Options o, TrainConfig train, PrintWriter out) {
    var config = TaskRunner.config(task, o);
    out.printf("task %s: %s%n", task.name(), task.description());
    out.printf("model: %s %s, hidden %d, layers %d%s, %s, loss %s, mapping %s%n", config.cell(),
        config.cell().equals("elman") ? config.nonlinearity().id() : "", config.hiddenSize(), config.numLayers(),
        config.bidirectional() ? ", bidirectional (" + config.fusion().id() + ")" : "",
        config.output().id() + " output", config.loss(), config.mapping().id());
    out.flush();
    TaskRunner.Result r = TaskRunner.run(task, o, train, p -> {
      out.printf("epoch %3d  loss %.5f  %s %.4f%s  (%.1f s)%n", p.epoch(), p.loss(), task.metric(), p.metric(),
          p.details().isEmpty() ? "" : "  [" + p.details() + "]", p.seconds());
      out.flush();
    });
    out.printf("result: %s = %.4f (baseline %.4f, %s is better) after %d epochs in %.1f s%n", r.metric(), r.value(),
        r.baseline(), task.higherIsBetter() ? "higher" : "lower", r.epochs(), r.seconds());
    return r;
  }
}
