package org.rnn4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.rnn4j.data.SeriesSpec;
import org.rnn4j.data.StoryCorpus;
import org.rnn4j.data.Vocabulary;
import org.rnn4j.io.ModelFile;
import org.rnn4j.lm.CharModel;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;

/** Small model files for the command and server tests (untrained; weights scaled for peaked outputs). */
public final class TestModels {
  /** The built-in corpus's start, whose symbols the language model knows. */
  public static final String TEXT = StoryCorpus.generate(5, 4000);

  private TestModels() {}

  /** An LSTM character model over the vocabulary of {@link #TEXT}. */
  public static Path charModel(Path dir, int hidden) throws IOException {
    CharModel lm = CharModel.create(Vocabulary.of(TEXT), "lstm", hidden, 1, 0, 3);
    float[] w = lm.model().parameters().values();
    for (int i = 0; i < w.length; i++) {
      w[i] *= 3;
    }
    Path file = dir.resolve("lm.safetensors");
    lm.save(file, java.util.Map.of());
    return file;
  }

  /** A GRU forecaster of column "value" (horizon 1, window 10, no normalisation). */
  public static Path forecaster(Path dir) throws IOException {
    ModelConfig c = ModelConfig.builder().cell("gru").inputSize(1).hiddenSize(8).outputSize(1).build();
    SeriesSpec spec = new SeriesSpec(List.of("value"), 1, 1, 10, new float[] {0.5f}, new float[] {2f});
    Path file = dir.resolve("forecaster.safetensors");
    ModelFile.save(file, new RnnModel(c, 4), spec.toMetadata());
    return file;
  }

  /** {@code n} values of a sine wave: the series to continue. */
  public static float[] series(int n) {
    float[] v = new float[n];
    for (int t = 0; t < n; t++) {
      v[t] = (float) Math.sin(0.5 * t);
    }
    return v;
  }
}
