package org.rnn4j.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rnn4j.spark.SavedModel;
import org.rnn4j.spark.SparkTextStreams;
import org.rnn4j.spark.TextScore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "eval", mixinStandardHelpOptions = true,
    header = "Bits per character of a UTF-8 text under a character language model, as 'rnn eval'.",
    description = {"The text's partitions are scored in parallel, each from the state reached by reading the --context characters "
            + "before it; with a context as long as the text the figure is the one of 'rnn eval'."})
final class SparkEvalCommand implements Callable<Integer> {
  @ParentCommand SparkMain main;

  @Option(names = "--model", required = true, paramLabel = "M.safetensors", description = "Model file from rnn train (any Hadoop path).")
  String model;

  @Option(names = "--data", required = true, paramLabel = "PATH", description = "UTF-8 text to score (any Hadoop path).")
  String data;

  @Option(names = "--context", defaultValue = "2048", paramLabel = "N",
      description = "Characters each partition reads before its own to warm up the state (default: ${DEFAULT-VALUE}).")
  int context;

  @Option(names = "--json", description = "Print {\"bpc\", \"characters\", \"seconds\"} as the last line (with "
      + "--baseline also \"baseline\", \"baseline_bpc\").")
  boolean json;

  @Option(names = "--baseline", paramLabel = "ngram:N[:FILE]",
      description = "Also score a Kneser-Ney n-gram model of order N, as 'rnn eval --baseline' does (trained on the driver: "
          + "on FILE, or on the model's own training text, the first 90%% of the text named by the run's config.json "
          + "beside a model on this machine); its figure is the one-pass figure.")
  String baseline;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  /** The model file as a path on this machine, for the run's config.json beside it; a model elsewhere needs ngram:N:FILE. */
  private java.nio.file.Path localModel() {
    java.net.URI uri = new org.apache.hadoop.fs.Path(model).toUri();
    boolean local = uri.getScheme() == null || uri.getScheme().equals("file");
    if (!local && baseline.split(":", 3).length < 3) {
      throw new IllegalArgumentException("--baseline: expected ngram:N:FILE for a model on " + uri.getScheme() + ": (the "
          + "run's config.json is read beside a model on this machine), found " + baseline);
    }
    return local ? java.nio.file.Path.of(uri.getPath()) : null;
  }

  @Override
  public Integer call() throws Exception {
    java.nio.file.Path local = baseline == null ? null : localModel(); // checked before anything is read
    SavedModel saved = SavedModel.read(model, main.spark().hadoopConfiguration());
    NGramBaseline.Trained ngram = baseline == null ? null : NGramBaseline.train(baseline, local,
        TextScore.vocabulary(saved));
    long start = System.nanoTime();
    TextScore score = TextScore.of(main.spark(), saved, SparkTextStreams.lines(main.spark(), data, main.partitions()),
        context, ngram == null ? null : ngram.model());
    double seconds = (System.nanoTime() - start) / 1e9;
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "%.4f bits per character over %,d characters (%.1f s)%n", score.bpc(), score.characters(),
        seconds);
    if (ngram != null) {
      ngram.report(score.ngramBpc(), out);
    }
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("bpc", score.bpc());
      m.put("characters", score.characters());
      m.put("seconds", Math.round(seconds * 1000) / 1000.0);
      if (ngram != null) {
        m.put("baseline", baseline);
        m.put("baseline_bpc", score.ngramBpc());
      }
      out.println(Json.line(m));
    }
    return 0;
  }
}
