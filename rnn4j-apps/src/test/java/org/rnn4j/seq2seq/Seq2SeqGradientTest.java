package org.rnn4j.seq2seq;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.tensor.Parameters;
import org.rnn4j.tensor.Parameters.Param;

/** The whole seq2seq loss against finite differences, for every parameter of every variant. */
class Seq2SeqGradientTest {

  static Stream<Arguments> variants() {
    Stream.Builder<Arguments> s = Stream.builder();
    for (AttentionKind kind : AttentionKind.values()) {
      Seq2SeqConfig.Builder b = Seq2SeqConfig.builder(5, 6).embedding(3).hidden(4).attentionSize(3).attention(kind);
      // K = H: the encoder's final state is the decoder's initial state directly.
      s.add(Arguments.of(kind + " bidirectional", b.bidirectional(true).build()));
      b.bidirectional(false).encoderLayers(2);
      if (kind == AttentionKind.DOT) { // dot scores need K = H
        s.add(Arguments.of(kind + " two layers", b.build()));
      } else { // K = 3 ≠ H = 4: a bridge
        s.add(Arguments.of(kind + " bridge, two layers", b.encoderHidden(3).build()));
      }
    }
    return s.build();
  }

  static Seq2SeqBatch batch(Random rng, int s, int t, int b) {
    int[] source = new int[s * b], target = new int[t * b];
    for (int i = 0; i < source.length; i++) {
      source[i] = rng.nextInt(5);
    }
    for (int i = 0; i < target.length; i++) {
      target[i] = i >= (t - 1) * b ? Seq2Seq.EOS : 2 + rng.nextInt(4);
    }
    return new Seq2SeqBatch(source, s, target, t, b);
  }

  /**
   * Doubles every weight: at PyTorch's initial scale these tiny models attend almost uniformly,
   * and the attention weights' gradients (~1e-5) drown in the float32 rounding noise of the
   * difference quotient (~5e-6); sharper scores lift them well above it.
   */
  static void sharpen(Parameters p) {
    float[] v = p.values();
    for (int i = 0; i < v.length; i++) {
      v[i] *= 2f;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("variants")
  void everyParameterGradientMatchesFiniteDifferences(String name, Seq2SeqConfig config) {
    Seq2Seq model = new Seq2Seq(config, 3);
    Seq2SeqBatch data = batch(new Random(5), 4, 3, 2);
    Parameters p = model.parameters();
    sharpen(p);
    p.zeroGrads();
    model.lossAndGradient(data);
    float[] analytic = p.grads().clone();
    for (Param param : p.params().values()) {
      double error = FiniteDifferences.error(analytic, p.values(), param.offset(), param.size(), () -> {
        double loss = model.lossAndGradient(data);
        p.zeroGrads();
        return loss;
      });
      assertThat(error).as(name + ": " + param.name()).isLessThan(FiniteDifferences.TOLERANCE);
    }
  }
}
