package org.rnn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.rnn4j.data.StoryCorpus;
import org.rnn4j.lm.BitsPerCharacter;
import org.rnn4j.lm.CharModel;
import org.rnn4j.lm.Sampler;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.spark.RunDirectory;
import org.rnn4j.spark.SparkStreamTraining;
import org.rnn4j.spark.SparkTextStreams;
import org.rnn4j.spark.StreamWindow;
import org.rnn4j.train.Checkpoint;
import org.rnn4j.train.TrainConfig;
import org.rnn4j.train.Trainer;

/**
 * {@code rnn-spark train} of a character language model: {@link CharLmRun} with the text read by
 * Spark and the streams trained on the executors ({@link SparkStreamTraining}); the same output,
 * run directory (on any Hadoop file system) and model as {@code rnn train} with the same options.
 * Validation and samples run on the driver, on the validation part it collects. The driver's {@code
 * Trainer} validates ({@code keepBest}) in both modes, so {@code model.safetensors} is the best
 * validation's model (the last is in the checkpoint) and {@code --patience} stops as in {@code rnn
 * train}; in local SGD a validation comes after the round that passes an {@code --eval-every} step.
 */
final class SparkCharLmRun {
  private static final String SECONDS_KEY = "charlm.seconds";

  private final JavaSparkContext spark;
  private final int partitions;
  private final CharLmConfig config;
  private final RunDirectory dir;
  private final boolean resume;
  private final PrintWriter out;
  private final int localSgd; // steps per round of local SGD; 0: exact mode
  private double secondsBefore; // a resumed run's seconds before this session

  SparkCharLmRun(JavaSparkContext spark, int partitions, CharLmConfig config, RunDirectory dir, boolean resume,
      int localSgd, PrintWriter out) {
    this.localSgd = localSgd;
    this.spark = spark;
    this.partitions = partitions;
    this.config = config;
    this.dir = dir;
    this.resume = resume;
    this.out = out;
  }

  /** Trains and writes the run directory; returns what {@code rnn train} returns (its {@code --json} fields). */
  CharLmRun.Result run() throws IOException {
    TrainConfig tc = config.train();
    String name = config.data() == null ? "built-in story corpus" : config.data();
    try (SparkTextStreams streams = config.data() == null
        ? SparkTextStreams.of(SparkTextStreams.pieces(spark, StoryCorpus.defaultText(), partitions), name, tc.batchSize(),
            partitions, Integer.MAX_VALUE)
        : SparkTextStreams.fromText(spark, config.data(), tc.batchSize(), partitions, Integer.MAX_VALUE)) {
      int[] validation = streams.validation();
      if (validation.length < 2) {
        throw new IllegalArgumentException(name + ": expected at least 2 validation characters (the last 10 %), found "
            + validation.length + " in a text of " + streams.size() + " characters; use a longer text");
      }
      try (SparkStreamTraining training = start(streams)) {
        return train(training, streams, name, validation);
      }
    }
  }

  private SparkStreamTraining start(SparkTextStreams streams) throws IOException {
    TrainConfig tc = config.train();
    if (resume) {
      if (!dir.fetch(Trainer.CHECKPOINT_FILE)) {
        throw new IllegalArgumentException("--resume: expected " + Trainer.CHECKPOINT_FILE + " in " + dir + ", found none");
      }
      dir.fetch("metrics.csv");
      dir.fetch(CharLmRun.MODEL_FILE); // the best so far, which a resumed run replaces only by a better one
      Checkpoint<RnnModel> c = Checkpoint.load(dir.local().resolve(Trainer.CHECKPOINT_FILE));
      if (!streams.vocabulary().toJson().equals(c.extraMetadata().get(CharModel.VOCABULARY_KEY))) {
        throw new IllegalArgumentException("resume: expected the text the run was trained on (vocabulary "
            + c.extraMetadata().get(CharModel.VOCABULARY_KEY) + "), found vocabulary " + streams.vocabulary().toJson());
      }
      secondsBefore = Double.parseDouble(c.extraMetadata().getOrDefault(SECONDS_KEY, "0"));
      return SparkStreamTraining.resume(spark, c, streams, config.seqLen(), tc, localSgd);
    }
    if (Boolean.TRUE.equals(tc.model().bidirectional())) {
      throw new IllegalArgumentException("model.bidirectional: a language model predicts the next character from "
          + "the past only, so it must be unidirectional; found true");
    }
    ModelConfig mc = CharModel.config(config.cell(), streams.vocabulary().size(), config.hidden(), config.layers(),
        config.dropout()).toBuilder().init(config.init()).build();
    RnnModel model = new RnnModel(mc, tc.seed());
    return localSgd > 0 ? SparkStreamTraining.localSgd(spark, model, streams, config.seqLen(), tc, localSgd)
        : SparkStreamTraining.start(spark, model, streams, config.seqLen(), tc);
  }

  private CharLmRun.Result train(SparkStreamTraining training, SparkTextStreams streams, String name, int[] validation)
      throws IOException {
    TrainConfig tc = config.train();
    CharModel lm = new CharModel(training.model(), streams.vocabulary());
    Path local = dir.local();
    Files.writeString(local.resolve("config.json"), config.toJson(), StandardCharsets.UTF_8);
    dir.publish("config.json");
    out.printf("data: %s, %,d characters (%,d train, %,d validation, the first %,d of them validate), vocabulary %d; "
        + "%d partitions%n", name, streams.size(), streams.trainingSize(), streams.size() - streams.trainingSize(),
        Math.min(validation.length, CharLmRun.VALIDATION_CHARS), streams.vocabulary().size(), streams.partitions());
    out.printf("model: %s, hidden %d, layers %d, %,d parameters; %s lr %s (%s), batch %d x %d steps, clip %s%n",
        config.cell(), config.hidden(), config.layers(), lm.model().parameters().size(), tc.optimizer(), tc.lr(),
        tc.schedule(), tc.batchSize(), config.seqLen(), tc.clipNorm());
    out.printf("%s; %s %s%n", localSgd > 0 ? "local SGD, parameters and optimizer state averaged every " + localSgd
        + " steps" : "exact synchronous data parallelism", resume ? "resuming at step " + training.updates() + " in"
        : "run directory", dir);
    out.flush();
    int[] periodicValidation = Arrays.copyOf(validation, Math.min(validation.length, CharLmRun.VALIDATION_CHARS));
    Map<String, String> vocabulary = Map.of(CharModel.VOCABULARY_KEY, streams.vocabulary().toJson());
    Path modelFile = local.resolve(CharLmRun.MODEL_FILE);
    Trainer<StreamWindow> trainer = training.trainer(); // it keeps the best model and counts patience
    trainer.keepBest(() -> BitsPerCharacter.of(lm, periodicValidation), modelFile, vocabulary);
    long start = System.nanoTime(), firstStep = training.updates(), tokens = 0;
    double trainSeconds = 0, lastBpc = Double.NaN, seconds = secondsBefore;
    String stop;
    Path checkpointFile = local.resolve(Trainer.CHECKPOINT_FILE);
    Path metricsFile = local.resolve("metrics.csv");
    try (MetricsLog metrics = resume ? MetricsLog.resume(metricsFile, firstStep) : MetricsLog.create(metricsFile);
        TrainingProgress progress = TrainingProgress.create(out, out, false, Math.max(1, config.evalEvery() / 5))) {
      stop = budgetReached(training, seconds);
      if (stop != null) {
        out.println("nothing to do: the run's budget is already used up (give a larger --steps, --epochs or --minutes)");
      }
      while (stop == null) {
        long t0 = System.nanoTime(), before = training.updates();
        double loss = training.step(tc.maxSteps() > 0 ? tc.maxSteps() - before : Long.MAX_VALUE);
        trainSeconds += (System.nanoTime() - t0) / 1e9;
        long step = training.updates();
        tokens += training.tokensPerUpdate() * (step - before);
        seconds = secondsBefore + (System.nanoTime() - start) / 1e9;
        stop = budgetReached(training, seconds);
        double tokensPerSecond = tokens / trainSeconds;
        progress.update(step - firstStep, step - firstStep, String.format(Locale.ROOT, "loss %.3f  %,.0f tok/s", loss,
            tokensPerSecond));
        double bpc = Double.NaN;
        if (step / config.evalEvery() > before / config.evalEvery() || stop != null) { // a round of local SGD may pass several
          bpc = lastBpc = trainer.validate();
          if (trainer.best() != null && trainer.best().step() == step) {
            dir.publish(CharLmRun.MODEL_FILE); // a new best
          }
          if (stop == null && trainer.patienceRunOut()) {
            stop = "patience: " + tc.patience() + " validations without a new best";
          }
          String best = trainer.best() == null ? "" : String.format(Locale.ROOT, "  best %.3f at step %d",
              trainer.best().score(), trainer.best().step());
          progress.message(String.format(Locale.ROOT, "step %d  epoch %.2f  loss %.4f  val %.3f bits/char%s  %,.0f tok/s",
              step, training.epochs(), loss, bpc, best, tokensPerSecond));
        }
        metrics.row(step, training.epochs(), loss, bpc, tokensPerSecond, training.schedule().lr(step - 1), seconds);
        if (stop != null || (tc.checkpointEvery() > 0 && step / tc.checkpointEvery() > before / tc.checkpointEvery())) {
          metrics.flush();
          Map<String, String> meta = new java.util.LinkedHashMap<>(vocabulary);
          meta.put(SECONDS_KEY, Double.toString(seconds));
          training.checkpoint(meta).save(checkpointFile);
          dir.publish(Trainer.CHECKPOINT_FILE);
          dir.publish("metrics.csv");
        }
      }
      metrics.plot(local.resolve("loss.png"));
    }
    dir.publish("metrics.csv");
    dir.publish("loss.png");
    Trainer.Best best = trainer.best();
    CharLmRun.Result result = new CharLmRun.Result(best == null ? Double.NaN : best.score(), best == null ? -1 : best.step(),
        lastBpc, CharLmRun.unigramEntropy(streams.trainingCounts()), training.updates(), training.epochs(), seconds,
        periodicValidation.length, stop);
    if (training.updates() > firstStep) {
      out.printf(Locale.ROOT, "trained %d steps (%.2f epochs, %,d tokens) in %.1f s, %,.0f tokens/s; stopped by %s%n",
          training.updates() - firstStep, training.epochs(), tokens, seconds - secondsBefore, tokens / trainSeconds, stop);
      out.printf("distributed: %s%n", training.traffic());
      DataTraining.best(trainer, "validation bits per character"); // one line when no validation was finite (diverged)
      out.printf(Locale.ROOT, "best validation: %.4f bits per character at step %d (last: %.4f at step %d; unigram "
          + "baseline %.4f; %,d validation characters)%n", result.best(), result.bestStep(), lastBpc, training.updates(),
          result.baseline(), periodicValidation.length);
      CharModel saved = CharModel.load(modelFile);
      out.printf("sample of the best model (temperature %s):%n%s%n", config.temperature(),
          new Sampler(config.temperature(), 0, tc.seed()).generate(saved, saved.defaultPrime(), CharLmRun.FINAL_SAMPLE_LENGTH));
    }
    out.println("run directory " + dir + ": " + CharLmRun.MODEL_FILE + " (the best model), checkpoint.safetensors (the "
        + "last), metrics.csv, loss.png, config.json");
    return result;
  }

  /** Which budget ran out ("the step budget", …), or null while none has (as {@code rnn train} says it). */
  private String budgetReached(SparkStreamTraining training, double seconds) {
    TrainConfig tc = config.train();
    if (tc.maxSteps() > 0 && training.updates() >= tc.maxSteps()) {
      return "the step budget";
    }
    if (training.epochs() >= tc.epochs()) {
      return "the epoch budget";
    }
    return tc.maxMinutes() > 0 && seconds >= tc.maxMinutes() * 60 ? "the time budget" : null;
  }

}
