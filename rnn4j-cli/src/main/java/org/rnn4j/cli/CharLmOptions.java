package org.rnn4j.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Options of {@code rnn train} that only the character language model has; the model and
 * optimiser options it shares with the tasks come from {@link TrainingOptions}.
 */
final class CharLmOptions {
  @Option(names = "--data", paramLabel = "FILE.txt",
      description = "UTF-8 text to train a character language model on (default: the built-in story corpus).")
  Path data;

  @Option(names = "--seq-len", paramLabel = "K", description = "Steps per truncated-BPTT window (default: "
      + CharLmSettings.DEFAULT_SEQ_LEN + ").")
  Integer seqLen;

  @Option(names = "--steps", paramLabel = "N", description = "Stop after N updates (default: "
      + CharLmSettings.DEFAULT_STEPS + " when no budget is given).")
  Integer steps;

  @Option(names = "--minutes", paramLabel = "M", description = "Stop after M minutes of training.")
  Double minutes;

  @Option(names = "--eval-every", paramLabel = "N",
      description = "Validation bits per character and a sample every N updates (default: about 6 times per run).")
  Integer evalEvery;

  @Option(names = "--temperature", paramLabel = "T", defaultValue = "0.8",
      description = "Temperature of the samples shown during training (default: ${DEFAULT-VALUE}).")
  double temperature;
}
