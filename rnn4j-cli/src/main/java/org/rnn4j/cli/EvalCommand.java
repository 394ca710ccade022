package org.rnn4j.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rnn4j.data.TextCorpus;
import org.rnn4j.lm.BitsPerCharacter;
import org.rnn4j.lm.CharModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "eval", mixinStandardHelpOptions = true,
    description = {"Bits per character of a UTF-8 text under a character language model: the mean of",
        "-log2 p(next character) over the whole text, read as one stream with the state carried."})
final class EvalCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "M.safetensors", description = "Model file from rnn train.")
  Path model;

  @Option(names = "--data", required = true, paramLabel = "FILE.txt", description = "UTF-8 text to score.")
  Path data;

  @Option(names = "--json", description = "Print {\"bpc\", \"characters\", \"seconds\"} as the last line"
      + " (with --baseline also \"baseline\", \"baseline_bpc\").")
  boolean json;

  @Option(names = "--baseline", paramLabel = "ngram:N[:FILE]",
      description = "Also score a Kneser-Ney n-gram model of order N, trained on FILE or else on the model's own"
          + " training text (the first 90%% of the text named by the run's config.json beside the model).")
  String baseline;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    CharModel lm = CharModel.load(model);
    String text = TextCorpus.decodeStrict(data.toString(), Files.readAllBytes(data));
    int[] tokens = TextCorpus.of(data.toString(), text, lm.vocabulary()).tokens();
    NGramBaseline.Trained ngram = baseline == null ? null : NGramBaseline.train(baseline, model, lm.vocabulary());
    long start = System.nanoTime();
    double bpc = BitsPerCharacter.of(lm, tokens);
    double seconds = (System.nanoTime() - start) / 1e9;
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "%.4f bits per character over %,d characters (%.1f s)%n", bpc, tokens.length, seconds);
    Double baselineBpc = ngram == null ? null : ngram.score(tokens, out);
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("bpc", bpc);
      m.put("characters", tokens.length);
      m.put("seconds", Math.round(seconds * 1000) / 1000.0);
      if (ngram != null) {
        m.put("baseline", baseline);
        m.put("baseline_bpc", baselineBpc);
      }
      out.println(Json.line(m));
    }
    return 0;
  }
}
