package org.rnn4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.UncheckedIOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.rnn4j.model.Batch;
import org.rnn4j.model.RnnModel;

/** A disk that fills up under a run: a clear error, and the last good checkpoint stays whole. */
class FullDiskTest {
  @Test
  void aFullDiskStopsTrainingWithAClearErrorAndKeepsThePreviousCheckpoint() throws Exception {
    long checkpointBytes;
    try (FileSystem roomy = Jimfs.newFileSystem(Configuration.unix())) {
      Path dir = roomy.getPath("/run");
      trainer(dir, 1).fit(Batches.of(TrainFixtures.data(21)), null);
      checkpointBytes = Files.size(dir.resolve(Trainer.CHECKPOINT_FILE));
    }
    // Room for one checkpoint but not for the temporary file of the next one beside it.
    Configuration small = Configuration.unix().toBuilder().setBlockSize(512)
        .setMaxSize(checkpointBytes + checkpointBytes / 2).build();
    try (FileSystem disk = Jimfs.newFileSystem(small)) {
      Path dir = disk.getPath("/run");
      Trainer<Batch> t = trainer(dir, 5);
      assertThatThrownBy(() -> t.fit(Batches.of(TrainFixtures.data(21)), null))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageStartingWith("writing a checkpoint into /run: ");
      Path file = dir.resolve(Trainer.CHECKPOINT_FILE);
      Checkpoint<RnnModel> kept = Checkpoint.load(file);
      assertThat(kept.state().step()).isEqualTo(1);
      try (var files = Files.list(dir)) {
        assertThat(files).containsExactly(file); // the torn temporary file is gone
      }
    }
  }

  private static Trainer<Batch> trainer(Path dir, long steps) {
    TrainConfig config = TrainConfig.builder().epochs(10).batchSize(4).seed(1).maxSteps(steps).checkpointEvery(1).build();
    return new Trainer<>(TrainFixtures.model(), config).checkpointsIn(dir);
  }
}
