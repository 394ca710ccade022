package org.rnn4j.cli;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.rnn4j.spark.DistributedObjective;
import org.rnn4j.spark.RunDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

@Command(name = "train", mixinStandardHelpOptions = true,
    header = "Train a model on a Spark cluster with the options of 'rnn train'.",
    description = {"A character language model (default), a forecaster of a table's columns (--data TABLE --forecast "
            + "COLUMN), a sequence classifier (--classify FILE: label TAB text lines, or a .csv of rows grouped into sequences "
            + "by --id), or a model on arrays (--inputs X.npy --targets Y.npy). Exact synchronous "
            + "data parallelism: with the same options and seed the model is the one 'rnn train' gives (up to the "
            + "rounding of the gradient sum). --data and --run-dir take any Hadoop path (hdfs://, s3a://, file:)."})
final class SparkTrainCommand implements Callable<Integer> {
  @ParentCommand SparkMain main;

  @Mixin TrainingOptions training;

  @Option(names = "--data", paramLabel = "PATH", description = "UTF-8 text (a character language model), or a table with "
      + "--forecast COLUMN (CSV by the name's .csv or .tsv, else Parquet; a file or a directory of part files); any Hadoop "
      + "path.")
  String data;

  @Mixin CharLmOptions charLm;

  @Mixin SeriesOptions series;

  @Mixin CsvOptions csv;

  @Mixin ClassifyOptions classify;

  @Option(names = "--tokens", defaultValue = "char",
      description = "With --classify: char (every character) or word (whitespace-separated) tokens (default: ${DEFAULT-VALUE}).")
  String tokens;

  @Mixin ArrayOptions arrays;

  @Mixin ReduceOptions reduce;

  @Option(names = "--local-sgd", paramLabel = "K", defaultValue = "0",
      description = "Communication-light mode (character language model): every partition trains its own streams for K "
          + "steps, then the parameters and optimizer state are averaged (default: 0, exact synchronous steps).")
  int localSgd;

  @Option(names = "--run-dir", paramLabel = "DIR",
      description = "Where to write the results, any Hadoop path (default: runs/<time>[-charlm]).")
  String runDir;

  @Option(names = "--json", description = "Print the result as one JSON object on the last line, as 'rnn train --json' "
      + "does.")
  boolean json;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (localSgd > 0 && DistributedObjective.parseFanIn(reduce.fanIn) > 0) {
      throw new IllegalArgumentException("--reduce-fan-in: expected the exact mode (local SGD averages the partitions' "
          + "parameters once per round), found --local-sgd " + localSgd);
    }
    reduce.apply(main::spark);
    if (arrays.inputs != null && localSgd > 0) {
      throw new IllegalArgumentException("--local-sgd: expected the character language model, found --inputs (arrays "
          + "train in the exact mode)");
    }
    if (classify.file != null) {
      ParseResult parsed = spec.commandLine().getParseResult();
      Set<String> modelOptions = new java.util.TreeSet<>(Set.of("--master", "--partitions"));
      parsed.commandSpec().mixins().get("training").options().forEach(option -> modelOptions.add(option.longestName()));
      classify.requireOnlyOptionsOf(parsed, modelOptions);
      String file = parsed.matchedOption("--classify").stringValues().get(0); // as given: a URI is no file Path
      if (classify.csv()) {
        return SparkSequenceCsvTraining.run(main.spark(), main.partitions(), file, classify, series.features,
            csv.delimiter(), arrays.valFraction, training, runDir, parsed, json, spec.commandLine().getOut());
      }
      return SparkClassifyTraining.run(main.spark(), main.partitions(), file, tokens, arrays.valFraction, training, runDir,
          parsed, json, spec.commandLine().getOut());
    }
    ParseResult parsed = spec.commandLine().getParseResult();
    if (series.forecast != null) {
      DataTraining.requireOnly(parsed, "--forecast", "forecasting a table on Spark",
          Set.of("--data", "--resume", "--master", "--partitions"), "training", "series", "csv");
      return SparkSeriesTraining.run(main.spark(), main.partitions(), data, series, csv, training, runDir, parsed, json,
          spec.commandLine().getOut());
    }
    if (arrays.inputs != null) {
      DataTraining.requireOnly(parsed, "--inputs", "training on arrays on Spark", Set.of("--resume", "--master",
          "--partitions"), "training", "arrays");
      return SparkArrayTraining.run(main.spark(), main.partitions(), arrays, training, runDir, parsed, json,
          spec.commandLine().getOut());
    }
    Map<String, Object> given = charLm.given(null, training, parsed);
    if (data != null) {
      given.put("data", data);
    }
    RunDirectory dir;
    Map<String, Object> base = CharLmConfig.defaultsFor(given);
    if (charLm.resume != null) {
      String resume = parsed.matchedOption("--resume").stringValues().get(0); // as given: a URI is no file Path
      if (runDir != null && !runDir.equals(resume)) {
        throw new IllegalArgumentException("--run-dir: a resumed run continues in its own directory " + resume
            + ", found " + runDir);
      }
      if (!RunDirectory.exists(resume, main.spark().hadoopConfiguration())) { // nothing is made for a wrong name
        throw DataTraining.noRun(false, resume);
      }
      dir = RunDirectory.of(resume, main.spark().hadoopConfiguration());
      if (!dir.fetch("config.json")) {
        throw new IllegalArgumentException("--resume: expected config.json in " + dir + ", found none");
      }
      base = CharLmConfig.read(dir.local().resolve("config.json"));
    } else {
      dir = RunDirectory.of(runDir != null ? runDir : DataTraining.runDirectory(null) + "-charlm",
          main.spark().hadoopConfiguration());
    }
    CharLmRun.Result result = new SparkCharLmRun(main.spark(), main.partitions(), CharLmConfig.resolve(base, given), dir,
        charLm.resume != null, localSgd, spec.commandLine().getOut()).run();
    if (json) {
      spec.commandLine().getOut().println(Json.line(CharLmRun.jsonFields(result)));
    }
    return 0;
  }
}
