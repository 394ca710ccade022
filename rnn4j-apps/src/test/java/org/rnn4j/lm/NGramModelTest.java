package org.rnn4j.lm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rnn4j.data.StoryCorpus;
import org.rnn4j.data.TextCorpus;

class NGramModelTest {
  static final TextCorpus CORPUS = TextCorpus.of("stories", StoryCorpus.generate(3, 40_000));

  @Test
  void everyOrderIsADistributionOverTheVocabulary() {
    int v = CORPUS.vocabulary().size();
    int[] tokens = CORPUS.training().toArray();
    Random rng = new Random(1);
    for (int order = 1; order <= 5; order++) {
      NGramModel m = NGramModel.train(tokens, v, order);
      for (int trial = 0; trial < 5; trial++) {
        // Seen contexts, a never-seen one (random tokens) and an empty one.
        int at = 10 + rng.nextInt(tokens.length - 20);
        int[][] histories = {java.util.Arrays.copyOfRange(tokens, at - 6, at), {rng.nextInt(v), rng.nextInt(v), 0}, {}};
        for (int[] h : histories) {
          double sum = 0;
          for (int w = 0; w < v; w++) {
            double p = m.probability(h, w);
            assertThat(p).isGreaterThan(0);
            sum += p;
          }
          assertThat(sum).as("order %d", order).isCloseTo(1.0, within(1e-9));
        }
      }
    }
  }

  @Test
  void higherOrdersPredictHeldOutTextBetterUpToAPoint() {
    int v = CORPUS.vocabulary().size();
    double[] bpc = new double[6];
    for (int order = 1; order <= 5; order++) {
      bpc[order] = NGramModel.train(CORPUS.training().toArray(), v, order).bitsPerCharacter(CORPUS.validation().toArray());
    }
    // Seen: 4.51, 3.11, 1.84, 1.04, 0.78 bits per character for orders 1 to 5.
    assertThat(bpc[1]).isLessThan(Math.log(v) / Math.log(2)); // the unigram beats the uniform distribution
    for (int order = 2; order <= 5; order++) {
      assertThat(bpc[order]).as("order %d", order).isLessThan(bpc[order - 1]);
    }
  }

  @Test
  void theUnigramIsTheDiscountedContinuationCountMixedWithUniform() {
    // Tokens 0 1 0 1 0 2 over V = 4, order 2.
    int[] t = {0, 1, 0, 1, 0, 2};
    NGramModel m = NGramModel.train(t, 4, 2);
    // Order 1 counts distinct left neighbours of each token in the bigrams 01 10 01 10 02:
    // distinct bigrams 01, 10, 02 -> token 1: {0}, token 0: {1}, token 2: {0}; total 3, types 3.
    double uniform = 0.25;
    double p1 = (1 - 0.75 + 0.75 * 3 * uniform) / 3; // each of the three seen tokens
    double p3 = (0.75 * 3 * uniform) / 3;             // token 3, never seen
    assertThat(m.probability(new int[0], 1)).isCloseTo(p1, within(1e-12));
    assertThat(m.probability(new int[0], 3)).isCloseTo(p3, within(1e-12));
    // After 0 (seen twice followed by 1, once by 2): c(0•) = 3, N1+(0•) = 2.
    assertThat(m.probability(new int[] {0}, 1)).isCloseTo((2 - 0.75 + 0.75 * 2 * p1) / 3, within(1e-12));
  }

  @Test
  void badArgumentsAreDescriptive() {
    assertThatThrownBy(() -> NGramModel.train(new int[] {0, 5}, 3, 2))
        .hasMessage("n-gram: expected token ids in [0, 3), found 5");
    assertThatThrownBy(() -> NGramModel.train(new int[] {0}, 3, 0))
        .hasMessage("n-gram: expected an order >= 1 and a vocabulary >= 1, found order 0, vocabulary 3");
  }
}
