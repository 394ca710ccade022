package org.rnn4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rnn4j.cell.Cells;
import org.rnn4j.layer.Fusion;
import org.rnn4j.layer.Init;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.train.TrainConfig;
import org.rnn4j.train.Trainer;

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

  private DataTraining() {}

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

  /** These defaults (Adam) with the options given. */
  static TrainConfig training(TrainingOptions t) {
    return t.applyTo(TrainConfig.builder().epochs(EPOCHS).batchSize(BATCH).lr(LR).clipNorm(CLIP).seed(t.seed + 3).build());
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
