package org.rnn4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.rnn4j.classify.FeatureEncoding;
import org.rnn4j.classify.Labels;
import org.rnn4j.classify.SequenceClassifier;
import org.rnn4j.classify.TokenEncoding;
import org.rnn4j.data.SeriesSpec;
import org.rnn4j.data.StoryCorpus;
import org.rnn4j.data.Vocabulary;
import org.rnn4j.io.ModelFile;
import org.rnn4j.lm.CharModel;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.seq2seq.Seq2Seq;
import org.rnn4j.seq2seq.Seq2SeqConfig;
import org.rnn4j.seq2seq.Seq2SeqFile;
import org.rnn4j.seq2seq.Seq2SeqTask;
import org.rnn4j.seq2seq.Seq2SeqText;

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

  /** A GRU text classifier (character tokens of {@link #TEXT}'s start) of the labels a, b, c. */
  public static Path textClassifier(Path dir) throws IOException {
    TokenEncoding e = TokenEncoding.fit(Vocabulary.Level.CHAR, List.of(TEXT.substring(0, 400)));
    Labels labels = new Labels(List.of("a", "b", "c"));
    SequenceClassifier c = new SequenceClassifier(new RnnModel(SequenceClassifier.config(ModelConfig.builder().cell("gru")
        .hiddenSize(12), e, labels), 5), e, labels);
    scale(c.model().parameters().values());
    Path file = dir.resolve("classifier.safetensors");
    c.save(file, java.util.Map.of());
    return file;
  }

  /** A bidirectional LSTM classifier of sequences of the features u, v (the batch forward: it cannot stream). */
  public static Path csvClassifier(Path dir) throws IOException {
    FeatureEncoding e = new FeatureEncoding("id", List.of("u", "v"), new float[] {0.5f, -1f}, new float[] {2f, 1f});
    Labels labels = new Labels(List.of("down", "up"));
    SequenceClassifier c = new SequenceClassifier(new RnnModel(SequenceClassifier.config(ModelConfig.builder().cell("lstm")
        .hiddenSize(8).bidirectional(true), e, labels), 6), e, labels);
    scale(c.model().parameters().values());
    Path file = dir.resolve("csv-classifier.safetensors");
    c.save(file, java.util.Map.of());
    return file;
  }

  /** A GRU encoder–decoder with additive attention over the characters of {@link #PAIRS}. */
  public static Path translator(Path dir) throws IOException {
    List<Seq2SeqTask.Pair> pairs = PAIRS.stream().map(p -> new Seq2SeqTask.Pair(p[0], p[1])).toList();
    Seq2SeqText text = Seq2SeqText.of(pairs, Vocabulary.Level.CHAR);
    Seq2Seq model = new Seq2Seq(Seq2SeqConfig.builder(text.source().size(), text.target().size()).cell("gru").hidden(16)
        .embedding(8).build(), text, 7);
    scale(model.parameters().values());
    Path file = dir.resolve("translator.safetensors");
    Seq2SeqFile.save(file, model);
    return file;
  }

  /** The translator's training pairs: a word and its reverse. */
  public static final List<String[]> PAIRS = List.of(new String[] {"abc", "cba"}, new String[] {"hello", "olleh"},
      new String[] {"day one", "eno yad"}, new String[] {"boats", "staob"});

  /** Weights × 3: an untrained model with peaked outputs, so results differ from input to input. */
  private static void scale(float[] w) {
    for (int i = 0; i < w.length; i++) {
      w[i] *= 3;
    }
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
