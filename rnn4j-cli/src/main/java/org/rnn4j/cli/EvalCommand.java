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
    header = "Bits per character of a text under a character language model.",
    description = {"Bits per character of a UTF-8 text under a character language model: the mean of",
        "-log2 p(next character) over the whole text, read as one stream with the state carried."})
final class EvalCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "M.safetensors", description = "Model file from rnn train.")
  Path model;

  @Option(names = "--data", required = true, paramLabel = "FILE.txt", description = "UTF-8 text to score.")
  Path data;

  @Option(names = "--streams", paramLabel = "B", defaultValue = "1",
      description = {"Read the text as B parallel streams (several times faster): it is cut into B segments, each",
          "read from the initial state --warmup characters before it; the first characters of each segment",
          "after the first are then predicted from those characters only, not the whole text before.",
          "1 (the default) reads it as one stream: the exact figure."})
  int streams;

  @Option(names = "--warmup", paramLabel = "K", defaultValue = "256",
      description = "With --streams: characters read before each segment without being scored (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--json", description = "Print {\"bpc\", \"characters\", \"seconds\", \"characters_per_s\", \"streams\", \"warmup\"} as the last line"
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
    int[] tokens = TextCorpus.of(data.toString(), text, lm.vocabulary()).tokens().toArray();
    NGramBaseline.Trained ngram = baseline == null ? null : NGramBaseline.train(baseline, model, lm.vocabulary());
    long start = System.nanoTime();
    double bpc = BitsPerCharacter.streams(lm.model().packed(), tokens, streams, streams == 1 ? 0 : warmup);
    double seconds = (System.nanoTime() - start) / 1e9;
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "%.4f bits per character over %,d characters (%.1f s, %,.0f characters/s%s)%n", bpc,
        tokens.length, seconds, tokens.length / seconds, streams == 1 ? "" : ", " + streams + " streams, warm-up " + warmup);
    Double baselineBpc = ngram == null ? null : ngram.score(tokens, out);
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("bpc", bpc);
      m.put("characters", tokens.length);
      m.put("seconds", Math.round(seconds * 1000) / 1000.0);
      m.put("characters_per_s", Math.round(tokens.length / seconds));
      m.put("streams", streams);
      m.put("warmup", streams == 1 ? 0 : warmup);
      if (ngram != null) {
        m.put("baseline", baseline);
        m.put("baseline_bpc", baselineBpc);
      }
      out.println(Json.line(m));
    }
    return 0;
  }
}
