package org.rnn4j.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.rnn4j.data.Example;
import org.rnn4j.loss.OutputActivation;
import org.rnn4j.model.Batch;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.tensor.Tensor;

/**
 * Binary addition, least significant bit first: at step t the input is (a_t, b_t) and the
 * target is bit t of a + b. The network must learn to carry; trained on up to 8 bits, it is
 * scored on 16, 32 and 64 bits by the fraction of sums entirely correct at 64 bits.
 */
public final class BinaryAddition implements Task {
  static final int MAX_TRAIN_BITS = 8;
  static final int[] TEST_BITS = {16, 32, 64};

  @Override public String name() { return "addition"; }
  @Override public String description() { return "binary addition, LSB first; train <= 8 bits, test 16/32/64 bits"; }
  @Override public String metric() { return "exact@64"; }
  @Override public boolean higherIsBetter() { return true; }
  @Override public boolean solved(double value) { return value >= 1.0; }

  @Override
  public ModelConfig.Builder model() {
    return ModelConfig.builder().inputSize(2).outputSize(1).loss("bce").output(OutputActivation.SIGMOID);
  }

  @Override
  public TaskSettings settings() {
    return new TaskSettings(60, 16, 0.01, 5.0, 16);
  }

  @Override
  public List<Example> trainingSet(Random rng) {
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      out.add(example(1 + rng.nextInt(MAX_TRAIN_BITS), rng));
    }
    return out;
  }

  @Override
  public List<Example> testSet(Random rng) {
    List<Example> out = new ArrayList<>();
    for (int bits : TEST_BITS) {
      for (int i = 0; i < 200; i++) {
        out.add(example(bits, rng));
      }
    }
    return out;
  }

  /** Two random numbers whose sum fits in {@code bits} bits (the top bit of each addend is 0). */
  static Example example(int bits, Random rng) {
    float[] x = new float[bits * 2];
    float[] y = new float[bits];
    int carry = 0;
    for (int t = 0; t < bits; t++) {
      int a = t < bits - 1 ? rng.nextInt(2) : 0;
      int b = t < bits - 1 ? rng.nextInt(2) : 0;
      int s = a + b + carry;
      x[2 * t] = a;
      x[2 * t + 1] = b;
      y[t] = s & 1;
      carry = s >> 1;
    }
    return new Example(Tensor.of(x, bits, 2), Tensor.of(y, bits, 1));
  }

  @Override
  public Score evaluate(RnnModel model, List<Example> test) {
    return exactByLength(model, test);
  }

  /** Exact-sequence accuracy per test length; the value is the longest length's. */
  static Score exactByLength(RnnModel model, List<Example> test) {
    return exactByLength(b -> Evaluation.predict(model, b), test);
  }

  /** The same for any model: {@code predict} maps a batch to its outputs (T, B, O) after the output activation. */
  static Score exactByLength(Function<Batch, Tensor> predict, List<Example> test) {
    StringBuilder details = new StringBuilder();
    double last = 0;
    for (var e : Evaluation.byLength(test).entrySet()) {
      Batch b = e.getValue();
      double[] acc = Evaluation.binaryExactAndBitAccuracy(predict.apply(b), b.y());
      details.append(details.length() > 0 ? ", " : "").append(String.format("%d bits: %.3f", e.getKey(), acc[0]));
      last = acc[0];
    }
    return new Score(last, details.toString());
  }

  @Override
  public double baseline(List<Example> test) {
    return 0.0; // guessing 64 independent bits: 2^-64
  }
}
