package org.rnn4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.io.ModelFile;

/**
 * The thread-safety contract of streaming inference under load: 16 threads, each with its own
 * stepper on one loaded model's pack, run 10,000 steps each (single steps and 100-step calls
 * mixed) and give results bit-identical to the same streams run one after the other. Prints the
 * throughput of both; figures in docs/reliability.md. {@code -Drnn4j.concurrency.steps=N} runs
 * longer streams.
 */
class ConcurrentInferenceTest {
  static final int THREADS = 16, VOCABULARY = 40;
  @TempDir Path dir;

  @Test
  void sixteenThreadsOnOneLoadedModelGiveTheSequentialResults() throws Exception {
    int steps = Integer.getInteger("rnn4j.concurrency.steps", 10_000);
    ModelConfig c = ModelConfig.builder().cell("lstm").inputSize(VOCABULARY).tokenInput(true).hiddenSize(64).numLayers(2)
        .outputSize(VOCABULARY).loss("ce").build();
    Path file = dir.resolve("m.safetensors");
    ModelFile.save(file, new RnnModel(c, 5));
    PackedModel packed = ModelFile.load(file).packed();

    stream(packed, THREADS, steps); // warm-up: the JIT compiles the step before either side is timed
    long t0 = System.nanoTime();
    List<float[]> sequential = new ArrayList<>();
    for (int k = 0; k < THREADS; k++) {
      sequential.add(stream(packed, k, steps));
    }
    double sequentialSeconds = (System.nanoTime() - t0) / 1e9;

    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<float[]>> concurrent = new ArrayList<>();
      t0 = System.nanoTime();
      for (int k = 0; k < THREADS; k++) {
        int seed = k;
        concurrent.add(pool.submit(() -> stream(packed, seed, steps)));
      }
      for (int k = 0; k < THREADS; k++) {
        assertThat(concurrent.get(k).get()).as("thread %d", k).isEqualTo(sequential.get(k));
      }
      double concurrentSeconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf("concurrency: %d streams x %,d steps (LSTM 2x64, vocabulary %d), %d cores: sequential %,.0f steps/s,"
          + " %d threads %,.0f steps/s; bit-identical%n", THREADS, steps, VOCABULARY, Runtime.getRuntime().availableProcessors(),
          THREADS * steps / sequentialSeconds, THREADS, THREADS * steps / concurrentSeconds);
    } finally {
      pool.shutdown();
    }
  }

  /**
   * One stream fed its own greedy choices from a start of its own: the outputs of every step.
   * Steps alternate between 100 single-step calls and one 100-step call fed the next 100 tokens
   * of a fixed pattern, so both ways of calling a stepper run under load.
   */
  private static float[] stream(PackedModel packed, int seed, int steps) {
    Stepper s = packed.stepper(1);
    float[] all = new float[steps * VOCABULARY];
    float[] x = {seed % VOCABULARY};
    float[] chunk = new float[100];
    int t = 0;
    for (int round = 0; t < steps; round++) {
      if (round % 2 == 0) {
        for (int i = 0; i < 100 && t < steps; i++, t++) {
          float[] out = s.step(x);
          System.arraycopy(out, 0, all, t * VOCABULARY, VOCABULARY);
          x[0] = argmax(out); // out may be longer than one step's outputs: the stepper's buffer
        }
      } else {
        int n = Math.min(100, steps - t);
        for (int i = 0; i < n; i++) {
          chunk[i] = (seed * 7 + t + i * 3) % VOCABULARY;
        }
        float[] out = s.run(chunk, n);
        System.arraycopy(out, 0, all, t * VOCABULARY, n * VOCABULARY);
        t += n;
      }
    }
    return all;
  }

  private static int argmax(float[] p) {
    int best = 0;
    for (int j = 1; j < VOCABULARY; j++) {
      best = p[j] > p[best] ? j : best;
    }
    return best;
  }
}
