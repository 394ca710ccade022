package org.rnn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rnn4j.data.StoryCorpus;
import org.rnn4j.data.TextCorpus;
import org.rnn4j.data.TokenStreams;
import org.rnn4j.data.Tokens;
import org.rnn4j.lm.BitsPerCharacter;
import org.rnn4j.lm.CharModel;
import org.rnn4j.lm.Sampler;
import org.rnn4j.model.Batch;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.train.Checkpoint;
import org.rnn4j.train.StreamTraining;
import org.rnn4j.train.TrainConfig;
import org.rnn4j.train.Trainer;

/**
 * One run of the character language model: loads the text, trains with stateful truncated BPTT,
 * validates every eval_every updates and keeps the best model so far in {@code model.safetensors}
 * (the last one is in the checkpoint), stops early when patience runs out, reports progress,
 * validation bits per character and samples as it goes, and leaves the metrics, a loss curve
 * and the effective config in the run directory.
 */
final class CharLmRun {
  /**
   * Every validation reads the first this many validation characters (all when there are fewer),
   * so scores are comparable and one takes a second or two however large the text.
   */
  static final int VALIDATION_CHARS = 20_000;
  static final int PERIODIC_SAMPLE_LENGTH = 200;
  static final int FINAL_SAMPLE_LENGTH = 500;
  static final String MODEL_FILE = "model.safetensors";

  /** What the run ended with: the best validation and where it was, the naive baseline, the time. */
  record Result(double best, long bestStep, double last, double baseline, long steps, double epochs, double seconds,
      int validationChars, String stop) {}

  private final CharLmConfig config;
  private final Path dir;
  private final boolean resume;
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean terminal;

  CharLmRun(CharLmConfig config, Path runDir, boolean resume, PrintWriter out, PrintWriter err, boolean terminal) {
    this.config = config;
    this.dir = runDir;
    this.resume = resume;
    this.out = out;
    this.err = err;
    this.terminal = terminal;
  }

  /** Trains and writes the run directory. */
  Result run() throws IOException {
    TextCorpus corpus = load();
    Tokens train = corpus.training(), validation = corpus.validation();
    if (validation.size() < 2) {
      throw new IllegalArgumentException(corpus.name() + ": expected at least 2 validation characters (the last 10 %),"
          + " found " + validation.size() + " in a text of " + corpus.size() + " characters; use a longer text");
    }
    int[] validationSample = validation.slice(0, Math.min(validation.size(), VALIDATION_CHARS)).toArray();
    TrainConfig tc = config.train();
    TokenStreams streams = new TokenStreams(train, tc.batchSize());
    Map<String, String> vocabulary = Map.of(CharModel.VOCABULARY_KEY, corpus.vocabulary().toJson());
    Path checkpointFile = dir.resolve(Trainer.CHECKPOINT_FILE);
    CharModel lm;
    StreamTraining training;
    if (resume) {
      Checkpoint<RnnModel> c = Checkpoint.load(checkpointFile);
      if (!corpus.vocabulary().toJson().equals(c.extraMetadata().get(CharModel.VOCABULARY_KEY))) {
        throw new IllegalArgumentException("resume: expected the text the run was trained on (vocabulary "
            + c.extraMetadata().get(CharModel.VOCABULARY_KEY) + "), found vocabulary " + corpus.vocabulary().toJson());
      }
      lm = new CharModel(c.model(), corpus.vocabulary());
      training = StreamTraining.resume(Trainer.<Batch>resume(c, tc).checkpointsIn(dir), c, streams, config.seqLen());
    } else {
      if (Boolean.TRUE.equals(tc.model().bidirectional())) {
        throw new IllegalArgumentException("model.bidirectional: a language model predicts the next character from "
            + "the past only, so it must be unidirectional; found true");
      }
      // The config's model overrides once more, for the ones CharModel.config takes no argument for (nonlinearity).
      ModelConfig mc = tc.model().applyTo(CharModel.config(config.cell(), corpus.vocabulary().size(), config.hidden(),
          config.layers(), config.dropout()).toBuilder().init(config.init()).initRadius(config.initRadius()).build());
      lm = new CharModel(new RnnModel(mc, tc.seed()), corpus.vocabulary());
      training = new StreamTraining(new Trainer<>(lm.model(), tc).checkpointsIn(dir), lm.model(), streams, config.seqLen());
    }
    Trainer<Batch> trainer = training.trainer();
    trainer.keepBest(() -> BitsPerCharacter.of(lm, validationSample), dir.resolve(MODEL_FILE), vocabulary);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("config.json"), config.toJson(), StandardCharsets.UTF_8);
    printHeader(corpus, lm, training, train.size(), validation.size(), validationSample.length);

    double trainSeconds = 0, last = Double.NaN;
    long tokens = 0, firstStep = training.updates();
    String stop = null;
    Path metricsFile = dir.resolve("metrics.csv");
    try (MetricsLog metrics = resume ? MetricsLog.resume(metricsFile, firstStep) : MetricsLog.create(metricsFile);
        TrainingProgress progress = TrainingProgress.create(out, err, terminal, Math.max(1, config.evalEvery() / 5))) {
      stop = budgetReached(training, trainer.elapsedSeconds());
      if (stop != null) {
        out.println("nothing to do: the run's budget is already used up (give a larger --steps, --epochs or --minutes)");
      }
      while (stop == null) {
        long t0 = System.nanoTime();
        double loss = training.step();
        trainSeconds += (System.nanoTime() - t0) / 1e9;
        tokens += training.tokensPerUpdate();
        long step = training.updates();
        double seconds = trainer.elapsedSeconds();
        stop = budgetReached(training, seconds);
        double tokensPerSecond = tokens / trainSeconds;
        progress.update(step - firstStep, stop != null ? step - firstStep : totalSteps(training, seconds) - firstStep,
            String.format(Locale.ROOT, "loss %.3f  %,.0f tok/s", loss, tokensPerSecond));
        double bpc = Double.NaN;
        if (step % config.evalEvery() == 0 || stop != null) {
          bpc = last = trainer.validate();
          if (stop == null && trainer.patienceRunOut()) {
            stop = "patience: " + tc.patience() + " validations without a new best";
          }
          Trainer.Best best = trainer.best();
          progress.message(String.format(Locale.ROOT,
              "step %d  epoch %.2f  loss %.4f  val %.3f bits/char  best %.3f at step %d  lr %.3g  %,.0f tok/s", step,
              training.epochs(), loss, bpc, best.score(), best.step(), trainer.learningRate(), tokensPerSecond));
          if (stop == null) {
            progress.message("  sample: " + sample(lm, PERIODIC_SAMPLE_LENGTH).replace("\n", "⏎"));
          }
        }
        metrics.row(step, training.epochs(), loss, bpc, tokensPerSecond, trainer.learningRate(), seconds);
        if (stop != null || (tc.checkpointEvery() > 0 && step % tc.checkpointEvery() == 0)) {
          metrics.flush();
          training.checkpoint(vocabulary).save(checkpointFile);
        }
      }
      metrics.plot(dir.resolve("loss.png"));
    }
    Trainer.Best best = trainer.best();
    Result result = new Result(best == null ? Double.NaN : best.score(), best == null ? -1 : best.step(), last,
        unigramEntropy(train, corpus.vocabulary().size()), training.updates(), training.epochs(),
        trainer.elapsedSeconds(), validationSample.length, stop);
    if (training.updates() > firstStep) {
      out.printf(Locale.ROOT, "trained %d steps (%.2f epochs, %,d tokens) in %.1f s, %,.0f tokens/s; stopped by %s%n",
          training.updates() - firstStep, training.epochs(), tokens, result.seconds(), tokens / trainSeconds, stop);
      out.printf(Locale.ROOT, "best validation: %.4f bits per character at step %d (last: %.4f at step %d; "
          + "unigram baseline %.4f; %,d validation characters)%n", result.best(), result.bestStep(), last,
          training.updates(), result.baseline(), validationSample.length);
      out.printf("sample of the best model (temperature %s):%n%s%n", config.temperature(),
          sample(CharModel.load(dir.resolve(MODEL_FILE)), FINAL_SAMPLE_LENGTH));
    }
    out.println("run directory " + dir + ": " + MODEL_FILE + " (the best model), checkpoint.safetensors (the last), "
        + "metrics.csv, loss.png, config.json");
    return result;
  }

  /** The JSON fields of {@code --json}, as {@code rnn task --json} has them plus the best step. */
  static Map<String, Object> jsonFields(Result r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("task", "charlm");
    m.put("metric", "bits_per_char");
    m.put("value", r.best());
    m.put("baseline", r.baseline());
    m.put("best_step", r.bestStep());
    m.put("seconds", Math.round(r.seconds() * 1000) / 1000.0);
    m.put("steps", r.steps());
    m.put("epochs", Math.round(r.epochs() * 1000) / 1000.0);
    m.put("last_value", r.last());
    m.put("validation_characters", r.validationChars());
    m.put("stop", r.stop());
    return m;
  }

  private TextCorpus load() throws IOException {
    if (config.data() == null) {
      return TextCorpus.of("built-in story corpus", StoryCorpus.defaultText());
    }
    try (ReadingProgress reading = new ReadingProgress(err, terminal)) {
      return TextCorpus.read(Path.of(config.data()), reading);
    }
  }

  /**
   * The naive reference: bits per character of the training text's own character frequencies,
   * {@code −Σ p_i log₂ p_i}, what a model that ignores all context scores at best.
   */
  static double unigramEntropy(Tokens tokens, int vocabularySize) {
    long[] counts = new long[vocabularySize];
    for (int i = 0; i < tokens.size(); i++) {
      counts[tokens.get(i)]++;
    }
    return unigramEntropy(counts);
  }

  /** {@link #unigramEntropy(Tokens, int)} of a text whose tokens occur {@code counts[id]} times. */
  static double unigramEntropy(long[] counts) {
    long total = java.util.Arrays.stream(counts).sum();
    double bits = 0;
    for (long c : counts) {
      if (c > 0) {
        double p = (double) c / total;
        bits -= p * Math.log(p) / Math.log(2);
      }
    }
    return bits;
  }

  private void printHeader(TextCorpus corpus, CharModel lm, StreamTraining training, int trainChars,
      int validationChars, int validatedChars) {
    TrainConfig tc = config.train();
    out.printf("data: %s, %,d characters (%,d train, %,d validation, the first %,d of them validate), vocabulary %d%n",
        corpus.name(), corpus.size(), trainChars, validationChars, validatedChars, corpus.vocabulary().size());
    out.printf("model: %s, hidden %d, layers %d, dropout %s, %,d parameters; %s lr %s (%s), batch %d x %d steps, clip %s%n",
        config.cell(), config.hidden(), config.layers(), config.dropout(), lm.model().parameters().size(), tc.optimizer(),
        tc.lr(), tc.schedule(), tc.batchSize(), config.seqLen(), tc.clipNorm());
    out.printf("budget: %s; %s %s%n", budget(training), resume ? "resuming at step " + training.updates() + " in"
        : "run directory", dir);
    out.flush();
  }

  private String sample(CharModel lm, int length) {
    return new Sampler(config.temperature(), 0, config.train().seed()).generate(lm, lm.defaultPrime(), length);
  }

  /** Which budget ran out ("step budget", …), or null while none has. */
  private String budgetReached(StreamTraining training, double seconds) {
    TrainConfig tc = config.train();
    if (tc.maxSteps() > 0 && training.updates() >= tc.maxSteps()) {
      return "the step budget";
    }
    if (training.epochs() >= tc.epochs()) {
      return "the epoch budget";
    }
    return tc.maxMinutes() > 0 && seconds >= tc.maxMinutes() * 60 ? "the time budget" : null;
  }

  /** The run's length in updates: exact for step and epoch budgets, extrapolated for a time budget. */
  private long totalSteps(StreamTraining training, double seconds) {
    TrainConfig tc = config.train();
    long step = training.updates();
    long total = (long) tc.epochs() * training.updatesPerEpoch();
    if (tc.maxSteps() > 0) {
      total = Math.min(total, tc.maxSteps());
    }
    if (tc.maxMinutes() > 0) {
      total = Math.min(total, Math.max(step + 1, Math.round(step * tc.maxMinutes() * 60 / seconds)));
    }
    return total;
  }

  private String budget(StreamTraining training) {
    TrainConfig tc = config.train();
    List<String> parts = new ArrayList<>();
    if (tc.maxSteps() > 0) {
      parts.add(tc.maxSteps() + " steps");
    }
    if (tc.maxMinutes() > 0) {
      parts.add(tc.maxMinutes() + " minutes");
    }
    if (tc.epochs() < CharLmConfig.UNLIMITED_EPOCHS || parts.isEmpty()) {
      parts.add(tc.epochs() + " epochs of " + training.updatesPerEpoch() + " steps");
    }
    if (tc.patience() > 0) {
      parts.add("patience " + tc.patience() + " validations");
    }
    return String.join(" or ", parts) + (parts.size() > 1 ? ", whichever comes first" : "");
  }
}
