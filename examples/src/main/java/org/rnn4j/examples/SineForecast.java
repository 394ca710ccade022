package org.rnn4j.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.rnn4j.data.Example;
import org.rnn4j.io.ModelFile;
import org.rnn4j.model.Batch;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.train.Batches;
import org.rnn4j.train.TrainConfig;
import org.rnn4j.train.Trainer;

/**
 * Trains an LSTM to predict the next value of noisy sine waves of random frequency and phase,
 * saves it to a safetensors file, loads it back and checks that the loaded model predicts the
 * same. Runs in a few seconds.
 *
 * <p>Usage: {@code SineForecast [model-file]} (default: a temporary file, deleted at the end).
 */
public final class SineForecast {
  static final int STEPS = 40;

  public static void main(String[] args) throws IOException {
    Random random = new Random(42);
    List<Example> train = waves(256, random);
    List<Example> test = waves(64, random);

    // One LSTM layer of 24 units, a linear head to one output at every step, MSE loss.
    ModelConfig config = ModelConfig.builder()
        .cell("lstm").inputSize(1).hiddenSize(24).outputSize(1).loss("mse")
        .build();
    RnnModel model = new RnnModel(config, 7);

    // Adam at 0.01, 30 epochs in minibatches of 32, gradients clipped to norm 1, shuffling seed 7.
    TrainConfig training = TrainConfig.builder().optimizer("adam").lr(0.01).epochs(30).batchSize(32)
        .clipNorm(1.0).seed(7).build();
    Trainer<Batch> trainer = new Trainer<>(model, training);
    trainer.fit(Batches.of(train), (epoch, stats) -> {
      if (epoch % 10 == 0) {
        System.out.printf("epoch %2d  train loss %.5f%n", epoch, stats.loss());
      }
      return true;
    });

    double mse = mse(model, test);
    double persistence = persistenceMse(test);
    System.out.printf("test MSE %.5f (repeating the last value: %.5f)%n", mse, persistence);
    if (!(mse < 0.5 * persistence)) {
      throw new IllegalStateException("the LSTM did not learn: test MSE " + mse + ", baseline " + persistence);
    }

    // The file holds the weights under PyTorch's names and the config, enough to rebuild the model.
    Path file = args.length > 0 ? Path.of(args[0]) : Files.createTempFile("sine-lstm", ".safetensors");
    ModelFile.save(file, model);
    RnnModel loaded = ModelFile.load(file);
    System.out.printf("saved and loaded %s (%d bytes)%n", file.getFileName(), Files.size(file));
    if (args.length == 0) {
      Files.delete(file);
    }

    Tensor x = inputs(test);
    float[] before = model.forward(x).output().data();
    float[] after = loaded.forward(x).output().data();
    if (!Arrays.equals(before, after)) {
      throw new IllegalStateException("the loaded model predicts differently");
    }
    System.out.println("the loaded model predicts exactly the same");
  }

  /** Sequences x_t = sin(ω t + φ) + noise, target y_t = x_{t+1}: x (T, 1), y (T, 1). */
  static List<Example> waves(int n, Random random) {
    List<Example> examples = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double omega = 0.15 + 0.35 * random.nextDouble();
      double phase = 2 * Math.PI * random.nextDouble();
      float[] v = new float[STEPS + 1];
      for (int t = 0; t <= STEPS; t++) {
        v[t] = (float) (Math.sin(omega * t + phase) + 0.02 * random.nextGaussian());
      }
      examples.add(new Example(Tensor.of(Arrays.copyOfRange(v, 0, STEPS), STEPS, 1),
          Tensor.of(Arrays.copyOfRange(v, 1, STEPS + 1), STEPS, 1)));
    }
    return examples;
  }

  /** All examples' inputs as one time-major batch (T, B, 1). */
  static Tensor inputs(List<Example> examples) {
    int b = examples.size();
    Tensor x = Tensor.zeros(STEPS, b, 1);
    for (int i = 0; i < b; i++) {
      for (int t = 0; t < STEPS; t++) {
        x.set(examples.get(i).x().get(t, 0), t, i, 0);
      }
    }
    return x;
  }

  /** Mean squared error of the model's predictions over all examples and steps. */
  static double mse(RnnModel model, List<Example> examples) {
    Tensor out = model.forward(inputs(examples)).output(); // (T, B, 1)
    double sum = 0;
    for (int i = 0; i < examples.size(); i++) {
      for (int t = 0; t < STEPS; t++) {
        double d = out.get(t, i, 0) - examples.get(i).y().get(t, 0);
        sum += d * d;
      }
    }
    return sum / (examples.size() * STEPS);
  }

  /** The error of predicting x_{t+1} = x_t. */
  static double persistenceMse(List<Example> examples) {
    double sum = 0;
    for (Example e : examples) {
      for (int t = 0; t < STEPS; t++) {
        double d = e.x().get(t, 0) - e.y().get(t, 0);
        sum += d * d;
      }
    }
    return sum / (examples.size() * STEPS);
  }

  private SineForecast() {}
}
