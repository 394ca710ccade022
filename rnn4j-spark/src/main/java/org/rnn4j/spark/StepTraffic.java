package org.rnn4j.spark;

import java.util.Locale;

/**
 * What the distributed steps (or rounds of local SGD) of a run moved and took: per step, the bytes
 * broadcast (parameters, and for local SGD the optimizer state; each executor fetches them once),
 * the bytes the partitions sent back (gradients, or parameters and optimizer state), and the wall
 * time of the step's Spark job including the driver's sum.
 */
public final class StepTraffic {
  private final String unit; // "step", or "round" of local SGD
  private long steps;
  private long broadcastBytes;
  private long resultBytes;
  private double seconds;

  StepTraffic(String unit) {
    this.unit = unit;
  }

  void add(long broadcast, long results, double stepSeconds) {
    steps++;
    broadcastBytes += broadcast;
    resultBytes += results;
    seconds += stepSeconds;
  }

  /** The counts so far, as a new object. */
  public StepTraffic copy() {
    StepTraffic t = new StepTraffic(unit);
    t.steps = steps;
    t.broadcastBytes = broadcastBytes;
    t.resultBytes = resultBytes;
    t.seconds = seconds;
    return t;
  }

  /** What was counted after {@code earlier} (a {@link #copy} of this one). */
  public StepTraffic since(StepTraffic earlier) {
    StepTraffic t = new StepTraffic(unit);
    t.steps = steps - earlier.steps;
    t.broadcastBytes = broadcastBytes - earlier.broadcastBytes;
    t.resultBytes = resultBytes - earlier.resultBytes;
    t.seconds = seconds - earlier.seconds;
    return t;
  }

  public long steps() { return steps; }
  public long broadcastBytesPerStep() { return steps == 0 ? 0 : broadcastBytes / steps; }
  public long resultBytesPerStep() { return steps == 0 ? 0 : resultBytes / steps; }
  public double secondsPerStep() { return steps == 0 ? 0 : seconds / steps; }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%d %ss, %.1f ms per %s, %,d bytes broadcast and %,d bytes returned per %s",
        steps, unit, 1000 * secondsPerStep(), unit, broadcastBytesPerStep(), resultBytesPerStep(), unit);
  }
}
