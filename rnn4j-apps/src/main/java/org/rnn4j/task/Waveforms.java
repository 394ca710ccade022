package org.rnn4j.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.rnn4j.data.Example;
import org.rnn4j.tensor.Tensor;

/**
 * Sequence classification of noisy waveforms by shape: sine, square, sawtooth or triangle
 * (classes 0–3, equally likely), many-to-one. Each sequence has its own period P ∈ [8, 40)
 * steps, phase φ ∈ [0, 1), amplitude A ∈ [0.5, 2) and noise level σ ∈ [0.1, 0.6):
 *
 * <pre>
 *   u_t = frac(t/P + φ);   x_t = A·w(u_t) + σ·ε_t,  ε_t ~ N(0, 1)
 *   w: sin(2πu) | sign(0.5 − u) | 2u − 1 | 4|u − 0.5| − 1
 * </pre>
 *
 * Inputs (T, 1), targets (1) class index; the metric is accuracy, chance 0.25.
 */
public final class Waveforms {
  public static final List<String> CLASSES = List.of("sine", "square", "sawtooth", "triangle");
  public static final int DEFAULT_LENGTH = 128;

  private Waveforms() {}

  public static List<Example> generate(int n, int length, Random rng) {
    if (n <= 0 || length <= 0) {
      throw new IllegalArgumentException("waveforms: expected a positive count and length, found " + n + ", " + length);
    }
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int cls = rng.nextInt(CLASSES.size());
      double period = 8 + 32 * rng.nextDouble(), phase = rng.nextDouble();
      double amp = 0.5 + 1.5 * rng.nextDouble(), noise = 0.1 + 0.5 * rng.nextDouble();
      float[] x = new float[length];
      for (int t = 0; t < length; t++) {
        double u = t / period + phase;
        u -= Math.floor(u);
        x[t] = (float) (amp * shape(cls, u) + noise * rng.nextGaussian());
      }
      out.add(new Example(Tensor.of(x, length, 1), Tensor.of(new float[] {cls}, 1)));
    }
    return out;
  }

  /** The clean waveform of class {@code cls} at phase u ∈ [0, 1), in [−1, 1]. */
  static double shape(int cls, double u) {
    return switch (cls) {
      case 0 -> Math.sin(2 * Math.PI * u);
      case 1 -> u < 0.5 ? 1 : -1;
      case 2 -> 2 * u - 1;
      default -> 4 * Math.abs(u - 0.5) - 1;
    };
  }

  /** Fraction of rows whose argmax output (1, B, 4) equals the class index. */
  public static double accuracy(Tensor outputs, Tensor classes) {
    return Evaluation.argmaxAccuracy(outputs, classes);
  }
}
