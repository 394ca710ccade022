package org.rnn4j.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rnn4j.data.Example;

class MovingBlobTest {
  @Test
  void theBlobMovesOnePixelPerFrameInTheLabelledDirection() {
    int size = 12, frames = 6;
    int[][] step = {{0, 1}, {0, -1}, {1, 0}, {-1, 0}}; // right, left, down, up as (row, column)
    for (Example e : MovingBlob.generate(40, frames, size, 0, new Random(3))) { // no noise: the peak is the centre
      int cls = (int) e.y().data()[0];
      assertThat(e.x().shape()).containsExactly(frames, size * size);
      int[] previous = peak(e.x().data(), 0, size);
      for (int t = 1; t < frames; t++) {
        int[] now = peak(e.x().data(), t, size);
        assertThat(new int[] {now[0] - previous[0], now[1] - previous[1]}).as("class %d frame %d", cls, t)
            .containsExactly(step[cls]);
        previous = now;
      }
    }
  }

  @Test
  void aCnnOnEveryFrameLearnsTheDirectionFromFewVideosWhereTheRawLstmDoesNot() {
    VideoTaskRunner.Options d = VideoTaskRunner.Options.defaults(1);
    VideoTaskRunner.Options cnn = new VideoTaskRunner.Options(d.cnn(), d.cell(), d.hidden(), 4, d.batchSize(),
        d.learningRate(), d.clipNorm(), d.frames(), d.size(), d.trainSize(), 200, 1);
    VideoTaskRunner.Options raw = new VideoTaskRunner.Options("none", d.cell(), d.hidden(), 4, d.batchSize(),
        d.learningRate(), d.clipNorm(), d.frames(), d.size(), d.trainSize(), 200, 1);
    double withCnn = VideoTaskRunner.run(cnn, null).accuracy(), without = VideoTaskRunner.run(raw, null).accuracy();
    // Seen after 4 epochs of 500 videos: 0.93 with the front end, 0.65 on the raw pixels (chance 0.25).
    assertThat(withCnn).isGreaterThan(0.85);
    assertThat(without).isLessThan(withCnn - 0.15);
  }

  /** The brightest pixel of frame t. */
  private static int[] peak(float[] x, int t, int size) {
    int at = 0;
    for (int i = 1; i < size * size; i++) {
      if (x[t * size * size + i] > x[t * size * size + at]) {
        at = i;
      }
    }
    return new int[] {at / size, at % size};
  }
}
