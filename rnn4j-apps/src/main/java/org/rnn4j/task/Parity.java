package org.rnn4j.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.rnn4j.data.Example;
import org.rnn4j.loss.OutputActivation;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.tensor.Tensor;

/**
 * Running XOR (parity): input one bit per step, target the XOR of all bits so far. Trained on
 * up to 8 bits, scored by the fraction of 64-bit streams whose every output is right.
 */
public final class Parity implements Task {
  @Override public String name() { return "xor"; }
  @Override public String description() { return "running XOR (parity) of a bit stream; train <= 8, test 16/32/64"; }
  @Override public String metric() { return "exact@64"; }
  @Override public boolean higherIsBetter() { return true; }
  @Override public boolean solved(double value) { return value >= 1.0; }

  @Override
  public ModelConfig.Builder model() {
    return ModelConfig.builder().inputSize(1).outputSize(1).loss("bce").output(OutputActivation.SIGMOID);
  }

  @Override
  public TaskSettings settings() {
    return new TaskSettings(80, 16, 0.01, 5.0, 16);
  }

  @Override
  public List<Example> trainingSet(Random rng) {
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      out.add(example(1 + rng.nextInt(8), rng));
    }
    return out;
  }

  @Override
  public List<Example> testSet(Random rng) {
    List<Example> out = new ArrayList<>();
    for (int bits : BinaryAddition.TEST_BITS) {
      for (int i = 0; i < 200; i++) {
        out.add(example(bits, rng));
      }
    }
    return out;
  }

  static Example example(int bits, Random rng) {
    float[] x = new float[bits];
    float[] y = new float[bits];
    int p = 0;
    for (int t = 0; t < bits; t++) {
      int b = rng.nextInt(2);
      p ^= b;
      x[t] = b;
      y[t] = p;
    }
    return new Example(Tensor.of(x, bits, 1), Tensor.of(y, bits, 1));
  }

  @Override
  public Score evaluate(RnnModel model, List<Example> test) {
    return BinaryAddition.exactByLength(model, test);
  }

  @Override
  public double baseline(List<Example> test) {
    return 0.0;
  }
}
