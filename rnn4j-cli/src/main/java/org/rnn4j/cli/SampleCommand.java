package org.rnn4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.rnn4j.lm.CharModel;
import org.rnn4j.lm.Sampler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "sample", mixinStandardHelpOptions = true,
    description = {"Generate text from a character language model written by 'rnn train', one character at a time.",
        "Prints the prime followed by the generated characters; the same seed gives the same text."})
final class SampleCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "M.safetensors", description = "Model file from rnn train.")
  Path model;

  @Option(names = "--prime", paramLabel = "TEXT",
      description = "Text to start from (default: a newline, or a space when the text had no newlines).")
  String prime;

  @Option(names = "--length", defaultValue = "500", description = "Characters to generate (default: ${DEFAULT-VALUE}).")
  int length;

  @Option(names = "--temperature", defaultValue = "0.8",
      description = "Below 1 sharpens the distribution, above 1 flattens it (default: ${DEFAULT-VALUE}).")
  double temperature;

  @Option(names = "--top-k", paramLabel = "K", defaultValue = "0",
      description = "Draw only from the K likeliest characters; 0 = all, 1 = greedy (default: ${DEFAULT-VALUE}).")
  int topK;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the draws (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--num-samples", paramLabel = "N", defaultValue = "1",
      description = {"Generate N samples at once, as N streams that read the weights once per step for all of them;",
          "sample i is the text --seed S+i gives alone. Each is printed after a line '=== sample i (seed S+i) ==='",
          "when N > 1 (default: ${DEFAULT-VALUE})."})
  int numSamples;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (numSamples < 1) {
      throw new IllegalArgumentException("--num-samples: expected at least 1, found " + numSamples);
    }
    CharModel lm = CharModel.load(model);
    Sampler sampler = new Sampler(temperature, topK, seed);
    String start = prime != null ? prime : lm.defaultPrime();
    List<String> texts = sampler.generate(lm.model().packed(), lm.vocabulary(), start, length, numSamples);
    PrintWriter out = spec.commandLine().getOut();
    for (int i = 0; i < texts.size(); i++) {
      if (numSamples > 1) {
        out.println("=== sample " + i + " (seed " + (seed + i) + ") ===");
      }
      out.println(texts.get(i));
    }
    return 0;
  }
}
