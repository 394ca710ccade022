package org.rnn4j.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.rnn4j.io.ModelFile;
import org.rnn4j.task.Task;
import org.rnn4j.task.TaskRunner;
import org.rnn4j.task.Tasks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

@Command(name = "train", mixinStandardHelpOptions = true, abbreviateSynopsis = true,
    header = "Train a model and show its results.",
    description = {"With no arguments: an LSTM character language model on the built-in story corpus (a few "
        + "minutes); --data FILE.txt trains one on any UTF-8 text. The run directory (runs/<time>-charlm) receives "
        + "model.safetensors (the best validated model), checkpoint.safetensors (the last), metrics.csv, loss.png "
        + "and config.json; then try 'rnn sample --model DIR/model.safetensors'.",
        "Other data: --data FILE.csv --forecast COLUMN (time series) or --inputs X.npy --targets Y.npy (arrays). "
        + "--task NAME trains a built-in task instead (e.g. --task addition, the former default). "
        + "--classify FILE trains a sequence classifier (label TAB text lines, or a CSV of sequences). "
        + "--pairs FILE.tsv trains a sequence-to-sequence model on 'source<TAB>target' lines; then 'rnn translate'."})
final class TrainCommand implements Callable<Integer> {
  @Option(names = "--task", description = "Train a built-in task instead (the names are listed by 'rnn task --help').")
  String task;

  @Mixin TrainingOptions training;

  @Option(names = "--data", paramLabel = "FILE", description = "Your own data: UTF-8 text (a character language model), "
      + "or a CSV series (with --forecast COLUMN).")
  Path data;

  @Mixin CharLmOptions charLm;

  @Mixin SeriesOptions series;

  @Mixin CsvOptions csv;

  @Mixin ArrayOptions arrays;

  @Mixin PairsOptions pairs;

  @Mixin ClassifyOptions classify;

  @Option(names = "--run-dir", paramLabel = "DIR", description = "Where to write the results (default: runs/<time>[-charlm]).")
  Path runDir;

  @Option(names = "--json", description = "Print the result as one JSON object on the last line: for the language "
      + "model {task, metric, value (the best validation bits per character), baseline (the unigram entropy of the "
      + "training text), best_step, seconds, ...}; likewise for --classify, --pairs, --forecast and --inputs.")
  boolean json;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (classify.file != null) {
      return ClassifyTraining.run(classify, pairs.tokens, series.features, arrays.valFraction, csv, training, runDir,
          charLm.resume, json, spec.commandLine().getParseResult(), out);
    }
    if (pairs.pairs != null) {
      return PairsTraining.run(pairs, arrays.valFraction, training, charLm, runDir, json,
          spec.commandLine().getParseResult(), out);
    }
    if (series.forecast != null) {
      ParseResult parsed = spec.commandLine().getParseResult();
      DataTraining.requireOnly(parsed, "--forecast", "forecasting a CSV series", Set.of("--data", "--resume"), "training",
          "series", "csv");
      return SeriesTraining.run(data, series, csv, training, runDir, charLm.resume, json, parsed, out);
    } else if (arrays.inputs != null) {
      ParseResult parsed = spec.commandLine().getParseResult();
      DataTraining.requireOnly(parsed, "--inputs", "training on arrays", Set.of("--resume"), "training", "arrays");
      return ArrayTraining.run(arrays, training, runDir, charLm.resume, json, parsed, out);
    } else if (json && task != null) {
      throw new IllegalArgumentException("--json: expected the language model, --classify, --pairs, --forecast or --inputs training,"
          + " found --task " + task);
    }
    ParseResult parsed = spec.commandLine().getParseResult();
    if (task == null) {
      return trainCharLm(parsed, out);
    }
    for (String option : CharLmOptions.OWN) {
      if (parsed.hasMatchedOption(option)) {
        throw new IllegalArgumentException(option + ": an option of the character language model, not of --task " + task);
      }
    }
    Task t = Tasks.create(task, Tasks.Options.DEFAULTS);
    TaskRunner.Result r = TaskCommand.runTask(t, training.toRunnerOptions(), training.trainingFor(t), out);
    Path dir = runDir("");
    Files.createDirectories(dir);
    Path model = dir.resolve("model.safetensors");
    ModelFile.write(model, r.model(), Map.of());
    out.println("model written to " + model);
    return 0;
  }

  private int trainCharLm(ParseResult parsed, PrintWriter out) throws Exception {
    Map<String, Object> given = charLm.given(data, training, parsed);
    Path dir = runDir("-charlm");
    Map<String, Object> base = CharLmConfig.defaultsFor(given);
    if (charLm.resume != null) {
      if (runDir != null && !runDir.equals(charLm.resume)) {
        throw new IllegalArgumentException("--run-dir: a resumed run continues in its own directory " + charLm.resume
            + ", found " + runDir);
      }
      dir = charLm.resume;
      base = CharLmConfig.read(dir.resolve("config.json"));
    }
    CharLmConfig config = CharLmConfig.resolve(base, given);
    CharLmRun.Result result = new CharLmRun(config, dir, charLm.resume != null, out, spec.commandLine().getErr(),
        System.console() != null).run();
    if (json) {
      out.println(Json.line(CharLmRun.jsonFields(result)));
    }
    return 0;
  }

  private Path runDir(String suffix) {
    return runDir != null ? runDir
        : Path.of("runs", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + suffix);
  }
}
