package org.rnn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rnn4j.data.StoryCorpus;
import org.rnn4j.data.TextCorpus;
import org.rnn4j.data.TokenStreams;
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
 * reports progress, validation bits per character and samples as it goes, checkpoints, and
 * leaves the model, the metrics, a loss curve and the effective config in the run directory.
 */
final class CharLmRun {
  /** Periodic validation reads this many validation characters (the final one reads all of them). */
  static final int PERIODIC_VALIDATION_CHARS = 10_000;
  static final int PERIODIC_SAMPLE_LENGTH = 200;
  static final int FINAL_SAMPLE_LENGTH = 500;
  private static final String SECONDS_KEY = "charlm.seconds";

  private final CharLmConfig config;
  private final Path dir;
  private final boolean resume;
  private final PrintWriter out;
  private final boolean terminal;

  CharLmRun(CharLmConfig config, Path runDir, boolean resume, PrintWriter out, boolean terminal) {
    this.config = config;
    this.dir = runDir;
    this.resume = resume;
    this.out = out;
    this.terminal = terminal;
  }

  /** Trains and writes the run directory; returns the final validation bits per character. */
  double run() throws IOException {
    TextCorpus corpus = config.data() == null
        ? TextCorpus.of("built-in story corpus", StoryCorpus.defaultText())
        : TextCorpus.read(Path.of(config.data()));
    int[] train = corpus.training(), validation = corpus.validation();
    if (validation.length < 2) {
      throw new IllegalArgumentException(corpus.name() + ": expected at least 2 validation characters (the last 10 %),"
          + " found " + validation.length + " in a text of " + corpus.size() + " characters; use a longer text");
    }
    TrainConfig tc = config.train();
    TokenStreams streams = new TokenStreams(train, tc.batchSize());
    CharModel lm;
    StreamTraining training;
    double secondsBefore = 0;
    Path checkpointFile = dir.resolve(Trainer.CHECKPOINT_FILE);
    if (resume) {
      Checkpoint<RnnModel> c = Checkpoint.load(checkpointFile);
      if (!corpus.vocabulary().toJson().equals(c.extraMetadata().get(CharModel.VOCABULARY_KEY))) {
        throw new IllegalArgumentException("resume: expected the text the run was trained on (vocabulary "
            + c.extraMetadata().get(CharModel.VOCABULARY_KEY) + "), found vocabulary " + corpus.vocabulary().toJson());
      }
      lm = new CharModel(c.model(), corpus.vocabulary());
      training = StreamTraining.resume(Trainer.<Batch>resume(c, tc).checkpointsIn(dir), c, streams, config.seqLen());
      secondsBefore = Double.parseDouble(c.extraMetadata().getOrDefault(SECONDS_KEY, "0"));
    } else {
      if (Boolean.TRUE.equals(tc.model().bidirectional())) {
        throw new IllegalArgumentException("model.bidirectional: a language model predicts the next character from "
            + "the past only, so it must be unidirectional; found true");
      }
      ModelConfig mc = CharModel.config(config.cell(), corpus.vocabulary().size(), config.hidden(), config.layers(),
          config.dropout()).toBuilder().init(config.init()).initRadius(config.initRadius()).build();
      lm = new CharModel(new RnnModel(mc, tc.seed()), corpus.vocabulary());
      Trainer<Batch> trainer = new Trainer<>(lm.model(), tc).checkpointsIn(dir);
      training = new StreamTraining(trainer, lm.model(), streams, config.seqLen());
    }
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("config.json"), config.toJson(), StandardCharsets.UTF_8);
    printHeader(corpus, lm, training, train.length, validation.length);

    int[] periodicValidation = Arrays.copyOf(validation, Math.min(validation.length, PERIODIC_VALIDATION_CHARS));
    long start = System.nanoTime();
    double trainSeconds = 0, validationBpc = Double.NaN, seconds = secondsBefore;
    long tokens = 0, firstStep = training.updates();
    Path metricsFile = dir.resolve("metrics.csv");
    try (MetricsLog metrics = resume ? MetricsLog.resume(metricsFile, firstStep) : MetricsLog.create(metricsFile);
        TrainingProgress progress = TrainingProgress.create(out, terminal, Math.max(1, config.evalEvery() / 5))) {
      boolean last = budgetReached(training, seconds);
      if (last) {
        out.println("nothing to do: the run's budget is already used up (give a larger --steps, --epochs or --minutes)");
      }
      while (!last) {
        long t0 = System.nanoTime();
        double loss = training.step();
        trainSeconds += (System.nanoTime() - t0) / 1e9;
        tokens += training.tokensPerUpdate();
        long step = training.updates();
        seconds = secondsBefore + (System.nanoTime() - start) / 1e9;
        last = budgetReached(training, seconds);
        double tokensPerSecond = tokens / trainSeconds;
        progress.update(step - firstStep, last ? step - firstStep : totalSteps(training, seconds) - firstStep,
            String.format(Locale.ROOT, "loss %.3f  %,.0f tok/s", loss, tokensPerSecond));
        double bpc = Double.NaN;
        if (step % config.evalEvery() == 0 || last) {
          bpc = validationBpc = BitsPerCharacter.of(lm, last ? validation : periodicValidation);
          lm.save(dir.resolve("model.safetensors"), Map.of("rnn4j.trained_steps", Long.toString(step)));
          if (!last) {
            progress.message(String.format(Locale.ROOT, "step %d  epoch %.2f  loss %.4f  val %.3f bits/char  %,.0f tok/s",
                step, training.epochs(), loss, validationBpc, tokensPerSecond));
            progress.message("  sample: " + sample(lm, PERIODIC_SAMPLE_LENGTH).replace("\n", "⏎"));
          }
        }
        metrics.row(step, training.epochs(), loss, bpc, tokensPerSecond,
            training.trainer().schedule().lr(step - 1), seconds);
        if (last || (tc.checkpointEvery() > 0 && step % tc.checkpointEvery() == 0)) {
          metrics.flush();
          training.checkpoint(Map.of(CharModel.VOCABULARY_KEY, corpus.vocabulary().toJson(),
              SECONDS_KEY, Double.toString(seconds))).save(checkpointFile);
        }
      }
      metrics.plot(dir.resolve("loss.png"));
    }
    if (training.updates() > firstStep) {
      out.printf(Locale.ROOT, "trained %d steps (%.2f epochs, %,d tokens) in %.1f s, %,.0f tokens/s%n",
          training.updates() - firstStep, training.epochs(), tokens, seconds - secondsBefore, tokens / trainSeconds);
      out.printf(Locale.ROOT, "final validation: %.4f bits per character (%,d characters)%n", validationBpc,
          validation.length);
      out.printf("sample (temperature %s):%n%s%n", config.temperature(), sample(lm, FINAL_SAMPLE_LENGTH));
    }
    out.println("run directory " + dir + ": model.safetensors, checkpoint.safetensors, metrics.csv, loss.png, config.json");
    return validationBpc;
  }

  private void printHeader(TextCorpus corpus, CharModel lm, StreamTraining training, int trainChars, int validationChars) {
    TrainConfig tc = config.train();
    out.printf("data: %s, %,d characters (%,d train, %,d validation), vocabulary %d%n", corpus.name(), corpus.size(),
        trainChars, validationChars, corpus.vocabulary().size());
    out.printf("model: %s, hidden %d, layers %d, %,d parameters; %s lr %s (%s), batch %d x %d steps, clip %s%n",
        config.cell(), config.hidden(), config.layers(), lm.model().parameters().size(), tc.optimizer(), tc.lr(),
        tc.schedule(), tc.batchSize(), config.seqLen(), tc.clipNorm());
    out.printf("budget: %s; %s %s%n", budget(training), resume ? "resuming at step " + training.updates() + " in"
        : "run directory", dir);
    out.flush();
  }

  private String sample(CharModel lm, int length) {
    return new Sampler(config.temperature(), 0, config.train().seed()).generate(lm, lm.defaultPrime(), length);
  }

  private boolean budgetReached(StreamTraining training, double seconds) {
    TrainConfig tc = config.train();
    return (tc.maxSteps() > 0 && training.updates() >= tc.maxSteps()) || training.epochs() >= tc.epochs()
        || (tc.maxMinutes() > 0 && seconds >= tc.maxMinutes() * 60);
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
    return String.join(" or ", parts) + (parts.size() > 1 ? ", whichever comes first" : "");
  }
}
