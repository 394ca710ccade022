package org.rnn4j.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.rnn4j.data.Example;
import org.rnn4j.tensor.Tensor;

/**
 * A synthetic video task: a bright blob moves one pixel per frame to the right, left, down or
 * up across noisy S×S frames; the class is its direction. Each sequence has T frames of one
 * channel; the blob is a Gaussian bump (σ = 1 pixel, height 1) starting anywhere its path
 * stays inside the frame, the noise N(0, {@value #NOISE}²) on every pixel. Inputs (T, S·S) row
 * by row, targets one class index (many-to-one). Where the blob starts is random, so what is
 * learned must hold at every position: a convolution shares its weights over positions, a
 * dense layer over the raw pixels must learn each position separately.
 */
public final class MovingBlob {
  public static final List<String> CLASSES = List.of("right", "left", "down", "up");
  public static final int DEFAULT_FRAMES = 8, DEFAULT_SIZE = 16;
  static final double NOISE = 0.3, SIGMA = 1.0;

  private MovingBlob() {}

  /** {@code n} sequences of {@code frames} frames of {@code size}×{@code size} pixels. */
  public static List<Example> generate(int n, int frames, int size, Random rng) {
    return generate(n, frames, size, NOISE, rng);
  }

  /** The same with noise of standard deviation {@code noise}. */
  static List<Example> generate(int n, int frames, int size, double noise, Random rng) {
    int travel = frames - 1, margin = 1;
    if (size < travel + 2 * margin + 1) {
      throw new IllegalArgumentException("moving blob: expected frames of at least " + (travel + 2 * margin + 1)
          + " pixels for " + frames + " frames, found " + size);
    }
    int[][] step = {{0, 1}, {0, -1}, {1, 0}, {-1, 0}}; // (row, column) per frame for each class
    List<Example> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      int cls = rng.nextInt(CLASSES.size());
      // Start so that the whole path stays at least one pixel inside the frame.
      int r0 = start(step[cls][0], travel, margin, size, rng), c0 = start(step[cls][1], travel, margin, size, rng);
      float[] x = new float[frames * size * size];
      for (int t = 0; t < frames; t++) {
        double r = r0 + step[cls][0] * t, c = c0 + step[cls][1] * t;
        for (int i = 0; i < size; i++) {
          for (int j = 0; j < size; j++) {
            double d2 = (i - r) * (i - r) + (j - c) * (j - c);
            x[(t * size + i) * size + j] = (float) (Math.exp(-d2 / (2 * SIGMA * SIGMA)) + noise * rng.nextGaussian());
          }
        }
      }
      out.add(new Example(Tensor.of(x, frames, size * size), Tensor.of(new float[] {cls}, 1)));
    }
    return out;
  }

  /** A start coordinate along one axis: moving +1 or −1 leaves room for the travel, still (0) anywhere. */
  private static int start(int direction, int travel, int margin, int size, Random rng) {
    int lo = margin + (direction < 0 ? travel : 0);
    int hi = size - 1 - margin - (direction > 0 ? travel : 0);
    return lo + rng.nextInt(hi - lo + 1);
  }
}
