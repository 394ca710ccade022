package org.rnn4j.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnn4j.data.Vocabulary;
import org.rnn4j.math.Rng;
import org.rnn4j.model.Batch;

/** Tokens, vocabulary, labels, the stratified split, padded batches and the TSV reader. */
class ClassifyDataTest {
  @Test
  void unknownTokensShareIdZeroAndTheVocabularyRoundTrips() {
    TokenEncoding e = TokenEncoding.fit(Vocabulary.Level.WORD, List.of("b a", "c a"));
    assertThat(e.inputSize()).isEqualTo(4); // unknown, a, b, c
    assertThat(e.encode("a c zebra b").values()).containsExactly(1, 3, 0, 2);
    assertThat(e.encode(" ").values()).containsExactly(0); // no tokens: one unknown
    TokenEncoding back = (TokenEncoding) SequenceEncoding.fromMetadata(e.metadata());
    assertThat(back.level()).isEqualTo(Vocabulary.Level.WORD);
    assertThat(back.encode("c \"q\"").values()).containsExactly(3, 0);
    TokenEncoding chars = TokenEncoding.fit(Vocabulary.Level.CHAR, List.of("héy 😀"));
    assertThat(chars.encode("😀yx").values()).containsExactly(5, 3, 0); // <unk>, then ' ' h y é 😀 by code point
    assertThatThrownBy(() -> new TokenEncoding(Vocabulary.of("abc")))
        .hasMessage("classifier vocabulary: expected the one reserved token <unk>, found []");
  }

  @Test
  void featuresAreNormalisedByTheTrainingRowsAndTheEncodingRoundTrips() {
    FeatureEncoding e = FeatureEncoding.fit("id", List.of("a", "b"),
        List.of(new float[][] {{1, 5}, {3, 5}}, new float[][] {{5, 5}}));
    assertThat(e.mean()).containsExactly(3, 5);
    assertThat(e.std()[0]).isEqualTo((float) Math.sqrt(8 / 3.0));
    assertThat(e.std()[1]).isEqualTo(1f); // constant: kept as is, shifted to 0
    assertThat(e.encode(new float[][] {{3, 7}}).values()).containsExactly(0, 2);
    FeatureEncoding back = (FeatureEncoding) SequenceEncoding.fromMetadata(e.metadata());
    assertThat(back.features()).isEqualTo(e.features());
    assertThat(back.mean()).isEqualTo(e.mean());
    assertThat(back.std()).isEqualTo(e.std());
    assertThat(back.idColumn()).isEqualTo("id");
  }

  @Test
  void labelsAreSortedDistinctAndAtLeastTwo() {
    Labels l = Labels.of(List.of("pos", "neg", "pos"));
    assertThat(l.names()).containsExactly("neg", "pos");
    assertThat(Labels.fromJson(l.toJson())).isEqualTo(l);
    assertThatThrownBy(() -> l.index("maybe")).hasMessage("label: expected one of [neg, pos], found 'maybe'");
    assertThatThrownBy(() -> Labels.of(List.of("a", "a"))).hasMessage("labels: expected at least 2 classes, found 1 [a]");
  }

  private static LabeledSequences data(int[] labels) {
    List<Sequence> s = new ArrayList<>();
    for (int i = 0; i < labels.length; i++) {
      s.add(new Sequence(new float[] {i}, 1));
    }
    return new LabeledSequences(s, labels, 3);
  }

  @Test
  void theSplitIsStratifiedSeededKeepsTheOrderAndLeavesEveryClassInTraining() {
    int[] labels = new int[100];
    for (int i = 0; i < 100; i++) {
      labels[i] = i < 60 ? 0 : i < 90 ? 1 : 2; // 60, 30, 10
    }
    labels[99] = 2;
    LabeledSequences all = data(labels);
    boolean[] mask = LabeledSequences.validationMask(labels, 3, 0.2, 7);
    LabeledSequences train = all.subset(mask, false), validation = all.subset(mask, true);
    assertThat(validation.classCounts()).containsExactly(12, 6, 2);
    assertThat(train.classCounts()).containsExactly(48, 24, 8);
    float[] ids = new float[validation.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = validation.sequences().get(i).values()[0];
    }
    for (int i = 1; i < ids.length; i++) {
      assertThat(ids[i]).isGreaterThan(ids[i - 1]); // the data's order
    }
    assertThat(LabeledSequences.validationMask(labels, 3, 0.2, 7)).isEqualTo(mask);
    assertThat(LabeledSequences.validationMask(labels, 3, 0.2, 8)).isNotEqualTo(mask);

    int[] tiny = {0, 1, 2, 2};
    assertThat(data(tiny).subset(LabeledSequences.validationMask(tiny, 3, 0.5, 1), false).classCounts())
        .containsExactly(1, 1, 1); // a class of one sequence stays in training
    assertThatThrownBy(() -> LabeledSequences.validationMask(new int[] {0, 1, 2}, 3, 0.5, 1))
        .hasMessage("validation fraction 0.5: expected a training and a validation part of at least one sequence each, "
            + "found 3 and 0 of 3 sequences");
    assertThat(all.majorityFraction()).isEqualTo(0.6);
  }

  @Test
  void batchesArePaddedToTheirLongestSequenceAndCarryTheLengths() {
    LabeledSequences d = new LabeledSequences(List.of(new Sequence(new float[] {1, 2, 3}, 3), new Sequence(new float[] {4}, 1)),
        new int[] {1, 0}, 2);
    List<Batch> batches = d.batches(true).epoch(2, new Rng(3));
    assertThat(batches).hasSize(1);
    Batch b = batches.get(0);
    assertThat(b.x().shape()).containsExactly(3, 2);
    boolean firstIsLong = b.lengths()[0] == 3;
    assertThat(b.lengths()).containsExactly(firstIsLong ? new int[] {3, 1} : new int[] {1, 3});
    int longCol = firstIsLong ? 0 : 1;
    assertThat(new float[] {b.x().get(0, longCol), b.x().get(1, longCol), b.x().get(2, longCol)}).containsExactly(1, 2, 3);
    assertThat(b.x().get(1, 1 - longCol)).isZero();
    assertThat(b.y().get(longCol)).isEqualTo(1f);

    Batch features = LabeledSequences.batch(List.of(new Sequence(new float[] {1, 2, 3, 4}, 2)), null, false);
    assertThat(features.x().shape()).containsExactly(2, 1, 2);
  }

  @Test
  void tsvLinesSplitAtTheFirstTabAndBadLinesAreNamed() {
    LabeledTexts t = LabeledTexts.parse("d.tsv", "\uFEFFpos\tgood\tvery\r\n\nneg\t\n");
    assertThat(t.labels()).containsExactly("pos", "neg");
    assertThat(t.texts()).containsExactly("good\tvery", "");
    assertThatThrownBy(() -> LabeledTexts.parse("d.tsv", "pos\tok\nno tab here\n"))
        .hasMessage("d.tsv line 2: expected 'label<TAB>text', found no tab in 'no tab here'");
    assertThatThrownBy(() -> LabeledTexts.parse("d.tsv", "\tx")).hasMessage("d.tsv line 1: expected 'label<TAB>text', found an empty label in '\tx'");
    assertThatThrownBy(() -> LabeledTexts.parse("d.tsv", "\n \n")).hasMessage("d.tsv: expected 'label<TAB>text' lines, found none");
  }
}
