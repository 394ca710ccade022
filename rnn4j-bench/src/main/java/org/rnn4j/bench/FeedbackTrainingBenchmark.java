package org.rnn4j.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.rnn4j.model.Batch;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.OutputFeedback;
import org.rnn4j.model.OutputRecurrentModel;
import org.rnn4j.model.RnnModel;
import org.rnn4j.model.Trainable;
import org.rnn4j.tensor.Tensor;

/**
 * One teacher-forced training step (forward, loss, backward) of an output-feedback model, T = 100
 * steps of B = 32 sequences, 10 classes fed back and a per-step condition of 3: output-only
 * recurrence (every step in one product, no loop over time) against an Elman network of the same
 * width (a product per step, and backward through time).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
@Fork(jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class FeedbackTrainingBenchmark {
  static final int T = 100, B = 32, O = 10, C = 3;

  @Param({"output", "elman"})
  public String recurrence;

  @Param({"64", "256"})
  public int hidden;

  private Trainable<Batch> model;
  private Batch batch;

  @Setup(Level.Trial)
  public void setUp() {
    Random rng = new Random(1);
    Tensor y = Tensor.zeros(T, B), cond = Tensor.zeros(T, B, C);
    for (int i = 0; i < y.size(); i++) {
      y.data()[i] = rng.nextInt(O);
    }
    for (int i = 0; i < cond.size(); i++) {
      cond.data()[i] = (float) rng.nextGaussian();
    }
    batch = new Batch(OutputFeedback.teacherForcedInput(y, cond, true, O), y);
    ModelConfig c = ModelConfig.builder().inputSize(O + C).hiddenSize(hidden).outputSize(O).loss("ce").build();
    model = recurrence.equals("output") ? new OutputRecurrentModel(c, 1) : new RnnModel(c, 1);
  }

  @Benchmark
  public double trainingStep() {
    model.parameters().zeroGrads();
    return model.lossAndGradient(batch);
  }
}
