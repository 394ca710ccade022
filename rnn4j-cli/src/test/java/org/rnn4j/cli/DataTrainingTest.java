package org.rnn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rnn4j.model.Batch;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.train.Checkpoint;
import org.rnn4j.train.TrainConfig;
import org.rnn4j.train.TrainState;
import org.rnn4j.train.Trainer;

class DataTrainingTest {
  private static Trainer<Batch> resumedAt(long step, int epoch, int batchIndex, long bestStep) {
    TrainConfig config = TrainConfig.builder().epochs(5).batchSize(4).build();
    RnnModel model = new RnnModel(ModelConfig.builder().inputSize(2).hiddenSize(3).outputSize(1).build(), 1);
    TrainState state = new TrainState(step, epoch, batchIndex, 1, 0, 0, 0, 0, 0, 0, 4, 40, bestStep, 0.5, 0);
    return Trainer.resume(new Checkpoint<>(model, config.newOptimizer(), config.newSchedule(), state), config);
  }

  @Test
  void theBestEpochOfAResumedRunFollowsFromItsBestStep() {
    // 6 steps per epoch, two epochs done: a best at step 6 came at the end of epoch 1, one at step 12 of epoch 2.
    assertThat(DataTraining.bestEpoch(resumedAt(12, 3, 0, 6))).isEqualTo(1);
    assertThat(DataTraining.bestEpoch(resumedAt(12, 3, 0, 12))).isEqualTo(2);
    // Stopped mid-epoch by a step budget: the finished epochs still give the steps per epoch.
    assertThat(DataTraining.bestEpoch(resumedAt(14, 3, 2, 6))).isEqualTo(1);
    // No best yet, or still in the first epoch.
    assertThat(DataTraining.bestEpoch(resumedAt(12, 3, 0, -1))).isZero();
    assertThat(DataTraining.bestEpoch(resumedAt(3, 1, 3, -1))).isZero();
  }
}
