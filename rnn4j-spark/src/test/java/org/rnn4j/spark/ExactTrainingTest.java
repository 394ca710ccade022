package org.rnn4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.data.ArrayDataset;
import org.rnn4j.layer.Fusion;
import org.rnn4j.math.Rng;
import org.rnn4j.model.Mapping;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.train.Batches;
import org.rnn4j.train.TrainConfig;
import org.rnn4j.train.Trainer;

/**
 * Exact mode: N partitions sharing each minibatch give the weights the one-process trainer gives
 * with the whole minibatch (up to the rounding of another summation order), and two distributed
 * runs give bit-identical weights.
 */
class ExactTrainingTest {
  static final int N = 48, T = 7, I = 3, STEPS = 12;

  record Case(String name, ModelConfig config, boolean lengths) {
    @Override public String toString() { return name; }
  }

  static Stream<Arguments> cases() {
    ModelConfig.Builder lstm = ModelConfig.builder().cell("lstm").inputSize(I).hiddenSize(8);
    return Stream.of(
        new Case("lstm many-to-one ce, lengths", lstm.outputSize(4).loss("ce").mapping(Mapping.MANY_TO_ONE).build(), true),
        new Case("gru many-to-many mse", ModelConfig.builder().cell("gru").inputSize(I).hiddenSize(8).outputSize(2)
            .mapping(Mapping.MANY_TO_MANY).build(), false),
        new Case("2-layer bidirectional lstm, many-to-many ce, lengths", ModelConfig.builder().cell("lstm").inputSize(I)
            .hiddenSize(6).numLayers(2).bidirectional(true).outputSize(3).loss("ce").mapping(Mapping.MANY_TO_MANY).build(),
            true),
        new Case("elman one-to-many mse", ModelConfig.builder().cell("elman").inputSize(I).hiddenSize(8).outputSize(2)
            .mapping(Mapping.ONE_TO_MANY).build(), false),
        // the readout of each direction's final state, fused by tanh, with rows of their own lengths
        new Case("bidirectional gru many-to-one ce, tanh fusion, lengths", ModelConfig.builder().cell("gru").inputSize(I)
            .hiddenSize(6).bidirectional(true).fusion(Fusion.TANH).outputSize(3).loss("ce")
            .mapping(Mapping.MANY_TO_ONE).build(), true)
    ).map(Arguments::of);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void partitionsGiveTheOneProcessWeights(Case c) {
    Tensor[] data = data(c.config(), c.lengths());
    TrainConfig tc = TrainConfig.builder().batchSize(10).maxSteps(STEPS).epochs(100).optimizer("adam").lr(0.01)
        .clipNorm(1).seed(5).build();

    RnnModel single = new RnnModel(c.config(), 1);
    ArrayDataset arrays = ArrayDataset.of(data[0], data[1], data[2], c.config().mapping(), c.config().loss(), false);
    new Trainer<>(single, tc).fit(Batches.of(arrays), null);

    float[] first = distributed(c.config(), data, tc, 2);
    float[] second = distributed(c.config(), data, tc, 2);
    float[] three = distributed(c.config(), data, tc, 3);

    assertThat(relativeError(first, single.parameters().values())).isLessThan(1e-5);
    assertThat(relativeError(three, single.parameters().values())).isLessThan(1e-5);
    assertThat(Arrays.equals(first, second)).as("two distributed runs are bit-identical").isTrue();
    assertThat(Arrays.equals(first, new RnnModel(c.config(), 1).parameters().values())).as("it trained").isFalse();
  }

  static float[] distributed(ModelConfig config, Tensor[] data, TrainConfig tc, int partitions) {
    JavaSparkContext sc = LocalSpark.context();
    RnnModel model = new RnnModel(config, 1);
    try (SparkSequences seq = SparkSequences.fromArrays(sc, data[0], data[1], data[2], config.mapping(), config.loss(),
        false, partitions)) {
      SparkTrainer.exact(sc, model, seq, tc).fit(seq.batches(), null);
    }
    return model.parameters().values();
  }

  /** Inputs (N, T, I) or (N, I), targets for the mapping and loss, lengths (N) or null. */
  static Tensor[] data(ModelConfig c, boolean withLengths) {
    Rng rng = new Rng(11);
    boolean vector = c.mapping().vectorInput();
    Tensor x = vector ? Tensor.zeros(N, I) : Tensor.zeros(N, T, I);
    fill(x, rng);
    int outSteps = c.mapping().kind() == Mapping.Kind.MANY_TO_ONE ? 1 : T;
    boolean ce = c.loss().equals("ce");
    int[] yShape = c.mapping().kind() == Mapping.Kind.MANY_TO_ONE ? (ce ? new int[] {N} : new int[] {N, c.outputSize()})
        : ce ? new int[] {N, outSteps} : new int[] {N, outSteps, c.outputSize()};
    Tensor y = Tensor.zeros(yShape);
    for (int i = 0; i < y.size(); i++) {
      y.data()[i] = ce ? rng.nextInt(c.outputSize()) : (float) rng.nextDouble() * 2 - 1;
    }
    Tensor lengths = null;
    if (withLengths) {
      lengths = Tensor.zeros(N);
      for (int i = 0; i < N; i++) {
        lengths.data()[i] = 2 + rng.nextInt(T - 1);
      }
    }
    return new Tensor[] {x, y, lengths};
  }

  private static void fill(Tensor t, Rng rng) {
    for (int i = 0; i < t.size(); i++) {
      t.data()[i] = (float) rng.nextDouble() * 2 - 1;
    }
  }

  /** max |a − b| / max |b|. */
  static double relativeError(float[] a, float[] b) {
    double diff = 0, scale = 0;
    for (int i = 0; i < a.length; i++) {
      diff = Math.max(diff, Math.abs(a[i] - b[i]));
      scale = Math.max(scale, Math.abs(b[i]));
    }
    return diff / scale;
  }
}
