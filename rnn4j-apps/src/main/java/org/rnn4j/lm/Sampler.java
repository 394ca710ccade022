package org.rnn4j.lm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rnn4j.data.Vocabulary;
import org.rnn4j.math.Rng;
import org.rnn4j.model.PackedModel;
import org.rnn4j.model.Stepper;

/**
 * Generates text from a character model on the streaming path ({@link Stepper}): the prime is
 * read in one call, then each next symbol is drawn from the model's distribution sharpened by a
 * temperature and optionally restricted to the k likeliest symbols ({@link TokenChooser} defines
 * the draw), and fed back. Draws come from a seeded generator, so a seed fixes the text.
 *
 * <p>{@link #generate(PackedModel, Vocabulary, String, int, int) N samples at
 * once} run as N streams of one stepper, which reads the weights once per step for all of them;
 * sample i draws from its own generator seeded {@code seed + i}, so it is exactly the text a
 * single sample with that seed gives.
 *
 * @param temperature divides the log-probabilities: below 1 sharpens, above 1 flattens
 * @param topK keep only the k likeliest symbols (0 = all); 1 is greedy decoding
 */
public record Sampler(double temperature, int topK, long seed) {
  public Sampler {
    TokenChooser.requireValid(temperature, topK);
  }

  /** The prime followed by {@code length} generated symbols. */
  public String generate(CharModel lm, String prime, int length) {
    return generate(lm.model().packed(), lm.vocabulary(), prime, length, 1).get(0);
  }

  /**
   * {@code samples} texts, each the prime followed by {@code length} generated symbols, sample i
   * drawn with seed {@code seed + i}. The model may be shared with other threads (see
   * {@link PackedModel}).
   */
  public List<String> generate(PackedModel model, Vocabulary vocabulary, String prime, int length,
      int samples) {
    if (length < 0) {
      throw new IllegalArgumentException("length: expected a number of symbols >= 0, found " + length);
    }
    if (prime.isEmpty()) {
      throw new IllegalArgumentException("prime: expected at least one symbol to start from, found an empty text");
    }
    if (samples < 1) {
      throw new IllegalArgumentException("samples: expected at least 1, found " + samples);
    }
    int v = vocabulary.size();
    int[] primeTokens = vocabulary.encode(prime);
    int t = primeTokens.length;
    Stepper stepper = model.stepper(samples);
    float[] x = new float[t * samples]; // (T, N): the prime in every stream
    for (int i = 0; i < t; i++) {
      Arrays.fill(x, i * samples, (i + 1) * samples, primeTokens[i]);
    }
    float[] z = stepper.runLogits(x, t);
    int last = (t - 1) * samples * v; // the rows of the prime's last step
    TokenChooser chooser = new TokenChooser(temperature, topK, v);
    Rng[] rngs = new Rng[samples];
    for (int s = 0; s < samples; s++) {
      rngs[s] = new Rng(seed + s);
    }
    int[][] generated = new int[samples][length];
    float[] next = new float[samples];
    for (int i = 0; i < length; i++) {
      for (int s = 0; s < samples; s++) {
        int token = chooser.choose(z, last + s * v, rngs[s]);
        generated[s][i] = token;
        next[s] = token;
      }
      if (i + 1 < length) {
        z = stepper.stepLogits(next);
        last = 0;
      }
    }
    List<String> texts = new ArrayList<>(samples);
    for (int[] g : generated) {
      texts.add(prime + vocabulary.decode(g));
    }
    return texts;
  }
}
