package org.rnn4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rnn4j.io.ModelFile;
import org.rnn4j.task.Task;
import org.rnn4j.task.TaskRunner;
import org.rnn4j.task.Tasks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "task", mixinStandardHelpOptions = true,
    description = {"Train and score a built-in task, printing one line per epoch and a summary.",
        "Tasks: addition (binary addition, train <= 8 bits, test 64), xor (running parity),",
        "sine (next-value NRMSE), majority (many-to-one), echo (delayed many-to-many),",
        "count (one-to-many)."})
final class TaskCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "NAME", description = "One of: ${COMPLETION-CANDIDATES}", completionCandidates = TaskNames.class)
  String name;

  @Mixin TrainingOptions training;

  @Option(names = "--delay", defaultValue = "3", description = "Delay k of the echo task (default: ${DEFAULT-VALUE}).")
  int delay;

  @Option(names = "--save", paramLabel = "FILE", description = "Write the trained model to this .safetensors file.")
  Path save;

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
    Task task = Tasks.create(name, delay);
    TaskRunner.Result r = runTask(task, training.toRunnerOptions(), out);
    if (save != null) {
      ModelFile.save(save, r.model());
      out.println("model written to " + save);
    }
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("task", r.task());
      m.put("metric", r.metric());
      m.put("value", r.value());
      m.put("baseline", r.baseline());
      m.put("seconds", Math.round(r.seconds() * 1000) / 1000.0);
      m.put("epochs", r.epochs());
      out.println(Json.line(m));
    }
    return 0;
  }

  /** Trains with per-epoch progress lines and a summary; shared with {@code rnn train}. */
  static TaskRunner.Result runTask(Task task, TaskRunner.Options o, PrintWriter out) {
    var config = TaskRunner.config(task, o);
    out.printf("task %s: %s%n", task.name(), task.description());
    out.printf("model: %s %s, hidden %d, layers %d, %s, loss %s, mapping %s%n", config.cell(),
        config.cell().equals("elman") ? config.nonlinearity().id() : "", config.hiddenSize(), config.numLayers(),
        config.output().id() + " output", config.loss(), config.mapping().id());
    out.flush();
    TaskRunner.Result r = TaskRunner.run(task, o, p -> {
      out.printf("epoch %3d  loss %.5f  %s %.4f%s  (%.1f s)%n", p.epoch(), p.loss(), task.metric(), p.metric(),
          p.details().isEmpty() ? "" : "  [" + p.details() + "]", p.seconds());
      out.flush();
    });
    out.printf("result: %s = %.4f (baseline %.4f, %s is better) after %d epochs in %.1f s%n", r.metric(), r.value(),
        r.baseline(), task.higherIsBetter() ? "higher" : "lower", r.epochs(), r.seconds());
    return r;
  }
}
