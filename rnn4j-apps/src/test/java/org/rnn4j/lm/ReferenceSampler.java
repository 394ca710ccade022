package org.rnn4j.lm;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.rnn4j.math.Rng;
import org.rnn4j.model.RnnModel;
import org.rnn4j.tensor.Tensor;

/**
 * The sampler as it was before the streaming path, kept as the reference that
 * {@link SamplerReferenceTest} compares with: the sequence API {@link RnnModel#step} (T = 1,
 * weights packed again and tensors allocated at every step) and the vocabulary sorted as boxed
 * integers at every draw.
 */
record ReferenceSampler(double temperature, int topK, long seed) {
  String generate(CharModel lm, String prime, int length) {
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

  int choose(float[] p, Rng rng) {
    Integer[] order = IntStream.range(0, p.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -p[i]).thenComparingInt(i -> i));
    int keep = topK == 0 ? p.length : Math.min(topK, p.length);
    if (keep == 1) {
      return order[0];
    }
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
    return order[keep - 1];
  }
}
