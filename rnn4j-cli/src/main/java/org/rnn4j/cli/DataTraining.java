package org.rnn4j.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.rnn4j.layer.Fusion;
import org.rnn4j.layer.Init;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.train.TrainConfig;

/** What {@code train} on the user's own data (series or arrays) shares: model, optimizer and run-directory defaults. */
final class DataTraining {
  static final int HIDDEN = 32, EPOCHS = 20, BATCH = 32;
  static final double LR = 0.005, CLIP = 5.0; // 0.01 stalled Elman on the waves example for some seeds

  private DataTraining() {}

  /** The recurrent part as the options say; the head, loss and mapping are the caller's. */
  static ModelConfig.Builder model(TrainingOptions t) {
    ModelConfig.Builder b = ModelConfig.builder().hiddenSize(pick(t.hidden, HIDDEN))
        .numLayers(pick(t.layers, 1)).bidirectional(t.bidirectional).fusion(Fusion.parse(t.fusion)).dropout(t.dropout).init(Init.parse(t.init))
        .initRadius(t.initRadius);
    if (t.cell != null) {
      b.cell(t.cell);
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

  private static int pick(Integer v, int dflt) {
    return v != null && v > 0 ? v : dflt;
  }
}
