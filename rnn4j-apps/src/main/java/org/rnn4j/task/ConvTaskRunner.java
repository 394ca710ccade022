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

  /**
   * A run: the front end's spec (or "none"), the recurrent model's options (unset: an LSTM of 32
   * units), the training settings ({@link #training} with the user's changes), the data sizes;
   * the model's weights and the data come from {@code model.seed()}.
   */
  public record Options(String cnn, TaskRunner.Options model, TrainConfig train, int length, int trainSize, int testSize) {
    public static Options defaults(long seed) {
      return new Options(DEFAULT_CNN, TaskRunner.Options.defaults(seed), training(10, seed), Waveforms.DEFAULT_LENGTH, 2000, 500);
    }
  }

  /** The training settings of the video and waveform tasks: Adam 0.005, batch 32, clipping at norm 5, {@code epochs}. */
  public static TrainConfig training(int epochs, long seed) {
    return TrainConfig.builder().epochs(epochs).batchSize(32).lr(0.005).clipNorm(5).seed(seed + 3).build();
  }

  /** The recurrent part's config: an LSTM of 32 units unless the options say otherwise, then a softmax over the classes. */
  public static ModelConfig.Builder recurrent(TaskRunner.Options o, int classes) {
    ModelConfig.Builder b = ModelConfig.builder().cell("lstm").outputSize(classes).loss("ce").mapping(Mapping.MANY_TO_ONE);
    return TaskRunner.apply(b, o, 32);
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
    long seed = o.model().seed();
    ConvRecurrentModel model = ConvRecurrentModel.create(o.cnn(), 1, recurrent(o.model(), Waveforms.CLASSES.size()), seed);
    List<Example> train = Waveforms.generate(o.trainSize(), o.length(), new Random(seed + 1));
    Batch test = Batching.stack(Waveforms.generate(o.testSize(), o.length(), new Random(seed + 2)));
    double[] acc = {accuracy(model, test)};
    int epochs = new Trainer<>(model, o.train()).fit(Batches.of(train), (epoch, stats) -> {
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
