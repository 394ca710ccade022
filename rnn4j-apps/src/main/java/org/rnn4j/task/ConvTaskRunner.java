package org.rnn4j.task;

import java.util.List;
import java.util.Random;
import org.rnn4j.data.Batching;
import org.rnn4j.data.Example;
import org.rnn4j.model.Batch;
import org.rnn4j.model.ConvRecurrentModel;
import org.rnn4j.model.Mapping;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.train.Batches;
import org.rnn4j.train.TrainConfig;
import org.rnn4j.train.Trainer;

/**
 * Trains a conv front end + recurrent model (or the recurrent model alone, spec "none") on
 * {@link Waveforms} and scores test accuracy after every epoch. Everything random comes from
 * the one seed; the data do not depend on the model, so runs with and without the conv front
 * end see the same sequences.
 */
public final class ConvTaskRunner {
  /** The default front end: two conv + max-pool stages, 128 steps → 32. */
  public static final String DEFAULT_CNN = "16k5-same-relu-max2,16k5-same-relu-max2";

  private ConvTaskRunner() {}

  public record Options(String cnn, String cell, int hidden, int epochs, int batchSize, double learningRate,
      double clipNorm, int length, int trainSize, int testSize, long seed) {
    public static Options defaults(long seed) {
      return new Options(DEFAULT_CNN, "lstm", 32, 10, 32, 0.005, 5.0, Waveforms.DEFAULT_LENGTH, 2000, 500, seed);
    }
  }

  /** One epoch's report. */
  public record Progress(int epoch, double loss, double accuracy, double seconds) {}

  /** The outcome; {@code steps} is the length T' the recurrent model runs over. */
  public record Result(double accuracy, double seconds, int epochs, int params, int steps, ConvRecurrentModel model) {}

  public interface Listener {
    void epoch(Progress p);
  }

  public static Result run(Options o, Listener listener) {
    long start = System.nanoTime();
    ConvRecurrentModel model = ConvRecurrentModel.create(o.cnn(), 1, ModelConfig.builder().cell(o.cell())
        .hiddenSize(o.hidden()).outputSize(Waveforms.CLASSES.size()).loss("ce").mapping(Mapping.MANY_TO_ONE), o.seed());
    List<Example> train = Waveforms.generate(o.trainSize(), o.length(), new Random(o.seed() + 1));
    Batch test = Batching.stack(Waveforms.generate(o.testSize(), o.length(), new Random(o.seed() + 2)));
    TrainConfig tc = TrainConfig.builder().epochs(o.epochs()).batchSize(o.batchSize()).lr(o.learningRate())
        .clipNorm(o.clipNorm()).seed(o.seed() + 3).build();
    double[] acc = {accuracy(model, test)};
    int epochs = new Trainer<>(model, tc).fit(Batches.of(train), (epoch, stats) -> {
      acc[0] = accuracy(model, test);
      if (listener != null) {
        listener.epoch(new Progress(epoch, stats.loss(), acc[0], (System.nanoTime() - start) / 1e9));
      }
      return true;
    });
    return new Result(acc[0], (System.nanoTime() - start) / 1e9, epochs, model.parameters().size(),
        model.conv().outputSteps(o.length()), model);
  }

  static double accuracy(ConvRecurrentModel model, Batch test) {
    return Waveforms.accuracy(model.forward(test.x()).output(), test.y());
  }
}
