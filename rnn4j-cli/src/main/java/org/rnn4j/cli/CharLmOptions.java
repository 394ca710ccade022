package org.rnn4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * Options of {@code rnn train} that only the character language model has; the model and
 * optimiser options it shares with the tasks come from {@link TrainingOptions}, and {@code --data}
 * (the text) from the command, which shares it with series training. Only options
 * given on the command line override the config file (or the defaults).
 */
final class CharLmOptions {
  @Option(names = "--seq-len", paramLabel = "K", description = "Steps per truncated-BPTT window (default: 64).")
  Integer seqLen;

  @Option(names = "--steps", paramLabel = "N", description = "Stop after N updates (default: "
      + CharLmConfig.DEFAULT_STEPS + " when no budget is given).")
  Long steps;

  @Option(names = "--minutes", paramLabel = "M", description = "Stop after M minutes of training.")
  Double minutes;

  @Option(names = "--eval-every", paramLabel = "N",
      description = "Validation bits per character and a sample every N updates (default: about 6 per run).")
  Integer evalEvery;

  @Option(names = "--temperature", paramLabel = "T", description = "Temperature of the samples shown (default: 0.8).")
  Double temperature;

  @Option(names = "--checkpoint-every", paramLabel = "N",
      description = "Write DIR/checkpoint.safetensors every N updates (default: only at the end).")
  Integer checkpointEvery;

  @Option(names = "--config", paramLabel = "FILE.json", description = {"Settings as JSON: the keys of a run's "
      + "config.json (optimizer, lr, schedule, warmup_steps, max_steps, model: {cell, hidden_size, ...}, seq_len, data, ...);",
      "options given on the command line win."})
  Path config;

  @Option(names = "--resume", paramLabel = "RUNDIR",
      description = "Continue the run in RUNDIR from its checkpoint (same data and settings; budgets may grow).")
  Path resume;

  /** Options that may change when a run is resumed: everything else is the checkpoint's. */
  private static final Set<String> RESUMABLE = Set.of("--steps", "--epochs", "--minutes", "--eval-every",
      "--temperature", "--checkpoint-every", "--resume", "--run-dir", "--debug", "--patience", "--json", "--threads",
      "--master", "--partitions", "--local-sgd"); // the last three: rnn-spark's (rnn4j-spark)

  /** The char-LM's own options, which make no sense with --task. */
  static final List<String> OWN = List.of("--data", "--seq-len", "--steps", "--minutes", "--eval-every", "--temperature",
      "--checkpoint-every", "--config", "--resume");

  /** The settings given by the config file (the text file {@code data} is the command's --data), overlaid with those given on the command line. */
  Map<String, Object> given(Path data, TrainingOptions t, ParseResult parsed) throws IOException {
    if (resume != null) {
      GivenOptions.requireOnly(parsed, RESUMABLE, "--resume: expected only budget, evaluation and checkpoint options "
          + "(the rest is the run's config.json), found ");
    }
    Map<String, Object> m = config != null ? CharLmConfig.read(config) : new LinkedHashMap<>();
    Map<String, Object> model = new LinkedHashMap<>();
    if (m.get("model") instanceof Map<?, ?> fileModel) {
      fileModel.forEach((k, v) -> model.put(String.valueOf(k), v));
    }
    put(parsed, "--data", m, "data", data == null ? null : data.toString());
    put(parsed, "--seq-len", m, "seq_len", seqLen);
    put(parsed, "--steps", m, "max_steps", steps);
    put(parsed, "--minutes", m, "max_minutes", minutes);
    put(parsed, "--epochs", m, "epochs", t.optimization.epochs);
    put(parsed, "--eval-every", m, "eval_every", evalEvery);
    put(parsed, "--temperature", m, "temperature", temperature);
    put(parsed, "--checkpoint-every", m, "checkpoint_every", checkpointEvery);
    put(parsed, "--batch", m, "batch_size", t.optimization.batch);
    put(parsed, "--lr", m, "lr", t.optimization.lr);
    put(parsed, "--clip", m, "clip_norm", t.optimization.clip);
    put(parsed, "--optimizer", m, "optimizer", t.optimization.optimizer);
    put(parsed, "--seed", m, "seed", t.seed);
    put(parsed, "--patience", m, "patience", t.optimization.patience);
    put(parsed, "--schedule", m, "schedule", t.optimization.schedule);
    put(parsed, "--lr-floor", m, "lr_floor", t.optimization.lrFloor);
    put(parsed, "--warmup", m, "warmup_steps", t.optimization.warmup);
    put(parsed, "--gamma", m, "gamma", t.optimization.gamma);
    put(parsed, "--step-every", m, "step_every", t.optimization.stepEvery);
    put(parsed, "--plateau-patience", m, "plateau_patience", t.optimization.plateauPatience);
    put(parsed, "--init", m, "init", t.init);
    put(parsed, "--init-radius", m, "init_radius", t.initRadius);
    put(parsed, "--cell", model, "cell", t.cell);
    put(parsed, "--hidden", model, "hidden_size", t.hidden);
    put(parsed, "--layers", model, "num_layers", t.layers);
    put(parsed, "--dropout", model, "dropout", t.dropout);
    put(parsed, "--bidirectional", model, "bidirectional", t.bidirectional);
    put(parsed, "--nonlinearity", model, "nonlinearity", t.nonlinearity);
    if (!model.isEmpty()) {
      m.put("model", model);
    }
    return m;
  }

  private static void put(ParseResult parsed, String option, Map<String, Object> m, String key, Object value) {
    if (parsed.hasMatchedOption(option)) {
      m.put(key, value);
    }
  }
}
