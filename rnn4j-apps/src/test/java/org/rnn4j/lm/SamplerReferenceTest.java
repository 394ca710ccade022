package org.rnn4j.lm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnn4j.data.Vocabulary;

/**
 * The streaming sampler gives exactly the text of the sampler before it ({@link ReferenceSampler}:
 * RnnModel.step and a sort per draw) for every seed, temperature and top-k tried, and N samples
 * at once give the N single samples.
 */
class SamplerReferenceTest {
  static final Vocabulary V = Vocabulary.of("abcdefghijklmnopqrstuvwxyz .,;!?\nDTW0123");

  @Test
  void theTextIsTodaysForEverySeedTemperatureAndTopK() {
    for (CharModel lm : models()) {
      for (long seed : new long[] {1, 2, 3}) {
        for (double t : new double[] {0.5, 0.8, 1.0, 2.0}) {
          for (int k : new int[] {0, 1, 5}) {
            String expected = new ReferenceSampler(t, k, seed).generate(lm, "Day 1", 150);
            assertThat(new Sampler(t, k, seed).generate(lm, "Day 1", 150))
                .as("%s seed %d T %s k %d", lm.model().config().cell(), seed, t, k).isEqualTo(expected);
          }
        }
      }
    }
  }

  @Test
  void nSamplesAtOnceAreTheSingleSamplesOfSeedsSPlusI() {
    for (CharModel lm : models()) {
      List<String> batch = new Sampler(0.8, 0, 10).generate(lm.model().packed(), V, "a", 120, 5);
      assertThat(batch).hasSize(5);
      for (int i = 0; i < 5; i++) {
        assertThat(batch.get(i)).isEqualTo(new ReferenceSampler(0.8, 0, 10 + i).generate(lm, "a", 120));
      }
      assertThat(batch.get(0)).isNotEqualTo(batch.get(1));
    }
  }

  /** An LSTM of 2 layers and a GRU, with weights scaled up so that some distributions are peaked. */
  private static List<CharModel> models() {
    CharModel lstm = CharModel.create(V, "lstm", 24, 2, 0, 7);
    CharModel gru = CharModel.create(V, "gru", 20, 1, 0, 8);
    for (CharModel lm : List.of(lstm, gru)) {
      float[] w = lm.model().parameters().values();
      for (int i = 0; i < w.length; i++) {
        w[i] *= 4;
      }
    }
    return List.of(lstm, gru);
  }
}
