package org.rnn4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.model.Batch;
import org.rnn4j.data.Example;
import org.rnn4j.io.FormatException;
import org.rnn4j.io.ModelFile;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.io.SafeTensorsFile;
import org.rnn4j.model.RnnModel;
import org.rnn4j.optim.Optimizer;
import org.rnn4j.optim.Optimizers;
import org.rnn4j.optim.Schedule;

class CheckpointTest {
  @TempDir Path dir;

  private static final List<Example> DATA = TrainFixtures.data(21); // 21 examples, batch 4: 6 batches per epoch
  private static final Schedule SCHEDULE = new Schedule.Warmup(3, new Schedule.Cosine(0.02, 0.001, 30));

  private static TrainConfig options(long maxSteps) {
    return TrainConfig.builder().epochs(5).batchSize(4).clipNorm(1.0).seed(3).maxSteps(maxSteps).build();
  }

  private static Trainer<Batch> fresh(String optimizer, long maxSteps) {
    Optimizer opt = Optimizers.create(optimizer, 0.02, optimizer.equals("rmsprop") ? Map.of("centered", true) : Map.of());
    return new Trainer<>(TrainFixtures.model(), opt, SCHEDULE, options(maxSteps));
  }

  @Test
  void interruptedAndResumedRunEndsBitIdenticalToAStraightOne() throws IOException {
    int total = 20;
    for (String name : List.of("adamw", "nesterov", "rmsprop", "adagrad")) {
      Trainer<Batch> straight = fresh(name, total);
      straight.fit(Batches.of(DATA), null);
      for (int k : new int[] {9, 12}) { // mid-epoch, and exactly at an epoch's end
        Path file = dir.resolve(name + k + ".safetensors");
        Trainer<Batch> first = fresh(name, k);
        first.fit(Batches.of(DATA), null);
        first.checkpoint().save(file);

        Trainer<Batch> resumed = Trainer.resume(Checkpoint.load(file), options(total));
        resumed.fit(Batches.of(DATA), null);
        assertThat(resumed.model().parameters().values()).as(name + " k=" + k)
            .containsExactly(straight.model().parameters().values());
        assertThat(resumed.optimizer().exportState().buffers().values())
            .usingRecursiveFieldByFieldElementComparator()
            .containsExactlyElementsOf(straight.optimizer().exportState().buffers().values());
        assertThat(resumed.state()).as(name).isEqualTo(withElapsed(straight.state(), resumed.state().elapsedSeconds()));
        assertThat(resumed.model().trainingRng().state())
            .isEqualTo(straight.model().trainingRng().state());
      }
    }
  }

  private static TrainState withElapsed(TrainState s, double elapsed) {
    return new TrainState(s.step(), s.epoch(), s.batchIndex(), s.epochShuffleState(), s.tokens(), s.skipped(),
        s.epochLossSum(), s.epochMaxGradNorm(), s.epochBatches(), elapsed, s.batchSize(), s.examples(), s.bestStep(),
        s.bestScore(), s.sinceBest());
  }

  @Test
  void aCheckpointLoadsAsAModel() throws IOException {
    Trainer<Batch> t = fresh("adam", 3);
    t.fit(Batches.of(DATA), null);
    Path file = dir.resolve("c.safetensors");
    t.checkpoint().save(file);
    RnnModel m = ModelFile.load(file);
    assertThat(m.fileMetadata()).isEqualTo(t.model().fileMetadata());
    assertThat(m.parameters().values()).containsExactly(t.model().parameters().values());
    Checkpoint<RnnModel> c = Checkpoint.load(file);
    assertThat(c.schedule()).isEqualTo(SCHEDULE);
    assertThat(c.optimizer().name()).isEqualTo("adam");
    assertThat(c.optimizer().hyperParameters()).isEqualTo(t.optimizer().hyperParameters());
    assertThat(c.state().step()).isEqualTo(3);
  }

  @Test
  void aPoisonedCheckpointIsNeverWritten() throws IOException {
    Trainer<Batch> t = fresh("adam", 2);
    t.fit(Batches.of(DATA), null);
    Path file = dir.resolve("c.safetensors");
    t.checkpoint().save(file);
    byte[] good = Files.readAllBytes(file);
    t.model().parameters().values()[5] = Float.NaN;
    assertThatThrownBy(() -> t.checkpoint().save(file))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not written (any previous one is kept)")
        .hasMessageContaining("expected finite values, found NaN at flat index");
    assertThat(Files.readAllBytes(file)).isEqualTo(good);
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void aTruncatedOrIncompleteCheckpointIsRejectedWithTheReason() throws IOException {
    Trainer<Batch> t = fresh("adam", 2);
    t.fit(Batches.of(DATA), null);
    Path file = dir.resolve("c.safetensors");
    t.checkpoint().save(file);
    byte[] bytes = Files.readAllBytes(file);
    Path torn = Files.write(dir.resolve("torn.safetensors"), java.util.Arrays.copyOf(bytes, bytes.length - 10));
    assertThatThrownBy(() -> Checkpoint.load(torn)).isInstanceOf(FormatException.class);

    SafeTensorsFile f = SafeTensors.read(file);
    Map<String, String> meta = new java.util.LinkedHashMap<>(f.metadata());
    meta.remove("train.batch_index");
    Path incomplete = dir.resolve("incomplete.safetensors");
    SafeTensors.write(incomplete, f.tensors(), meta);
    assertThatThrownBy(() -> Checkpoint.load(incomplete))
        .isInstanceOf(FormatException.class)
        .hasMessage(incomplete + ": checkpoint metadata: expected key 'train.batch_index', found none");
  }

  @Test
  void aPlainModelFileIsNotACheckpoint() throws IOException {
    Path file = dir.resolve("m.safetensors");
    ModelFile.save(file, TrainFixtures.model());
    assertThatThrownBy(() -> Checkpoint.load(file))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("expected a checkpoint (metadata 'rnn4j.checkpoint' = 1), found no such key");
  }

  @Test
  void resumingWithAnotherBatchSizeOrDataSetIsRefused() throws IOException {
    Trainer<Batch> t = fresh("adam", 2);
    t.fit(Batches.of(DATA), null);
    Path file = dir.resolve("c.safetensors");
    t.checkpoint().save(file);
    assertThatThrownBy(() -> Trainer.resume(Checkpoint.load(file), TrainConfig.builder().epochs(5).batchSize(8).seed(3).build()))
        .hasMessage("resume: expected batch size 4 (the checkpoint's), found 8");
    Trainer<Batch> r = Trainer.resume(Checkpoint.load(file), options(4));
    assertThatThrownBy(() -> r.fit(Batches.of(DATA.subList(0, 10)), null))
        .hasMessage("resume: expected the checkpoint's 21 training examples, found 10");
  }
}
