package org.rnn4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnn4j.model.Batch;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.model.Stepper;
import org.rnn4j.optim.Adam;
import org.rnn4j.tensor.Tensor;

/**
 * Long work runs in constant memory: truncated BPTT over a long stream keeps the same heap (apart
 * from the stream itself) whatever its length; streaming inference allocates nothing per step
 * (scoring a text on disk: {@code BitsPerCharacterTest} in rnn4j-apps). Figures in docs/reliability.md.
 */
class MemoryBoundsTest {
  static ModelConfig lstm(int input, int hidden) {
    return ModelConfig.builder().cell("lstm").inputSize(input).hiddenSize(hidden).outputSize(input).build();
  }

  @Test
  void truncatedBpttOverALongStreamKeepsTheHeapFlat() {
    RnnModel model = new RnnModel(lstm(1, 16), 1);
    Trainer<Batch> trainer = new Trainer<>(model, new Adam(1e-3), TrainConfig.builder().epochs(1).batchSize(1).build());
    TruncatedBptt tbptt = new TruncatedBptt(trainer, model, 50, 50);
    int[] lengths = {100_000, 300_000, 1_000_000};
    List<Long> retained = new ArrayList<>();
    long streamBytes = 0;
    for (int t : lengths) {
      Tensor x = Tensor.zeros(t, 1, 1), y = Tensor.zeros(t, 1, 1);
      for (int i = 0; i < t; i++) {
        x.data()[i] = (float) Math.sin(0.05 * i);
        y.data()[i] = (float) Math.sin(0.05 * (i + 1));
      }
      TruncatedBptt.Result r = tbptt.run(x, y, null);
      assertThat(r.updates()).isEqualTo(t / 50);
      streamBytes = 8L * t; // x and y, float32
      retained.add(usedHeapAfterGc() - streamBytes);
    }
    System.out.printf("memory: truncated BPTT, heap after GC less the stream at %,d / %,d / %,d steps: %.1f / %.1f / %.1f MB%n",
        lengths[0], lengths[1], lengths[2], retained.get(0) / 1e6, retained.get(1) / 1e6, retained.get(2) / 1e6);
    // Ten times the stream: the heap beyond the stream itself grows by less than 8 MB.
    assertThat(retained.get(2) - retained.get(0)).isLessThan(8L << 20);
  }

  /**
   * The streaming path allocates nothing per step once compiled: until the JIT's C2 has compiled
   * the step (escape analysis removes the Vector API's objects), a step allocates; after that a
   * window of 10,000 steps allocates less than 1 KB. Windows are measured until one does, within
   * 100 windows.
   */
  @Test
  void streamingInferenceAllocatesNothingPerStep() {
    RnnModel model = new RnnModel(lstm(8, 32), 2);
    Stepper stepper = model.stepper(1);
    float[] x = new float[8];
    List<Long> windows = new ArrayList<>();
    do {
      windows.add(streamAllocating(stepper, x, 10_000));
    } while (windows.get(windows.size() - 1) >= 1024 && windows.size() < 100);
    System.out.printf("memory: Stepper LSTM 8->32, bytes allocated per window of 10,000 steps until one allocates < 1 KB: %s%n",
        windows);
    assertThat(windows.get(windows.size() - 1)).as("bytes allocated by 10,000 steps, windows %s", windows).isLessThan(1024);
  }

  private static long streamAllocating(Stepper stepper, float[] x, int steps) {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int t = 0; t < steps; t++) {
      x[t % x.length] = stepper.step(x)[0];
    }
    return threads.getCurrentThreadAllocatedBytes() - before;
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }
}
