package org.rnn4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.model.Batch;
import org.rnn4j.model.RnnModel;
import org.rnn4j.data.Example;
import org.rnn4j.io.ModelFile;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.optim.Adam;
import org.rnn4j.optim.Schedule;
import org.rnn4j.tensor.Parameters;
import org.rnn4j.tensor.Tensor;

class TrainerTest {
  @TempDir Path dir;

  private static final List<Example> DATA = TrainFixtures.data(21); // batch 4: 6 batches per epoch

  private static Trainer<Batch> trainer(TrainConfig config) {
    return new Trainer<>(TrainFixtures.model(), new Adam(0.01), new Schedule.StepDecay(0.01, 0.5, 2), config);
  }

  /** DATA plus one length-4 sequence with a NaN input, which poisons one batch per epoch. */
  private static List<Example> withPoison() {
    List<Example> data = new ArrayList<>(DATA);
    float[] x = new float[8];
    x[3] = Float.NaN;
    data.add(new Example(Tensor.of(x, 4, 2), Tensor.zeros(4, 1)));
    return data;
  }

  @Test
  void stepBudgetStopsAndTheListenerSeesEveryStep() {
    List<Trainer.StepInfo> steps = new ArrayList<>();
    Trainer<Batch> t = trainer(TrainConfig.builder().epochs(100).batchSize(4).seed(1).maxSteps(7).build()).onStep(steps::add);
    int epoch = t.fit(Batches.of(DATA), null);
    assertThat(t.stopReason()).isEqualTo(Trainer.StopReason.STEPS);
    assertThat(epoch).isEqualTo(2);
    assertThat(t.state().step()).isEqualTo(7);
    assertThat(steps).extracting(Trainer.StepInfo::step).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    assertThat(steps).extracting(Trainer.StepInfo::lr)
        .containsExactly(0.01, 0.01, 0.005, 0.005, 0.0025, 0.0025, 0.00125);
    assertThat(steps).allSatisfy(s -> assertThat(s.gradNorm()).isPositive());
    // One epoch is 11 sequences of length 4 and 10 of length 5: 94 input steps.
    assertThat(steps.get(5).tokens()).isEqualTo(94);
    assertThat(t.state().epoch()).isEqualTo(2);
    assertThat(t.state().batchIndex()).isEqualTo(1);
  }

  @Test
  void epochsRunOutWithoutABudget() {
    List<Trainer.EpochStats> epochs = new ArrayList<>();
    Trainer<Batch> t = trainer(TrainConfig.builder().epochs(3).batchSize(4).seed(1).build());
    assertThat(t.fit(Batches.of(DATA), (e, s) -> epochs.add(s))).isEqualTo(3);
    assertThat(t.stopReason()).isEqualTo(Trainer.StopReason.EPOCHS);
    assertThat(epochs).extracting(Trainer.EpochStats::batches).containsExactly(6, 6, 6);
    assertThat(t.state().step()).isEqualTo(18);
  }

  @Test
  void timeBudgetStops() {
    Trainer<Batch> t = trainer(TrainConfig.builder().epochs(1000).batchSize(4).seed(1).maxMinutes(1e-12).build());
    t.fit(Batches.of(DATA), null);
    assertThat(t.stopReason()).isEqualTo(Trainer.StopReason.TIME);
    assertThat(t.state().step()).isZero();
  }

  @Test
  void nonFiniteLossStopsNamingTheStepAndTheParameter() {
    Trainer<Batch> t = trainer(TrainConfig.builder().epochs(3).batchSize(4).seed(1).build());
    assertThatThrownBy(() -> t.fit(Batches.of(withPoison()), null))
        .isInstanceOf(Trainer.NonFiniteException.class)
        .hasMessageMatching("step \\d+ \\(epoch 1, batch \\d\\): loss is NaN; first non-finite gradient: "
            + "'weight_ih_l0'\\[\\d+\\] = NaN; stopping before the update .*");
  }

  @Test
  void aNonFiniteGradientIsNamedEvenWhenTheLossIsFinite() {
    Parameters.Builder b = new Parameters.Builder();
    b.add("a", 2);
    b.add("b", 3);
    Parameters p = b.build();
    p.grads()[4] = Float.POSITIVE_INFINITY;
    assertThat(Trainer.describeNonFinite(0.5, p)).isEqualTo("first non-finite gradient: 'b'[2] = Infinity");
  }

  @Test
  void skipPolicyCountsSkippedStepsAndNeverCheckpointsPoison() throws IOException {
    List<Trainer.StepInfo> skipped = new ArrayList<>();
    TrainConfig o = TrainConfig.builder().epochs(3).batchSize(4).seed(1).onNonFinite(NonFinitePolicy.SKIP).checkpointEvery(1)
        .build();
    Trainer<Batch> t = trainer(o).checkpointsIn(dir).onStep(s -> {
      if (s.skipped()) {
        skipped.add(s);
      }
    });
    List<Trainer.EpochStats> epochs = new ArrayList<>();
    t.fit(Batches.of(withPoison()), (e, s) -> epochs.add(s));
    assertThat(skipped).hasSize(3);
    assertThat(t.state().skipped()).isEqualTo(3);
    assertThat(epochs).allSatisfy(s -> assertThat(s.loss()).isFinite());
    float[] values = t.model().parameters().values();
    Tensor.of(values, values.length).requireFinite("parameters");
    Path file = dir.resolve(Trainer.CHECKPOINT_FILE);
    Checkpoint<RnnModel> c = Checkpoint.load(file);
    assertThat(c.state().skipped()).isEqualTo(3);
    assertThat(c.state().step()).isEqualTo(t.state().step());
    assertThat(c.model().parameters().values()).containsExactly(t.model().parameters().values());
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file); // no temporary files left behind
    }
  }

  @Test
  void periodicCheckpointsKeepTheLatestState() throws IOException {
    Trainer<Batch> t = trainer(TrainConfig.builder().epochs(100).batchSize(4).seed(1).maxSteps(5).checkpointEvery(2).build())
        .checkpointsIn(dir.resolve("run"));
    List<Long> seen = new ArrayList<>();
    t.onStep(s -> {
      if (s.step() == 4) {
        try {
          seen.add(Checkpoint.load(dir.resolve("run").resolve(Trainer.CHECKPOINT_FILE)).state().step());
        } catch (IOException e) {
          throw new AssertionError(e);
        }
      }
    });
    t.fit(Batches.of(DATA), null);
    assertThat(seen).containsExactly(2L); // the listener runs before step 4's checkpoint
    assertThat(Checkpoint.load(dir.resolve("run").resolve(Trainer.CHECKPOINT_FILE)).state().step()).isEqualTo(5);
  }

  @Test
  void keepsTheBestValidatedModelAndItsStepAcrossResume() throws IOException {
    double[] scores = {3, 1, 2, 0.5};
    int[] calls = {0};
    List<float[]> snapshots = new ArrayList<>();
    Path best = dir.resolve("best.safetensors");
    TrainConfig config = TrainConfig.builder().epochs(3).batchSize(4).seed(1).build();
    Trainer<Batch> t = trainer(config);
    t.keepBest(() -> {
      snapshots.add(t.model().parameters().values().clone());
      return scores[calls[0]++];
    }, best, Map.of("note", "kept"));
    List<Double> seen = new ArrayList<>();
    t.fit(Batches.of(DATA), (e, s) -> seen.add(s.validation()));
    assertThat(seen).containsExactly(3.0, 1.0, 2.0);
    assertThat(t.best()).isEqualTo(new Trainer.Best(12, 1.0)); // 6 batches per epoch: the second epoch's end
    RnnModel kept = ModelFile.load(best);
    assertThat(kept.parameters().values()).containsExactly(snapshots.get(1));
    assertThat(SafeTensors.read(best).metadata()).containsEntry("note", "kept").containsEntry("train.best_step", "12");

    Path file = dir.resolve("c.safetensors");
    t.checkpoint().save(file);
    Trainer<Batch> resumed = Trainer.<Batch>resume(Checkpoint.load(file), config.toBuilder().epochs(4).build());
    assertThat(resumed.best()).isEqualTo(t.best());
    resumed.keepBest(() -> scores[calls[0]++], best, Map.of());
    resumed.fit(Batches.of(DATA), null);
    assertThat(resumed.best()).isEqualTo(new Trainer.Best(24, 0.5));
    assertThat(ModelFile.load(best).parameters().values()).containsExactly(resumed.model().parameters().values());
  }

  @Test
  void patienceStopsAfterThatManyValidationsWithoutANewBest() {
    double[] scores = {2, 1, 1.5, 1.2, 0.1};
    int[] calls = {0};
    Trainer<Batch> t = trainer(TrainConfig.builder().epochs(10).batchSize(4).seed(1).patience(2).build());
    t.keepBest(() -> scores[calls[0]++], dir.resolve("best.safetensors"), Map.of());
    assertThat(t.fit(Batches.of(DATA), null)).isEqualTo(4);
    assertThat(t.stopReason()).isEqualTo(Trainer.StopReason.PATIENCE);
    assertThat(t.best()).isEqualTo(new Trainer.Best(12, 1.0));
  }

  @Test
  void updatesTakenElsewhereCountForValidationsAndCheckpoints() {
    Trainer<Batch> t = trainer(TrainConfig.builder().epochs(1).batchSize(4).seed(1).build());
    double[] scores = {2, 1};
    int[] calls = {0};
    t.keepBest(() -> scores[calls[0]++], dir.resolve("best.safetensors"), Map.of());
    t.advance(4); // e.g. a round of local SGD
    t.validate();
    t.advance(3);
    t.validate();
    assertThat(t.best()).isEqualTo(new Trainer.Best(7, 1.0));
    assertThat(t.checkpoint().state().step()).isEqualTo(7);
    assertThatThrownBy(() -> t.advance(-1)).hasMessageContaining("expected a number of updates >= 0, found -1");
  }

  @Test
  void aPlateauScheduleLowersTheRateAndAResumedRunEndsBitIdentical() throws IOException {
    double[] scores = {2, 1, 1.5, 1.2, 1.1, 0.9};
    TrainConfig config = TrainConfig.builder().epochs(6).batchSize(4).seed(1).schedule("plateau").gamma(0.5)
        .plateauPatience(2).lr(0.01).build();
    Trainer<Batch> straight = new Trainer<>(TrainFixtures.model(), config);
    int[] calls = {0};
    straight.keepBest(() -> scores[calls[0]++], dir.resolve("a.safetensors"), Map.of());
    List<Double> rates = new ArrayList<>();
    straight.onStep(s -> rates.add(s.lr())).fit(Batches.of(DATA), null);
    // Six batches per epoch; validations 3 and 4 bring no new best, so epoch 5 runs at half the rate.
    assertThat(rates.subList(0, 24)).containsOnly(0.01);
    assertThat(rates.subList(24, 36)).containsOnly(0.005);

    Trainer<Batch> first = new Trainer<>(TrainFixtures.model(), config.toBuilder().epochs(3).build());
    int[] calls2 = {0};
    first.keepBest(() -> scores[calls2[0]++], dir.resolve("b.safetensors"), Map.of());
    first.fit(Batches.of(DATA), null);
    Path file = dir.resolve("c.safetensors");
    first.checkpoint().save(file);
    Trainer<Batch> resumed = Trainer.<Batch>resume(Checkpoint.load(file), config);
    assertThat(resumed.schedule()).isEqualTo(first.schedule());
    resumed.keepBest(() -> scores[calls2[0]++], dir.resolve("b.safetensors"), Map.of());
    resumed.fit(Batches.of(DATA), null);
    assertThat(resumed.model().parameters().values()).containsExactly(straight.model().parameters().values());
    assertThat(resumed.schedule()).isEqualTo(straight.schedule());
  }

  @Test
  void aPlateauScheduleNeedsAValidator() {
    Trainer<Batch> t = new Trainer<>(TrainFixtures.model(), TrainConfig.builder().epochs(2).batchSize(4).schedule("plateau").build());
    assertThatThrownBy(() -> t.fit(Batches.of(DATA), null)).hasMessageStartingWith("schedule plateau: expected validation scores");
  }

  @Test
  void cosineWithoutAStepBudgetSpansTheEpochs() {
    TrainConfig config = TrainConfig.builder().epochs(3).batchSize(4).seed(1).schedule("cosine").lr(0.01).build();
    List<Double> rates = new ArrayList<>();
    new Trainer<>(TrainFixtures.model(), config).onStep(s -> rates.add(s.lr())).fit(Batches.of(DATA), null);
    assertThat(rates).hasSize(18);
    assertThat(rates.get(0)).isEqualTo(0.01);
    assertThat(rates.get(9)).isCloseTo(0.005, org.assertj.core.api.Assertions.within(1e-12)); // halfway: epoch 2, batch 4
    assertThat(rates.get(17)).isLessThan(1e-4);
    assertThat(rates).isSortedAccordingTo(java.util.Comparator.reverseOrder());
  }
}
