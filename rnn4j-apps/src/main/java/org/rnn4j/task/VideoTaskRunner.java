package org.rnn4j.task;

import java.util.List;
import java.util.Random;
import org.rnn4j.data.Batching;
import org.rnn4j.data.Example;
import org.rnn4j.model.Batch;
import org.rnn4j.model.FrameConvRecurrentModel;
import org.rnn4j.model.Mapping;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.train.Batches;
import org.rnn4j.train.TrainConfig;
import org.rnn4j.train.Trainer;

/**
 * Trains a 2-D CNN per frame + recurrent model (or the recurrent model on the raw pixels, spec
 * "none") on {@link MovingBlob} and scores test accuracy after every epoch. The data do not
 * depend on the model, so runs with and without the front end see the same videos.
 */
public final class VideoTaskRunner {
  /** The default front end: two 3×3 conv + 2×2 max-pool stages, 16×16 frames → 8 maps of 4×4. */
  public static final String DEFAULT_CNN = "8k3-same-relu-max2,8k3-same-relu-max2";

  private VideoTaskRunner() {}

  public record Options(String cnn, String cell, int hidden, int epochs, int batchSize, double learningRate,
      double clipNorm, int frames, int size, int trainSize, int testSize, long seed) {
    public static Options defaults(long seed) {
      return new Options(DEFAULT_CNN, "lstm", 32, 8, 32, 0.005, 5.0, MovingBlob.DEFAULT_FRAMES, MovingBlob.DEFAULT_SIZE,
          500, 500, seed);
    }
  }

  /** The outcome; {@code features} is the recurrent model's input size per frame. */
  public record Result(double accuracy, double seconds, int epochs, int params, int features, FrameConvRecurrentModel model) {}

  public static Result run(Options o, ConvTaskRunner.Listener listener) {
    long start = System.nanoTime();
    FrameConvRecurrentModel model = FrameConvRecurrentModel.create(o.cnn(), 1, o.size(), o.size(), ModelConfig.builder()
        .cell(o.cell()).hiddenSize(o.hidden()).outputSize(MovingBlob.CLASSES.size()).loss("ce")
        .mapping(Mapping.MANY_TO_ONE), o.seed());
    List<Example> train = MovingBlob.generate(o.trainSize(), o.frames(), o.size(), new Random(o.seed() + 1));
    Batch test = Batching.stack(MovingBlob.generate(o.testSize(), o.frames(), o.size(), new Random(o.seed() + 2)));
    TrainConfig tc = TrainConfig.builder().epochs(o.epochs()).batchSize(o.batchSize()).lr(o.learningRate())
        .clipNorm(o.clipNorm()).seed(o.seed() + 3).build();
    double[] acc = {accuracy(model, test)};
    int epochs = new Trainer<>(model, tc).fit(Batches.of(train), (epoch, stats) -> {
      acc[0] = accuracy(model, test);
      if (listener != null) {
        listener.epoch(new ConvTaskRunner.Progress(epoch, stats.loss(), acc[0], (System.nanoTime() - start) / 1e9));
      }
      return true;
    });
    return new Result(acc[0], (System.nanoTime() - start) / 1e9, epochs, model.parameters().size(),
        model.conv().outputSize(), model);
  }

  static double accuracy(FrameConvRecurrentModel model, Batch test) {
    return Waveforms.accuracy(model.forward(test.x()).output(), test.y());
  }
}
