package org.rnn4j.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import org.rnn4j.io.ModelFile;
import org.rnn4j.task.Task;
import org.rnn4j.task.TaskRunner;
import org.rnn4j.task.Tasks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Train the default model and show its results.",
        "With no arguments: an Elman RNN learns binary addition on numbers of up to 8 bits",
        "and is tested on 16, 32 and 64 bits; the model is written to runs/<time>/model.safetensors."})
final class TrainCommand implements Callable<Integer> {
  @Option(names = "--task", defaultValue = "addition", description = "Built-in task to train on (default: ${DEFAULT-VALUE}).")
  String task;

  @Mixin TrainingOptions training;

  @Option(names = "--run-dir", paramLabel = "DIR", description = "Where to write the model (default: runs/<time>).")
  Path runDir;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Task t = Tasks.create(task, Tasks.Options.DEFAULTS);
    TaskRunner.Result r = TaskCommand.runTask(t, training.toRunnerOptions(), out);
    Path dir = runDir != null ? runDir
        : Path.of("runs", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    Files.createDirectories(dir);
    Path model = dir.resolve("model.safetensors");
    ModelFile.save(model, r.model());
    out.println("model written to " + model);
    return 0;
  }
}
