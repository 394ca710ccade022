package org.rnn4j.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.rnn4j.layer.Fusion;
import org.rnn4j.layer.Init;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.optim.Optimizer;
import org.rnn4j.optim.Optimizers;
import org.rnn4j.train.TrainOptions;

/** What {@code train} on the user's own data (series or arrays) shares: model, optimizer and run-directory defaults. */
final class DataTraining {
  static final int HIDDEN = 32, EPOCHS = 20, BATCH = 32;
  static final double LR = 0.005, CLIP = 5.0; // 0.01 stalled Elman on the waves example for some seeds

  private DataTraining() {}

  /** The recurrent part as the options say; the head, loss and mapping are the caller's. */
  static ModelConfig.Builder model(TrainingOptions t) {
    ModelConfig.Builder b = ModelConfig.builder().hiddenSize(pick(t.hidden, HIDDEN))
        .numLayers(pick(t.layers, 1)).bidirectional(t.bidirectional).fusion(Fusion.parse(t.fusion)).dropout(t.dropout).init(Init.parse(t.init));
    if (t.cell != null) {
      b.cell(t.cell);
    }
    return b;
  }

  static Optimizer optimizer(TrainingOptions t) {
    double lr = t.lr != null ? t.lr : LR;
    return Optimizers.create(t.optimizer == null ? "adam" : t.optimizer, lr);
  }

  static TrainOptions trainOptions(TrainingOptions t) {
    return new TrainOptions(pick(t.epochs, EPOCHS), pick(t.batch, BATCH), t.clip != null ? t.clip : CLIP, 0, t.seed + 3);
  }

  static int epochs(TrainingOptions t) {
    return pick(t.epochs, EPOCHS);
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
