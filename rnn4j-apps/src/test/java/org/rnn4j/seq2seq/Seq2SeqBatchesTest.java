package org.rnn4j.seq2seq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.rnn4j.math.Rng;
import org.rnn4j.tensor.Parameters;

/** Batches of equal source lengths with padded targets, and the exactness of the padding. */
class Seq2SeqBatchesTest {

  static int[] ids(int... ids) {
    return ids;
  }

  @Test
  void aPaddedBatchEqualsTheTokenWeightedMeanOfItsRowsAlone() {
    Seq2SeqConfig c = Seq2SeqConfig.builder(5, 6).embedding(3).hidden(4).attention(AttentionKind.ADDITIVE).build();
    Seq2Seq model = new Seq2Seq(c, 3);
    Parameters p = model.parameters();
    Seq2SeqBatches both = new Seq2SeqBatches(List.of(ids(1, 2, 3), ids(4, 0, 2)), List.of(ids(2), ids(3, 4, 5, 2)));
    Seq2SeqBatch padded = both.epoch(2, new Rng(1)).get(0);
    assertThat(padded.targetSteps()).isEqualTo(5);
    assertThat(padded.targetTokens()).isEqualTo(2 + 5);
    assertThat(model.positions(padded)).isEqualTo(7);
    p.zeroGrads();
    double lossBoth = model.lossAndGradient(padded);
    float[] gradBoth = p.grads().clone();

    double sum = 0;
    float[] gradSum = new float[gradBoth.length];
    for (int row = 0; row < 2; row++) {
      Seq2SeqBatches one = new Seq2SeqBatches(List.of(row == 0 ? ids(1, 2, 3) : ids(4, 0, 2)),
          List.of(row == 0 ? ids(2) : ids(3, 4, 5, 2)));
      Seq2SeqBatch alone = one.epoch(1, new Rng(1)).get(0);
      p.zeroGrads();
      int n = alone.targetTokens();
      sum += model.lossAndGradient(alone) * n;
      for (int i = 0; i < gradSum.length; i++) {
        gradSum[i] += p.grads()[i] * n;
      }
    }
    assertThat(lossBoth).isCloseTo(sum / 7, Offset.offset(1e-6));
    for (int i = 0; i < gradBoth.length; i++) {
      assertThat(gradBoth[i]).as("gradient %d", i).isCloseTo(gradSum[i] / 7, Offset.offset(1e-6f));
    }
  }

  @Test
  void paddedGradientsMatchFiniteDifferences() {
    Seq2SeqConfig c = Seq2SeqConfig.builder(5, 6).embedding(3).hidden(4).attentionSize(3)
        .attention(AttentionKind.GENERAL).build();
    Seq2Seq model = new Seq2Seq(c, 3);
    Parameters p = model.parameters();
    Seq2SeqGradientTest.sharpen(p);
    Seq2SeqBatch data = new Seq2SeqBatches(List.of(ids(1, 2), ids(4, 0), ids(3, 3)),
        List.of(ids(2, 3, 4), ids(), ids(5))).epoch(3, new Rng(2)).get(0);
    p.zeroGrads();
    model.lossAndGradient(data);
    float[] analytic = p.grads().clone();
    for (Parameters.Param param : p.params().values()) {
      double error = FiniteDifferences.error(analytic, p.values(), param.offset(), param.size(), () -> {
        double loss = model.lossAndGradient(data);
        p.zeroGrads();
        return loss;
      });
      assertThat(error).as(param.name()).isLessThan(FiniteDifferences.TOLERANCE);
    }
  }

  @Test
  void anEpochHasEveryPairOnceInBatchesOfEqualSourceLength() {
    Random rng = new Random(4);
    List<int[]> sources = new ArrayList<>(), targets = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      int[] s = new int[1 + rng.nextInt(4)];
      s[0] = i; // tells the pairs apart
      sources.add(s);
      targets.add(new int[rng.nextInt(5)]);
    }
    Seq2SeqBatches data = new Seq2SeqBatches(sources, targets);
    List<Seq2SeqBatch> epoch = data.epoch(8, new Rng(7));
    List<Integer> seen = new ArrayList<>();
    for (Seq2SeqBatch b : epoch) {
      assertThat(b.batch()).isBetween(1, 8);
      for (int r = 0; r < b.batch(); r++) {
        int pair = b.source()[r];
        seen.add(pair);
        assertThat(b.sourceSteps()).isEqualTo(sources.get(pair).length);
        assertThat(b.targetLengths()[r]).isEqualTo(targets.get(pair).length + 1);
        assertThat(b.target()[(b.targetLengths()[r] - 1) * b.batch() + r]).isEqualTo(Seq2Seq.EOS);
      }
    }
    assertThat(seen).hasSize(50).doesNotHaveDuplicates();
    List<Seq2SeqBatch> again = data.epoch(8, new Rng(7));
    assertThat(again).hasSameSizeAs(epoch);
    for (int i = 0; i < epoch.size(); i++) {
      assertThat(again.get(i).source()).containsExactly(epoch.get(i).source());
    }
  }

  @Test
  void badPairsAreNamed() {
    assertThatThrownBy(() -> new Seq2SeqBatches(List.of(ids(1), ids()), List.of(ids(2), ids(3))))
        .hasMessage("seq2seq pairs: expected sources of at least one token, found an empty one at pair 1");
    assertThatThrownBy(() -> new Seq2SeqBatch(ids(1), 1, ids(2, 1), 2, 1, ids(3)))
        .hasMessage("seq2seq batch: expected target lengths in [1, T = 2], found 3");
  }
}
