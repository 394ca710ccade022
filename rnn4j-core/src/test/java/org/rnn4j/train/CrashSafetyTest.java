package org.rnn4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.model.Batch;
import org.rnn4j.model.RnnModel;

/**
 * Kills a training run with SIGKILL at random moments, again and again, and checks after every
 * kill that the run directory's checkpoint loads; then lets the run finish and checks that it
 * ends with exactly the weights of a run that was never interrupted (one thread). The run writes
 * a checkpoint after every step of a tiny model, so most of its time is spent writing
 * checkpoints: each kill comes two steps after the child is warm plus a random fraction of the
 * time one step takes, and most land inside a write (a temporary file left behind shows that one
 * did).
 */
class CrashSafetyTest {
  static final int KILLS = 50;
  static final long STEPS = 250;

  @TempDir Path dir;

  @Test
  void aKilledRunAlwaysLeavesALoadableCheckpointAndResumesToTheSameWeights() throws Exception {
    Random delays = new Random(1);
    int insideWrite = 0, beforeFirstCheckpoint = 0;
    long lastStep = 0;
    for (int kill = 0; kill < KILLS; kill++) {
      Process child = start();
      BufferedReader lines = awaitLine(child, "started");
      lines.readLine();
      long t0 = System.nanoTime();
      lines.readLine();
      long stepNanos = System.nanoTime() - t0; // one step and its checkpoint on this machine, now
      LockSupport.parkNanos((long) (delays.nextDouble() * stepNanos)); // somewhere inside the next one
      child.destroyForcibly(); // SIGKILL on Linux
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      try (var files = Files.list(dir)) {
        insideWrite += files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp")) ? 1 : 0;
      }
      Path file = dir.resolve(Trainer.CHECKPOINT_FILE);
      if (!Files.exists(file)) {
        beforeFirstCheckpoint++;
        continue;
      }
      long step = Checkpoint.load(file).state().step(); // loads, or the test fails here
      assertThat(step).as("kill " + kill).isGreaterThanOrEqualTo(lastStep).isLessThan(STEPS);
      lastStep = step;
    }
    Process last = start();
    awaitLine(last, "done");
    assertThat(last.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(last.exitValue()).isZero();

    Trainer<Batch> straight = new Trainer<>(TrainFixtures.model(), CrashChild.config(STEPS));
    straight.fit(Batches.of(TrainFixtures.data(CrashChild.EXAMPLES)), null);
    Checkpoint<RnnModel> resumed = Checkpoint.load(dir.resolve(Trainer.CHECKPOINT_FILE));
    assertThat(resumed.state().step()).isEqualTo(STEPS);
    assertThat(resumed.model().parameters().values()).containsExactly(straight.model().parameters().values());
    System.out.printf("crash safety: %d kills (%d left a half-written temporary file, %d came before the first"
        + " checkpoint), the last at step %d of %d; resumed to the uninterrupted run's weights%n", KILLS, insideWrite,
        beforeFirstCheckpoint, lastStep, STEPS);
    assertThat(insideWrite).as("kills that landed inside a checkpoint write").isPositive();
  }

  private Process start() throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(List.of(java, "--add-modules", "jdk.incubator.vector", "-cp",
        System.getProperty("java.class.path"), CrashChild.class.getName(), dir.toString(), Long.toString(STEPS)))
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  /** Reads the child's output up to {@code line}; returns the reader, positioned after it. */
  private static BufferedReader awaitLine(Process p, String line) throws IOException {
    BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    for (String l = r.readLine(); l != null; l = r.readLine()) {
      if (l.equals(line)) {
        return r;
      }
    }
    throw new AssertionError("the child ended without printing '" + line + "' (exit " + p.exitValue() + ")");
  }
}
