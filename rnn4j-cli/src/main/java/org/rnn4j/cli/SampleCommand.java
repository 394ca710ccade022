package org.rnn4j.cli;

import java.nio.file.Path;
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

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    CharModel lm = CharModel.load(model);
    Sampler sampler = new Sampler(temperature, topK, seed);
    spec.commandLine().getOut().println(sampler.generate(lm, prime != null ? prime : lm.defaultPrime(), length));
    return 0;
  }
}
