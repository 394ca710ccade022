package org.rnn4j.seq2seq;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rnn4j.tensor.Parameters;
import org.rnn4j.tensor.Parameters.Param;

/**
 * Each attention variant and the embedding on their own, against finite differences of the loss
 * {@code L = Σ w ⊙ output} with fixed random w: gradients of the queries, the encoder states and
 * every parameter.
 */
class AttentionGradientTest {
  static final int T = 3, B = 2, S = 4, Q = 3;

  static float[] random(Random rng, int n, double scale) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (scale * rng.nextGaussian());
    }
    return v;
  }

  @ParameterizedTest
  @EnumSource(value = AttentionKind.class, names = {"ADDITIVE", "DOT", "GENERAL"})
  void queriesValuesAndParametersMatchFiniteDifferences(AttentionKind kind) {
    int k = kind == AttentionKind.DOT ? Q : 5;
    Attention attention = Attention.create(kind, Q, k, 4);
    Parameters.Builder builder = new Parameters.Builder();
    attention.declare(builder);
    Parameters p = builder.build();
    attention.bind(p);
    Random rng = new Random(11);
    attention.initParams(rng);
    float[] queries = random(rng, T * B * Q, 1.0); // (T, B, Q)
    float[] values = random(rng, S * B * k, 1.0); // (S, B, K)
    float[] w = random(rng, T * B * k, 1.0); // loss weights of the contexts (T, B, K)
    java.util.function.DoubleSupplier loss = () -> {
      float[] ctx = new float[T * B * k];
      attention.begin(values, S, B, T);
      for (int t = 0; t < T; t++) {
        attention.forward(t, queries, t * B * Q, ctx, t * B * k, k);
      }
      double sum = 0;
      for (int i = 0; i < ctx.length; i++) {
        sum += w[i] * ctx[i];
      }
      return sum;
    };
    loss.getAsDouble();
    float[] dQueries = new float[queries.length], dValues = new float[values.length];
    for (int t = T - 1; t >= 0; t--) {
      attention.backward(t, queries, t * B * Q, w, t * B * k, k, dQueries, t * B * Q, dValues);
    }
    attention.endBackward(dValues);
    float[] analytic = p.grads().clone();
    for (Param param : p.params().values()) {
      assertThat(FiniteDifferences.error(analytic, p.values(), param.offset(), param.size(), loss))
          .as(kind + " " + param.name()).isLessThan(FiniteDifferences.TOLERANCE);
    }
    assertThat(FiniteDifferences.error(dQueries, queries, 0, queries.length, loss)).as(kind + " queries")
        .isLessThan(FiniteDifferences.TOLERANCE);
    assertThat(FiniteDifferences.error(dValues, values, 0, values.length, loss)).as(kind + " values")
        .isLessThan(FiniteDifferences.TOLERANCE);
    // The weights of every step and row are a distribution over the source steps.
    float[] alpha = attention.weights();
    for (int row = 0; row < T * B; row++) {
      double sum = 0;
      for (int s = 0; s < S; s++) {
        assertThat(alpha[row * S + s]).isBetween(0f, 1f);
        sum += alpha[row * S + s];
      }
      assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    }
  }

  @Test
  void embeddingBackwardIsAScatterAddThatSumsRepeatedTokens() {
    Embedding embedding = new Embedding("emb", 4, 3);
    Parameters.Builder builder = new Parameters.Builder();
    embedding.declare(builder);
    Parameters p = builder.build();
    embedding.bind(p);
    Random rng = new Random(2);
    embedding.initParams(rng);
    int[] tokens = {2, 0, 2, 3, 2}; // token 2 three times, token 1 never
    float[] w = random(rng, tokens.length * 5, 1.0); // rows of width 5, embedding in columns 1..3
    java.util.function.DoubleSupplier loss = () -> {
      float[] out = new float[tokens.length * 5];
      embedding.forward(tokens, 0, tokens.length, out, 0, 5, 1);
      double sum = 0;
      for (int i = 0; i < out.length; i++) {
        sum += w[i] * out[i];
      }
      return sum;
    };
    embedding.backward(tokens, 0, tokens.length, w, 0, 5, 1);
    float[] analytic = p.grads().clone();
    assertThat(FiniteDifferences.error(analytic, p.values(), 0, p.size(), loss)).isLessThan(FiniteDifferences.TOLERANCE);
    for (int j = 0; j < 3; j++) {
      assertThat(analytic[1 * 3 + j]).isZero();
      assertThat(analytic[2 * 3 + j]).isEqualTo(w[0 * 5 + 1 + j] + w[2 * 5 + 1 + j] + w[4 * 5 + 1 + j]);
    }
  }
}
