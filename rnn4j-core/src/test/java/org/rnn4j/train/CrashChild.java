package org.rnn4j.train;

import java.nio.file.Files;
import java.nio.file.Path;
import org.rnn4j.model.Batch;

/**
 * The child process of {@link CrashSafetyTest}: trains {@link TrainFixtures}' model for {@code
 * args[1]} steps in total with a checkpoint after every step into the run directory {@code
 * args[0]}, resuming from the checkpoint there when one exists, as {@code rnn train --resume}
 * does. Prints "started" once its first step's checkpoint is written (the JVM is warm then), "step N"
 * after each step, just before its checkpoint is written, and "done" at the end.
 */
public final class CrashChild {
  static final int EXAMPLES = 21;

  private CrashChild() {}

  static TrainConfig config(long steps) {
    return TrainConfig.builder().epochs(1_000_000).batchSize(4).maxSteps(steps).clipNorm(1.0).checkpointEvery(1)
        .seed(3).build();
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    TrainConfig config = config(Long.parseLong(args[1]));
    Path file = dir.resolve(Trainer.CHECKPOINT_FILE);
    Trainer<Batch> trainer = Files.exists(file) ? Trainer.resume(Checkpoint.load(file), config)
        : new Trainer<>(TrainFixtures.model(), config);
    long first = trainer.state().step() + 1;
    trainer.checkpointsIn(dir).onStep(info -> {
      if (info.step() == first + 1) { // the first step's checkpoint is written: the JVM is warm
        System.out.println("started");
      }
      System.out.println("step " + info.step()); // before this step's checkpoint is written
      System.out.flush();
    });
    trainer.fit(Batches.of(TrainFixtures.data(EXAMPLES)), null);
    System.out.println("done");
  }
}
