package org.rnn4j.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rnn4j.data.StoryCorpus;
import org.rnn4j.data.TextCorpus;
import org.rnn4j.data.TokenStreams;
import org.rnn4j.lm.BitsPerCharacter;
import org.rnn4j.lm.CharModel;
import org.rnn4j.lm.Sampler;
import org.rnn4j.optim.Adam;
import org.rnn4j.optim.Optimizer;
import org.rnn4j.optim.Sgd;
import org.rnn4j.train.StreamTraining;
import org.rnn4j.train.TrainOptions;
import org.rnn4j.train.Trainer;

/**
 * One run of the character language model: loads the text, trains with stateful truncated BPTT,
 * reports progress, validation bits per character and samples as it goes, and leaves the model,
 * the metrics, a loss curve and the effective config in the run directory.
 */
final class CharLmRun {
  /** Periodic validation reads this many validation characters (the final one reads all of them). */
  static final int PERIODIC_VALIDATION_CHARS = 10_000;
  static final int PERIODIC_SAMPLE_LENGTH = 200;
  static final int FINAL_SAMPLE_LENGTH = 500;

  private final CharLmSettings s;
  private final Path dir;
  private final PrintWriter out;
  private final boolean terminal;

  // Curves for the plot: training loss per update and validation at evaluation steps, in bits per character.
  private final List<double[]> trainCurve = new ArrayList<>();
  private final List<double[]> validationCurve = new ArrayList<>();

  CharLmRun(CharLmSettings settings, Path runDir, PrintWriter out, boolean terminal) {
    this.s = settings;
    this.dir = runDir;
    this.out = out;
    this.terminal = terminal;
  }

  /** Trains and writes the run directory; returns the final validation bits per character. */
  double run() throws IOException {
    TextCorpus corpus = s.data() == null
        ? TextCorpus.of("built-in story corpus", StoryCorpus.defaultText())
        : TextCorpus.read(Path.of(s.data()));
    int[] train = corpus.training(), validation = corpus.validation();
    CharModel lm = CharModel.create(corpus.vocabulary(), s.cell(), s.hidden(), s.layers(), s.dropout(), s.seed());
    Optimizer optimizer = optimizer();
    Trainer trainer = new Trainer(lm.model(), optimizer, new TrainOptions(1, s.batch(), s.clip(), 0, s.seed()));
    StreamTraining training = new StreamTraining(trainer, lm.model(), new TokenStreams(train, s.batch()), s.seqLen());
    Files.createDirectories(dir);
    writeConfig(corpus, lm, train.length, validation.length);
    out.printf("data: %s, %,d characters (%,d train, %,d validation), vocabulary %d%n", corpus.name(), corpus.size(),
        train.length, validation.length, corpus.vocabulary().size());
    out.printf("model: %s, hidden %d, layers %d, %,d parameters; %s lr %s, batch %d x %d steps, clip %s%n", s.cell(),
        s.hidden(), s.layers(), lm.model().parameters().size(), s.optimizer(), s.lr(), s.batch(), s.seqLen(), s.clip());
    out.printf("budget: %s; run directory %s%n", budget(training), dir);
    out.flush();

    int[] periodicValidation = Arrays.copyOf(validation, Math.min(validation.length, PERIODIC_VALIDATION_CHARS));
    long start = System.nanoTime();
    double trainSeconds = 0, validationBpc = Double.NaN;
    long tokens = 0;
    int step = 0;
    try (BufferedWriter metrics = Files.newBufferedWriter(dir.resolve("metrics.csv"), StandardCharsets.UTF_8);
        TrainingProgress progress = TrainingProgress.create(out, terminal, Math.max(1, s.evalEvery() / 5))) {
      metrics.write("step,epoch,loss,val_bpc,tokens_per_s,lr,seconds\n");
      boolean last = false;
      while (!last) {
        long t0 = System.nanoTime();
        double loss = training.step();
        trainSeconds += (System.nanoTime() - t0) / 1e9;
        tokens += training.tokensPerUpdate();
        step++;
        double seconds = (System.nanoTime() - start) / 1e9;
        last = budgetReached(step, training, seconds);
        double tokensPerSecond = tokens / trainSeconds;
        trainCurve.add(new double[] {step, loss / Math.log(2)});
        progress.update(step, last ? step : totalSteps(step, training, seconds),
            String.format(Locale.ROOT, "loss %.3f  %,.0f tok/s", loss, tokensPerSecond));
        String bpc = "";
        if (step % s.evalEvery() == 0 || last) {
          validationBpc = BitsPerCharacter.of(lm, last ? validation : periodicValidation);
          validationCurve.add(new double[] {step, validationBpc});
          bpc = String.format(Locale.ROOT, "%.4f", validationBpc);
          lm.save(dir.resolve("model.safetensors"), Map.of("rnn4j.trained_steps", String.valueOf(step)));
          if (!last) {
            progress.message(String.format(Locale.ROOT, "step %d  epoch %.2f  loss %.4f  val %.3f bits/char  %,.0f tok/s",
                step, training.epochs(), loss, validationBpc, tokensPerSecond));
            progress.message("  sample: " + oneLine(sample(lm, PERIODIC_SAMPLE_LENGTH)));
          }
        }
        metrics.write(String.format(Locale.ROOT, "%d,%.4f,%.6f,%s,%.1f,%s,%.2f%n", step, training.epochs(), loss, bpc,
            tokensPerSecond, optimizer.learningRate(), seconds));
      }
    }
    writePlot();
    double seconds = (System.nanoTime() - start) / 1e9;
    out.printf(Locale.ROOT, "trained %d steps (%.2f epochs, %,d tokens) in %.1f s, %,.0f tokens/s%n", step,
        training.epochs(), tokens, seconds, tokens / trainSeconds);
    out.printf(Locale.ROOT, "final validation: %.4f bits per character (%,d characters)%n", validationBpc, validation.length);
    out.printf("sample (temperature %s):%n%s%n", s.temperature(), sample(lm, FINAL_SAMPLE_LENGTH));
    out.println("wrote " + dir.resolve("model.safetensors") + ", metrics.csv, loss.png, config.json");
    return validationBpc;
  }

  private Optimizer optimizer() {
    return switch (s.optimizer()) {
      case "adam" -> new Adam(s.lr());
      case "sgd" -> new Sgd(s.lr());
      default -> throw new IllegalArgumentException("--optimizer: expected adam or sgd, found '" + s.optimizer() + "'");
    };
  }

  private String sample(CharModel lm, int length) {
    return new Sampler(s.temperature(), 0, s.seed()).generate(lm, lm.defaultPrime(), length);
  }

  private static String oneLine(String text) {
    return text.replace("\n", "⏎");
  }

  private boolean budgetReached(int step, StreamTraining training, double seconds) {
    return (s.steps() > 0 && step >= s.steps()) || (s.epochs() > 0 && training.epochs() >= s.epochs())
        || (s.minutes() > 0 && seconds >= s.minutes() * 60);
  }

  /** The run's length in updates: exact for step and epoch budgets, extrapolated for a time budget. */
  private long totalSteps(int step, StreamTraining training, double seconds) {
    long total = Long.MAX_VALUE;
    if (s.steps() > 0) {
      total = s.steps();
    }
    if (s.epochs() > 0) {
      total = Math.min(total, (long) s.epochs() * training.updatesPerEpoch());
    }
    if (s.minutes() > 0) {
      total = Math.min(total, Math.max(step + 1, Math.round(step * s.minutes() * 60 / seconds)));
    }
    return total;
  }

  private String budget(StreamTraining training) {
    List<String> parts = new ArrayList<>();
    if (s.steps() > 0) {
      parts.add(s.steps() + " steps");
    }
    if (s.epochs() > 0) {
      parts.add(s.epochs() + " epochs (" + training.updatesPerEpoch() + " steps each)");
    }
    if (s.minutes() > 0) {
      parts.add(s.minutes() + " minutes");
    }
    return String.join(" or ", parts) + (parts.size() > 1 ? ", whichever comes first" : "");
  }

  private void writeConfig(TextCorpus corpus, CharModel lm, int trainChars, int validationChars) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>(s.toMap());
    m.put("vocabulary_size", corpus.vocabulary().size());
    m.put("parameters", lm.model().parameters().size());
    m.put("train_characters", trainChars);
    m.put("validation_characters", validationChars);
    Files.writeString(dir.resolve("config.json"), Json.line(m) + "\n", StandardCharsets.UTF_8);
  }

  private void writePlot() throws IOException {
    Map<String, Plots.Series> series = new LinkedHashMap<>();
    series.put("train loss", columns(trainCurve));
    series.put("validation", columns(validationCurve));
    Plots.line(dir.resolve("loss.png"), "Character language model", "step", "bits per character", series, false);
  }

  private static Plots.Series columns(List<double[]> points) {
    double[] x = new double[points.size()], y = new double[points.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = points.get(i)[0];
      y[i] = points.get(i)[1];
    }
    return new Plots.Series(x, y);
  }
}
