package org.rnn4j.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.data.Vocabulary;
import org.rnn4j.io.FormatException;
import org.rnn4j.io.ModelFile;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;

/** The classifier's predictions, its file and the confusion scores. */
class SequenceClassifierTest {
  @TempDir Path dir;

  private static SequenceClassifier classifier(boolean bidirectional) {
    TokenEncoding e = TokenEncoding.fit(Vocabulary.Level.CHAR, List.of("abc", "cab"));
    Labels labels = new Labels(List.of("x", "y", "z"));
    ModelConfig c = SequenceClassifier.config(ModelConfig.builder().cell("gru").hiddenSize(5).bidirectional(bidirectional), e, labels);
    return new SequenceClassifier(new RnnModel(c, 3), e, labels);
  }

  @Test
  void aSequenceGetsTheSameProbabilitiesAloneAndPaddedInABatch() {
    for (boolean bidirectional : new boolean[] {false, true}) {
      SequenceClassifier c = classifier(bidirectional);
      TokenEncoding e = (TokenEncoding) c.encoding();
      List<Sequence> batch = List.of(e.encode("ab"), e.encode("cabbage"), e.encode("c"));
      float[][] together = c.probabilities(batch);
      for (int i = 0; i < batch.size(); i++) {
        float[] alone = c.probabilities(List.of(batch.get(i)))[0];
        for (int k = 0; k < 3; k++) {
          assertThat(together[i][k]).as("bidirectional %s, sequence %d", bidirectional, i).isCloseTo(alone[k], within(1e-6f));
        }
        float sum = 0;
        for (float p : alone) {
          sum += p;
        }
        assertThat(sum).isCloseTo(1f, within(1e-5f));
      }
    }
  }

  @Test
  void aUnidirectionalClassifierStreamsToTheBatchForwardsProbabilitiesExactly() {
    TokenEncoding tokens = TokenEncoding.fit(Vocabulary.Level.CHAR, List.of("abc", "cab"));
    FeatureEncoding features = new FeatureEncoding("id", List.of("u", "v"), new float[] {0, 0}, new float[] {1, 1});
    Labels labels = new Labels(List.of("x", "y", "z"));
    java.util.Random rng = new java.util.Random(5);
    for (String cell : new String[] {"rnn", "gru", "lstm"}) {
      for (SequenceEncoding e : List.of(tokens, features)) {
        ModelConfig c = SequenceClassifier.config(ModelConfig.builder().cell(cell).hiddenSize(6).numLayers(2), e, labels);
        SequenceClassifier classifier = new SequenceClassifier(new RnnModel(c, 11), e, labels);
        List<Sequence> sequences = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) { // 40 rows: steps go in blocks of 1024 / 40 = 25, so sequences end in each of 3
          int length = 1 + rng.nextInt(60);
          float[][] rows = new float[length][2];
          StringBuilder text = new StringBuilder();
          for (float[] row : rows) {
            row[0] = (float) rng.nextGaussian();
            row[1] = (float) rng.nextGaussian();
            text.append("abc ".charAt(rng.nextInt(4)));
          }
          sequences.add(e instanceof TokenEncoding t ? t.encode(text.toString()) : features.encode(rows));
        }
        PackedClassifier packed = classifier.packed();
        assertThat(packed.streams()).isTrue();
        float[][] expected = PackedClassifier.batchProbabilities(classifier.model(), sequences, e.tokenInput());
        assertThat(packed.probabilities(sequences)).as("%s, %s", cell, e.getClass().getSimpleName()).isDeepEqualTo(expected);
        assertThat(packed.probabilities(sequences.subList(7, 8))[0]).containsExactly(expected[7]); // alone: one call
      }
    }
    assertThat(classifier(true).packed().streams()).isFalse();
  }

  @Test
  void theFileRebuildsTheSameClassifier() throws Exception {
    SequenceClassifier c = classifier(true);
    Path file = dir.resolve("c.safetensors");
    c.save(file, Map.of("train.best_step", "7"));
    SequenceClassifier back = SequenceClassifier.load(file);
    assertThat(back.labels()).isEqualTo(c.labels());
    assertThat(back.model().config()).isEqualTo(c.model().config());
    TokenEncoding e = (TokenEncoding) back.encoding();
    assertThat(e.level()).isEqualTo(Vocabulary.Level.CHAR);
    List<Sequence> s = List.of(e.encode("bca"), e.encode("q"));
    assertThat(back.probabilities(s)).isDeepEqualTo(c.probabilities(s));
  }

  @Test
  void aFileThatIsNoClassifierIsNamedWithItsKeys() throws Exception {
    Path file = dir.resolve("plain.safetensors");
    ModelFile.save(file, new RnnModel(ModelConfig.builder().build(), 1));
    assertThatThrownBy(() -> SequenceClassifier.load(file)).isInstanceOf(FormatException.class)
        .hasMessageStartingWith(file + ": expected a classifier (metadata 'rnn4j.classifier' = 1, written by rnn train "
            + "--classify), found metadata keys [module,");
  }

  @Test
  void confusionScoresMatchAHandCount() {
    // truth:     0 0 0 1 1 2
    // predicted: 0 0 1 1 0 1
    Confusion c = Confusion.of(new int[] {0, 0, 0, 1, 1, 2}, new int[] {0, 0, 1, 1, 0, 1}, 3);
    assertThat(c.count(0, 1)).isEqualTo(1);
    assertThat(c.accuracy()).isEqualTo(3 / 6.0);
    assertThat(c.precision(0)).isEqualTo(2 / 3.0);
    assertThat(c.recall(0)).isEqualTo(2 / 3.0);
    assertThat(c.precision(1)).isEqualTo(1 / 3.0);
    assertThat(c.recall(1)).isEqualTo(1 / 2.0);
    assertThat(c.f1(1)).isCloseTo(0.4, within(1e-12));
    assertThat(c.f1(2)).isZero(); // never predicted: precision 0/0 = 0
    assertThat(c.macroF1()).isCloseTo((2 / 3.0 + 0.4 + 0) / 3, within(1e-12));
    assertThat(c.support(2)).isEqualTo(1);
  }
}
