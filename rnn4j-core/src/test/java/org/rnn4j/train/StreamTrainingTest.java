package org.rnn4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.model.Batch;
import org.rnn4j.data.StoryCorpus;
import org.rnn4j.data.TextCorpus;
import org.rnn4j.data.TokenStreams;
import org.rnn4j.io.ModelFile;
import org.rnn4j.model.Mapping;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.optim.Adam;
import org.rnn4j.tensor.Tensor;

class StreamTrainingTest {
  @TempDir Path dir;

  static final TextCorpus TEXT = TextCorpus.of("story", StoryCorpus.generate(3, 2000));

  static final TrainConfig CONFIG = TrainConfig.builder().epochs(1).batchSize(4).clipNorm(5).seed(1).build();

  static StreamTraining fresh() {
    int v = TEXT.vocabulary().size();
    ModelConfig lm = ModelConfig.builder().cell("lstm").inputSize(v).tokenInput(true).hiddenSize(8).outputSize(v)
        .loss("ce").reduction(ModelConfig.Reduction.MEAN).mapping(Mapping.MANY_TO_MANY).build();
    RnnModel model = new RnnModel(lm, 2);
    Trainer<Batch> trainer = new Trainer<>(model, new Adam(0.01), CONFIG);
    return new StreamTraining(trainer, model, new TokenStreams(TEXT.training(), 4), 10);
  }

  @Test
  void aCheckpointCarriesTheStreamPositionAndStateSoTheRunContinuesExactly() throws Exception {
    StreamTraining straight = fresh();
    StreamTraining stopped = fresh();
    int perEpoch = straight.updatesPerEpoch();
    for (int i = 0; i < perEpoch + 3; i++) { // into the second pass, so position and epoch both matter
      straight.step();
    }
    for (int i = 0; i < perEpoch + 1; i++) {
      stopped.step();
    }
    Path file = dir.resolve("checkpoint.safetensors");
    stopped.checkpoint(Map.of("note", "kept")).save(file);
    Checkpoint c = Checkpoint.load(file);
    assertThat(c.extraMetadata()).containsEntry("note", "kept").containsEntry("stream.epoch", "1");
    assertThat(ModelFile.load(file).parameters().size()).isEqualTo(straight.trainer().model().parameters().size());

    StreamTraining resumed = StreamTraining.resume(Trainer.resume(c, CONFIG), c,
        new TokenStreams(TEXT.training(), 4), 10);
    resumed.step();
    resumed.step();
    assertThat(resumed.updates()).isEqualTo(straight.updates());
    assertThat(resumed.epochs()).isEqualTo(straight.epochs());
    assertThat(resumed.trainer().model().parameters().values()).containsExactly(straight.trainer().model().parameters().values());

    assertThatThrownBy(() -> StreamTraining.resume(Trainer.resume(c, CONFIG), c,
        new TokenStreams(TEXT.training(), 4), 12)).hasMessageContaining("stream.steps = 10");
  }

  @Test
  void extraTensorsNeedTheirPrefix() {
    StreamTraining t = fresh();
    assertThatThrownBy(() -> t.trainer().checkpoint().with(Map.of("h", Tensor.zeros(1)), Map.of()))
        .hasMessageContaining("expected extra tensor names starting with 'extra.', found 'h'");
  }
}
