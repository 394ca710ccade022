package org.rnn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.rnn4j.cell.Cells;
import org.rnn4j.layer.Fusion;
import org.rnn4j.layer.Init;
import org.rnn4j.model.Batch;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.Trainable;
import org.rnn4j.train.Checkpoint;
import org.rnn4j.train.TrainConfig;
import org.rnn4j.train.TrainState;
import org.rnn4j.train.Trainer;
import picocli.CommandLine.ParseResult;

/**
 * What {@code train} on the user's own data (series or arrays) shares: model, optimizer and
 * run-directory defaults, and the report of the best validation. The run directory's
 * {@code model.safetensors} is the model of the best validation so far ({@link Trainer#keepBest});
 * {@code checkpoint.safetensors} is the last one.
 */
final class DataTraining {
  static final int HIDDEN = 32, EPOCHS = 20, BATCH = 32;
  static final double LR = 0.005, CLIP = 5.0; // 0.01 stalled Elman on the waves example for some seeds
  static final String MODEL_FILE = "model.safetensors";

  /** The options of {@code train} that every run on own data reads, besides its form's own. */
  private static final Set<String> COMMON = Set.of("--run-dir", "--json", "--debug", "--threads");

  private DataTraining() {}

  /**
   * Refuses every option given that a form of training does not read, so none is silently
   * ignored (e.g. the language model's --steps or --resume with --forecast): allowed are {@code
   * own}, the options of the {@code mixins} named (fields of {@code TrainCommand}) and the common ones.
   */
  static void requireOnly(ParseResult parsed, String form, String what, Set<String> own, String... mixins) {
    Set<String> allowed = new TreeSet<>(COMMON);
    allowed.addAll(own);
    for (String mixin : mixins) {
      parsed.commandSpec().mixins().get(mixin).options().forEach(option -> allowed.add(option.longestName()));
    }
    GivenOptions.requireOnly(parsed, allowed, form + ": not options of " + what + ", found ");
  }

  /** The recurrent part as the options say; the head, loss and mapping are the caller's. */
  static ModelConfig.Builder model(TrainingOptions t) {
    return model(t, "elman");
  }

  /** As {@link #model(TrainingOptions)}, with another cell when --cell is not given. */
  static ModelConfig.Builder model(TrainingOptions t, String defaultCell) {
    ModelConfig.Builder b = ModelConfig.builder().hiddenSize(pick(t.hidden, HIDDEN))
        .numLayers(pick(t.layers, 1)).bidirectional(t.bidirectional).fusion(Fusion.parse(t.fusion)).dropout(t.dropout).init(Init.parse(t.init))
        .initRadius(t.initRadius);
    b.cell(t.cell != null ? t.cell : defaultCell);
    if (t.nonlinearity() != null) {
      Cells.requireNonlinearity(b.build().cell());
      b.nonlinearity(t.nonlinearity());
    }
    return b;
  }

  /** What a resumed run may be given besides its data: its budgets; the rest is the run's. */
  private static final Set<String> RESUMABLE = Set.of("--resume", "--epochs", "--patience", "--run-dir", "--json", "--debug",
      "--threads");
  static final String CONFIG_FILE = "config.json";

  /** A run on own data as it starts: its directory, its model and the trainer of it. */
  record Start<M extends Trainable<Batch>>(Path dir, M model, Trainer<Batch> trainer, boolean resumed) {
    /** Says where a resumed run continues; nothing for a new one. */
    void printResumed(PrintWriter out) {
      if (resumed) {
        DataTraining.printResumed(out, trainer, dir);
      }
    }
  }

  /** Says where a resumed run continues. */
  static void printResumed(PrintWriter out, Trainer<?> trainer, Object dir) {
    out.printf("resuming at step %d, in epoch %d, in %s%n", trainer.state().step(), trainer.state().epoch(), dir);
  }

  /** A run to continue: its training settings, with the budgets given now, and its checkpoint. */
  record Resumed<M extends Trainable<?>>(TrainConfig config, Checkpoint<M> checkpoint) {}

  /**
   * Starts a run: in a new run directory with the model {@code fresh} makes and {@link
   * #training}'s settings, or, with {@code resume} (--resume DIR), from DIR's checkpoint (model,
   * optimizer, schedule and the position in the data, so the run continues as if never stopped)
   * and DIR's {@value #CONFIG_FILE} (the training settings) with the budgets given now. A resumed
   * run may be given only its data options ({@code data}) and budgets. Writes {@value #CONFIG_FILE}.
   */
  static <M extends Trainable<Batch>> Start<M> start(Path runDir, Path resume, TrainingOptions t, ParseResult parsed,
      Set<String> data, Supplier<M> fresh, Checkpoint.ModelReader<M> reader) throws IOException {
    if (resume == null) {
      Path dir = runDirectory(runDir);
      Files.createDirectories(dir);
      TrainConfig train = training(t);
      Files.writeString(dir.resolve(CONFIG_FILE), train.toJson());
      M model = fresh.get();
      return new Start<>(dir, model, new Trainer<>(model, train), false);
    }
    requireResumable(parsed, data, runDir == null ? null : runDir.toString(), resume.toString());
    if (!Files.isRegularFile(resume.resolve(CONFIG_FILE)) || !Files.isRegularFile(resume.resolve(Trainer.CHECKPOINT_FILE))) {
      throw noRun(Files.isDirectory(resume), resume.toString());
    }
    Resumed<M> r = readRun(resume, t, reader);
    return new Start<>(resume, r.checkpoint().model(), Trainer.resume(r.checkpoint(), r.config()), true);
  }

  /**
   * Refuses what a resumed run may not be given: options other than its data options ({@code
   * data}) and budgets, and a {@code --run-dir} other than the run's own.
   */
  static void requireResumable(ParseResult parsed, Set<String> data, String runDir, String resume) {
    Set<String> allowed = new TreeSet<>(RESUMABLE);
    allowed.addAll(data);
    GivenOptions.requireOnly(parsed, allowed, "--resume: expected only the data and budget options (--epochs, --patience;"
        + " the rest is the run's " + CONFIG_FILE + "), found ");
    if (runDir != null && !runDir.equals(resume)) {
      throw new IllegalArgumentException("--run-dir: a resumed run continues in its own directory " + resume + ", found " + runDir);
    }
  }

  /**
   * The run in {@code dir} (which holds its {@value #CONFIG_FILE} and checkpoint): its settings with
   * the budgets given now (written back to {@value #CONFIG_FILE}) and its checkpoint, read by {@code reader}.
   */
  static <M extends Trainable<?>> Resumed<M> readRun(Path dir, TrainingOptions t, Checkpoint.ModelReader<M> reader)
      throws IOException {
    Path config = dir.resolve(CONFIG_FILE);
    TrainConfig train = t.applyTo(TrainConfig.read(config));
    Files.writeString(config, train.toJson());
    return new Resumed<>(train, Checkpoint.load(dir.resolve(Trainer.CHECKPOINT_FILE), reader));
  }

  /** The error of a --resume without a run in {@code resume} (a directory there, or none). */
  static IllegalArgumentException noRun(boolean directory, String resume) {
    return new IllegalArgumentException("--resume: expected a run directory with " + CONFIG_FILE + " and "
        + Trainer.CHECKPOINT_FILE + ", found " + (directory ? "a directory without them: " : "no directory ") + resume);
  }

  /** The training settings' seed is --seed + this; the model's initialisation draws from --seed itself. */
  private static final long TRAINING_SEED_OFFSET = 3;

  /** These defaults (Adam) with the options given. */
  static TrainConfig training(TrainingOptions t) {
    return t.applyTo(TrainConfig.builder().epochs(EPOCHS).batchSize(BATCH).lr(LR).clipNorm(CLIP)
        .seed(t.seed + TRAINING_SEED_OFFSET).build());
  }

  /**
   * The --seed a run started with, from its training settings: a resumed run, which is not given
   * --seed again, draws its data split from this, so it splits its data as its start did.
   */
  static long startSeed(TrainConfig config) {
    return config.seed() - TRAINING_SEED_OFFSET;
  }

  /** {@link #startSeed(TrainConfig)} of the run {@code resume} names (null: --seed, a new run). */
  static long startSeed(Path resume, TrainingOptions t) throws IOException {
    Path config = resume == null ? null : resume.resolve(CONFIG_FILE);
    return config != null && Files.isRegularFile(config) ? startSeed(TrainConfig.read(config)) : t.seed; // none: start() says so
  }

  static Path runDirectory(Path runDir) {
    return runDir != null ? runDir : Path.of("runs", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
  }

  static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  /** Whether the validation that just ran (at the end of an epoch) set a new best. */
  static boolean isNewBest(Trainer<?> trainer) {
    return trainer.best() != null && trainer.best().step() == trainer.state().step();
  }

  /** The trainer's best, or an error when no validation gave a finite score. */
  static Trainer.Best best(Trainer<?> trainer, String metric) {
    if (trainer.best() == null) {
      throw new IllegalArgumentException("validation: expected a finite " + metric + " after some epoch, found none "
          + "(training diverged; try a lower --lr)");
    }
    return trainer.best();
  }

  /**
   * The epoch of the trainer's best validation so far, 0 before any: these runs validate at the end
   * of each epoch, so on a resumed run it follows from the best step and the steps per epoch its
   * state shows (the steps of the epochs it finished).
   */
  static int bestEpoch(Trainer<?> trainer) {
    TrainState s = trainer.state();
    if (trainer.best() == null || s.epoch() <= 1) {
      return 0;
    }
    long perEpoch = (s.step() - s.batchIndex()) / (s.epoch() - 1);
    return perEpoch <= 0 ? 0 : (int) ((trainer.best().step() + perEpoch - 1) / perEpoch);
  }

  /** Says where the best and the last model are, and why training stopped when it stopped early. */
  static void printFiles(PrintWriter out, Trainer<?> trainer, Path dir, int bestEpoch) {
    if (trainer.stopReason() == Trainer.StopReason.PATIENCE) {
      out.printf("stopped early: %d validations in a row without a new best (--patience %d)%n", trainer.config().patience(),
          trainer.config().patience());
    }
    out.printf("best model (step %d, epoch %d) written to %s; the last (step %d) is in %s%n", trainer.best().step(), bestEpoch,
        dir.resolve(MODEL_FILE), trainer.state().step(), dir.resolve(Trainer.CHECKPOINT_FILE));
  }

  /** The fields every {@code --json} result line of {@code train} on own data starts with, as {@code rnn task --json}. */
  static Map<String, Object> jsonFields(String task, String metric, double value, double baseline, Trainer<?> trainer,
      int bestEpoch, int epochs, double seconds) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("task", task);
    m.put("metric", metric);
    m.put("value", value);
    m.put("baseline", baseline);
    m.put("best_step", trainer.best().step());
    m.put("best_epoch", bestEpoch);
    m.put("seconds", Math.round(seconds * 1000) / 1000.0);
    m.put("epochs", epochs);
    m.put("steps", trainer.state().step());
    m.put("stop", trainer.stopReason().name().toLowerCase(java.util.Locale.ROOT));
    return m;
  }

  private static int pick(Integer v, int dflt) {
    return v != null && v > 0 ? v : dflt;
  }
}
