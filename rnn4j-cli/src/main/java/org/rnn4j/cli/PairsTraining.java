package org.rnn4j.cli;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.rnn4j.data.Vocabulary;
import org.rnn4j.seq2seq.AttentionKind;
import org.rnn4j.seq2seq.PairsFile;
import org.rnn4j.seq2seq.Seq2Seq;
import org.rnn4j.seq2seq.Seq2SeqBatch;
import org.rnn4j.seq2seq.Seq2SeqBatches;
import org.rnn4j.seq2seq.Seq2SeqConfig;
import org.rnn4j.seq2seq.Seq2SeqFile;
import org.rnn4j.seq2seq.Seq2SeqTask.Pair;
import org.rnn4j.seq2seq.Seq2SeqText;
import org.rnn4j.seq2seq.TranslationScore;
import org.rnn4j.seq2seq.Translator;
import org.rnn4j.train.Checkpoint;
import org.rnn4j.train.TrainConfig;
import org.rnn4j.train.Trainer;
import picocli.CommandLine.ParseResult;

/**
 * {@code rnn train --pairs FILE.tsv}: an encoder–decoder on the user's pairs with the one
 * {@link Trainer}. A seeded random part of the pairs validates after every epoch (greedy exact
 * match and character error rate); the best model so far (by 1 − exact match, ties by the error
 * rate) is RUN/model.safetensors with its vocabularies, so {@code rnn translate} needs only that
 * file. RUN also gets checkpoint.safetensors and config.json, from which {@code --resume RUN} continues.
 */
final class PairsTraining {
  static final int HIDDEN = 64, EMBEDDING = 32, EPOCHS = 30, BATCH = 32;
  static final double LR = 0.005, CLIP = 5.0;
  static final String CELL = "gru";
  private static final int EXAMPLES = 5;

  /** The options --pairs training reads; any other would be silently ignored, so it is an error. */
  private static final Set<String> OWN = Set.of("--pairs", "--tokens", "--attention", "--embedding", "--json",
      "--val-fraction", "--cell", "--hidden", "--layers", "--epochs", "--batch", "--lr", "--clip", "--optimizer",
      "--patience", "--schedule", "--gamma", "--lr-floor", "--warmup", "--step-every", "--plateau-patience", "--seed",
      "--run-dir", "--resume", "--checkpoint-every", "--steps", "--minutes", "--debug", "--threads");
  /** What a resumed run may change: its budgets; the rest is the run's config.json. */
  private static final Set<String> RESUMABLE = Set.of("--pairs", "--json", "--epochs", "--patience", "--steps",
      "--minutes", "--checkpoint-every", "--resume", "--run-dir", "--debug", "--threads");

  private PairsTraining() {}

  /** The settings of a run, as in its config.json: the data, its split and the training config. */
  record Settings(Vocabulary.Level tokens, double valFraction, long splitSeed, TrainConfig train) {}

  static int run(PairsOptions o, double valFraction, TrainingOptions t, CharLmOptions budgets, Path runDir,
      boolean json, ParseResult parsed, PrintWriter out) throws IOException {
    long start = System.nanoTime();
    GivenOptions.requireOnly(parsed, OWN, "--pairs: not an option of sequence-to-sequence training, found ");
    Path dir = runDir;
    Settings settings;
    if (budgets.resume != null) {
      GivenOptions.requireOnly(parsed, RESUMABLE,
          "--resume: expected only budget options (the rest is the run's config.json), found ");
      if (runDir != null && !runDir.equals(budgets.resume)) {
        throw new IllegalArgumentException("--run-dir: a resumed run continues in its own directory " + budgets.resume
            + ", found " + runDir);
      }
      dir = budgets.resume;
      Settings saved = readSettings(dir.resolve("config.json"));
      settings = new Settings(saved.tokens(), saved.valFraction(), saved.splitSeed(), withBudgets(saved.train(), t, budgets));
    } else {
      dir = DataTraining.runDirectory(runDir);
      TrainConfig base = TrainConfig.builder().epochs(EPOCHS).batchSize(BATCH).lr(LR).clipNorm(CLIP).seed(t.seed + 3)
          .build();
      settings = new Settings(Vocabulary.Level.parse(o.tokens), valFraction, t.seed + 2, withBudgets(base, t, budgets));
    }
    List<Pair> all = PairsFile.read(o.pairs, settings.tokens());
    List<List<Pair>> parts = PairsFile.split(all, settings.valFraction(), settings.splitSeed());
    List<Pair> train = parts.get(0), validation = parts.get(1);
    Seq2SeqText text = Seq2SeqText.of(train, settings.tokens());
    Path checkpointFile = dir.resolve(Trainer.CHECKPOINT_FILE), modelFile = dir.resolve("model.safetensors");
    Seq2Seq model;
    Trainer<Seq2SeqBatch> trainer;
    if (budgets.resume != null) {
      Checkpoint<Seq2Seq> c = Checkpoint.load(checkpointFile, Seq2SeqFile::fromFile);
      if (c.model().text() == null || !c.model().text().toMetadata().equals(text.toMetadata())) {
        throw new IllegalArgumentException("--resume: expected the pairs the run was trained on (the same vocabularies),"
            + " found different ones in " + o.pairs);
      }
      model = c.model();
      trainer = Trainer.resume(c, settings.train());
    } else {
      Seq2SeqConfig config = Seq2SeqConfig.builder(text.source().size(), text.target().size())
          .embedding(o.embedding != null ? o.embedding : EMBEDDING).cell(t.cell != null ? t.cell : CELL)
          .hidden(t.hidden != null ? t.hidden : HIDDEN).encoderLayers(t.layers != null ? t.layers : 1)
          .attention(AttentionKind.parse(o.attention)).build();
      model = new Seq2Seq(config, text, t.seed);
      trainer = new Trainer<>(model, settings.train());
    }
    Files.createDirectories(dir);
    writeSettings(dir.resolve("config.json"), o.pairs, settings);
    printHeader(out, o.pairs, all, train, validation, text, model);

    List<String> sources = validation.stream().map(Pair::source).toList();
    List<String> targets = validation.stream().map(Pair::target).toList();
    TranslationScore[] last = {null};
    long[] validatedAt = {-1};
    trainer.checkpointsIn(dir).keepBest(() -> {
      last[0] = TranslationScore.of(Translator.of(model).greedy(sources), targets); // the weights as trained so far
      validatedAt[0] = trainer.state().step();
      return last[0].validationScore();
    }, modelFile, Map.of());
    int epochs = trainer.fit(Seq2SeqBatches.of(train, text.source(), text.target()), (epoch, stats) -> {
      boolean best = trainer.best() != null && trainer.best().step() == trainer.state().step();
      out.printf("epoch %3d  loss %.5f  val exact_match %.4f  cer %.4f%s  (%.1f s)%n", epoch, stats.loss(),
          last[0].exactMatch(), last[0].characterErrorRate(), best ? "  best" : "", DataTraining.seconds(start));
      out.flush();
      return true;
    });
    Trainer.StopReason stop = trainer.stopReason();
    boolean midEpoch = stop == Trainer.StopReason.STEPS || stop == Trainer.StopReason.TIME;
    if (midEpoch && validatedAt[0] != trainer.state().step()) {
      trainer.validate(); // the model as the budget left it gets its chance to be the best
      out.printf("after step %d: val exact_match %.4f  cer %.4f%n", trainer.state().step(), last[0].exactMatch(),
          last[0].characterErrorRate());
    }
    Seq2Seq best = Seq2SeqFile.load(modelFile);
    List<String> outputs = Translator.of(best).greedy(sources);
    TranslationScore score = TranslationScore.of(outputs, targets);
    double baseline = TranslationScore.of(sources, targets).exactMatch();
    double seconds = DataTraining.seconds(start);
    out.printf("result: best validation exact_match = %.4f (cer %.4f) at step %d; baseline copy-the-source %.4f;"
        + " stopped by %s after %d epochs in %.1f s%n", score.exactMatch(), score.characterErrorRate(),
        trainer.best().step(), baseline, stop.name().toLowerCase(Locale.ROOT), epochs, seconds);
    for (int i = 0; i < Math.min(EXAMPLES, validation.size()); i++) {
      out.printf("  %-20s -> %-20s %s%n", sources.get(i), outputs.get(i),
          outputs.get(i).equals(targets.get(i)) ? "ok" : "expected " + targets.get(i));
    }
    out.println("model written to " + modelFile + " (the best; translate with 'rnn translate --model " + modelFile + "')");
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("task", "pairs");
      m.put("metric", "exact_match");
      m.put("value", score.exactMatch());
      m.put("baseline", baseline);
      m.put("best_step", trainer.best().step());
      m.put("seconds", Math.round(seconds * 1000) / 1000.0);
      m.put("cer", score.characterErrorRate());
      m.put("epochs", epochs);
      m.put("stop", stop.name().toLowerCase(Locale.ROOT));
      m.put("tokens", settings.tokens().id());
      m.put("attention", model.config().attention().id());
      out.println(Json.line(m));
    }
    return 0;
  }

  /** {@code c} with the training options given: steps, minutes and checkpoints here, the rest via {@code t}. */
  private static TrainConfig withBudgets(TrainConfig c, TrainingOptions t, CharLmOptions budgets) {
    TrainConfig.Builder b = t.applyTo(c).toBuilder();
    if (budgets.steps != null) {
      b.maxSteps(budgets.steps);
    }
    if (budgets.minutes != null) {
      b.maxMinutes(budgets.minutes);
    }
    if (budgets.checkpointEvery != null) {
      b.checkpointEvery(budgets.checkpointEvery);
    }
    return b.build();
  }

  private static void printHeader(PrintWriter out, Path file, List<Pair> all, List<Pair> train, List<Pair> validation,
      Seq2SeqText text, Seq2Seq model) {
    Seq2SeqConfig c = model.config();
    out.printf("pairs from %s: %d (%d training, %d validation), %s tokens; vocabulary: source %d (with %s), target %d"
        + " (with %s, %s); longest target %d tokens%n", file, all.size(), train.size(), validation.size(),
        text.level().id(), text.source().size(), Vocabulary.UNK, text.target().size(), Vocabulary.BOS, Vocabulary.EOS,
        text.longestTarget());
    out.printf("model: %s, encoder %s%d x %d, decoder %d, attention %s, embedding %d; %,d parameters%n", c.cell(),
        c.bidirectional() ? "bidirectional " : "", c.encoderLayers(), c.encoderHidden(), c.hidden(), c.attention().id(),
        c.embedding(), model.parameters().size());
    out.flush();
  }

  private static void writeSettings(Path file, Path pairs, Settings s) throws IOException {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("pairs", pairs.toString());
    data.put("tokens", s.tokens().id());
    data.put("val_fraction", s.valFraction());
    data.put("split_seed", s.splitSeed());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("data", data);
    m.put("train", JSON.std.mapFrom(s.train().toJson()));
    Files.writeString(file, JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT).asString(m) + "\n", StandardCharsets.UTF_8);
  }

  private static Settings readSettings(Path file) throws IOException {
    Map<String, Object> m = JSON.std.mapFrom(Files.readString(file, StandardCharsets.UTF_8));
    if (!(m.get("data") instanceof Map<?, ?> data) || !(m.get("train") instanceof Map<?, ?> train)
        || !(data.get("tokens") instanceof String tokens) || !(data.get("val_fraction") instanceof Number fraction)
        || !(data.get("split_seed") instanceof Number seed)) {
      throw new IllegalArgumentException(file + ": expected a pairs run's config {data: {tokens, val_fraction, "
          + "split_seed}, train: {...}}, found " + m.keySet());
    }
    return new Settings(Vocabulary.Level.parse(tokens), fraction.doubleValue(), seed.longValue(),
        TrainConfig.fromJson(JSON.std.asString(train)));
  }
}
