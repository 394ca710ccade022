package org.rnn4j.spark;

import java.util.Locale;

/**
 * What the distributed steps of a run moved and took: per step, the parameter bytes broadcast
 * (each executor fetches them once), the gradient bytes the partitions sent back, and the wall
 * time of the step's Spark job including the driver's sum.
 */
public final class StepTraffic {
  private long steps;
  private long broadcastBytes;
  private long resultBytes;
  private double seconds;

  void add(long broadcast, long results, double stepSeconds) {
    steps++;
    broadcastBytes += broadcast;
    resultBytes += results;
    seconds += stepSeconds;
  }

  public long steps() { return steps; }
  public long broadcastBytesPerStep() { return steps == 0 ? 0 : broadcastBytes / steps; }
  public long resultBytesPerStep() { return steps == 0 ? 0 : resultBytes / steps; }
  public double secondsPerStep() { return steps == 0 ? 0 : seconds / steps; }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%d steps, %.1f ms per step, %,d bytes broadcast and %,d bytes returned per step",
        steps, 1000 * secondsPerStep(), broadcastBytesPerStep(), resultBytesPerStep());
  }
}
