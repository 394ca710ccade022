package org.rnn4j.lm;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.rnn4j.math.Rng;
import org.rnn4j.model.RnnModel;
import org.rnn4j.tensor.Tensor;

/**
 * Generates text from a character model one step at a time with the streaming
 * {@link RnnModel#step} API: the prime is read, then each next symbol is drawn from the model's
 * distribution sharpened by a temperature and optionally restricted to the k likeliest symbols,
 * and fed back. Draws come from a seeded generator, so a seed fixes the text.
 *
 * @param temperature divides the log-probabilities: below 1 sharpens, above 1 flattens
 * @param topK keep only the k likeliest symbols (0 = all); 1 is greedy decoding
 */
public record Sampler(double temperature, int topK, long seed) {
  public Sampler {
    if (!(temperature > 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException("temperature: expected a positive finite number, found " + temperature);
    }
    if (topK < 0) {
      throw new IllegalArgumentException("top-k: expected 0 (all symbols) or a positive number, found " + topK);
    }
  }

  /** The prime followed by {@code length} generated symbols. */
  public String generate(CharModel lm, String prime, int length) {
    if (length < 0) {
      throw new IllegalArgumentException("length: expected a number of symbols >= 0, found " + length);
    }
    if (prime.isEmpty()) {
      throw new IllegalArgumentException("prime: expected at least one symbol to start from, found an empty text");
    }
    RnnModel model = lm.model();
    model.setTraining(false);
    int[] primeTokens = lm.vocabulary().encode(prime);
    float[] x = new float[primeTokens.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = primeTokens[i];
    }
    RnnModel.Output out = model.forward(Tensor.of(x, x.length, 1), x.length, null);
    int v = lm.vocabulary().size();
    float[] probs = Arrays.copyOfRange(out.output().data(), (x.length - 1) * v, x.length * v);
    Tensor[] state = out.finalStates();
    Rng rng = new Rng(seed);
    int[] generated = new int[length];
    for (int i = 0; i < length; i++) {
      int next = choose(probs, rng);
      generated[i] = next;
      if (i + 1 < length) {
        out = model.step(Tensor.of(new float[] {next}, 1), state);
        probs = out.output().data();
        state = out.finalStates();
      }
    }
    return prime + lm.vocabulary().decode(generated);
  }

  /** Draws an index from probabilities p under this sampler's temperature and top-k. */
  public int choose(float[] p, Rng rng) {
    // Candidates by probability, highest first (ties: lower index first), cut to the top k.
    Integer[] order = IntStream.range(0, p.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -p[i]).thenComparingInt(i -> i));
    int keep = topK == 0 ? p.length : Math.min(topK, p.length);
    if (keep == 1) {
      return order[0];
    }
    // p_i^(1/T), normalised over the kept symbols; computed relative to the largest for stability.
    double[] weight = new double[keep];
    double logMax = Math.log(p[order[0]]);
    double total = 0;
    for (int j = 0; j < keep; j++) {
      weight[j] = Math.exp((Math.log(p[order[j]]) - logMax) / temperature);
      total += weight[j];
    }
    double u = rng.nextDouble() * total;
    for (int j = 0; j < keep; j++) {
      u -= weight[j];
      if (u < 0) {
        return order[j];
      }
    }
    return order[keep - 1]; // u landed on the rounding error at the top end
  }
}
