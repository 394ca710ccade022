package org.rnn4j.lm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.rnn4j.data.Vocabulary;
import org.rnn4j.math.Rng;
import org.rnn4j.model.RnnModel;
import org.rnn4j.tensor.Tensor;

class SamplerTest {
  static final Vocabulary V = Vocabulary.of("abcdefgh .");
  static final CharModel LM = CharModel.create(V, "lstm", 16, 1, 0, 5);

  @Test
  void theSeedFixesTheText() {
    String a = new Sampler(1.0, 0, 42).generate(LM, "ab", 80);
    assertThat(a).startsWith("ab").hasSize(82);
    assertThat(new Sampler(1.0, 0, 42).generate(LM, "ab", 80)).isEqualTo(a);
    assertThat(new Sampler(1.0, 0, 43).generate(LM, "ab", 80)).isNotEqualTo(a);
  }

  @Test
  void topOneIsGreedyDecoding() {
    // Greedy by hand: feed the prime, then always the likeliest symbol.
    RnnModel m = LM.model();
    Tensor[] state = null;
    float[] p = null;
    for (int t : V.encode("ab")) {
      RnnModel.Output o = m.step(Tensor.of(new float[] {t}, 1), state);
      p = o.output().data();
      state = o.finalStates();
    }
    StringBuilder greedy = new StringBuilder("ab");
    for (int i = 0; i < 30; i++) {
      int best = 0;
      for (int j = 1; j < p.length; j++) {
        best = p[j] > p[best] ? j : best;
      }
      greedy.append(V.decode(new int[] {best}));
      RnnModel.Output o = m.step(Tensor.of(new float[] {best}, 1), state);
      p = o.output().data();
      state = o.finalStates();
    }
    assertThat(new Sampler(1.0, 1, 7).generate(LM, "ab", 30)).isEqualTo(greedy.toString());
    assertThat(new Sampler(3.0, 1, 8).generate(LM, "ab", 30)).isEqualTo(greedy.toString());
  }

  @Test
  void temperatureRaisesProbabilitiesToOneOverTAndTopKCutsTheTail() {
    float[] p = {0.1f, 0.4f, 0.2f, 0.3f};
    // T = 1: the model's own distribution.
    assertThat(frequencies(new TokenChooser(1.0, 0, 4), p)).containsExactly(new double[] {0.1, 0.4, 0.2, 0.3}, within(0.01));
    // T = 0.5: p² renormalised (0.01, 0.16, 0.04, 0.09) / 0.30.
    assertThat(frequencies(new TokenChooser(0.5, 0, 4), p))
        .containsExactly(new double[] {0.01 / 0.3, 0.16 / 0.3, 0.04 / 0.3, 0.09 / 0.3}, within(0.01));
    // Top 2 keeps 0.4 and 0.3, renormalised.
    assertThat(frequencies(new TokenChooser(1.0, 2, 4), p)).containsExactly(new double[] {0, 4 / 7.0, 0, 3 / 7.0}, within(0.01));
  }

  @Test
  void badSettingsAreNamed() {
    assertThatThrownBy(() -> new Sampler(0, 0, 1)).hasMessageContaining("temperature: expected a positive");
    assertThatThrownBy(() -> new Sampler(1, -1, 1)).hasMessageContaining("top-k");
    assertThatThrownBy(() -> new Sampler(1, 0, 1).generate(LM, "xyz", 5)).hasMessageContaining("'x' U+0078");
    assertThatThrownBy(() -> new Sampler(1, 0, 1).generate(LM, "", 5)).hasMessageContaining("prime");
  }

  /** How often each symbol is drawn from the logits ln p. */
  private static double[] frequencies(TokenChooser chooser, float[] p) {
    float[] logits = new float[p.length];
    for (int j = 0; j < p.length; j++) {
      logits[j] = (float) Math.log(p[j]);
    }
    Rng rng = new Rng(11);
    double[] f = new double[p.length];
    int n = 40_000;
    for (int i = 0; i < n; i++) {
      f[chooser.choose(logits, 0, rng)] += 1.0 / n;
    }
    return f;
  }
}
