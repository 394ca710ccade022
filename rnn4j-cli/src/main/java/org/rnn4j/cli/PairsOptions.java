package org.rnn4j.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options of {@code rnn train --pairs FILE.tsv}: a sequence-to-sequence model on the user's pairs. */
final class PairsOptions {
  @Option(names = "--pairs", paramLabel = "FILE.tsv",
      description = "Train a sequence-to-sequence model on your pairs: UTF-8, one 'source<TAB>target' per line.")
  Path pairs;

  @Option(names = "--tokens", defaultValue = "char",
      description = "With --pairs or --classify (texts): char (every character) or word (whitespace-separated) "
          + "tokens (default: ${DEFAULT-VALUE}).")
  String tokens;

  @Option(names = "--attention", defaultValue = "additive",
      description = "With --pairs: none, additive (Bahdanau), dot or general (Luong) (default: ${DEFAULT-VALUE}).")
  String attention;

  @Option(names = "--embedding", paramLabel = "E", description = "With --pairs: token embedding width (default: "
      + PairsTraining.EMBEDDING + ").")
  Integer embedding;
}
