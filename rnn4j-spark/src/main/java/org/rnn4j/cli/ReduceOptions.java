package org.rnn4j.cli;

import java.util.function.Supplier;
import org.apache.spark.api.java.JavaSparkContext;
import org.rnn4j.spark.DistributedObjective;
import picocli.CommandLine.Option;

/** How the exact mode's gradients reach the driver: directly, or through a reduction tree on the executors. */
final class ReduceOptions {
  @Option(names = "--reduce-fan-in", paramLabel = "F", defaultValue = "0",
      description = "Exact mode: add the partitions' gradients on the executors in groups of F (and those sums in "
          + "groups of F, ...) until at most F sums reach the driver, instead of one gradient per partition: for many "
          + "executors, where the driver's link is the limit (default: 0, no tree).")
  String fanIn;

  /** Checks the fan-in (a bad one is one line) and, unless 0, sets it for the training this thread starts. */
  void apply(Supplier<JavaSparkContext> spark) {
    if (DistributedObjective.parseFanIn(fanIn) > 0) {
      spark.get().setLocalProperty(DistributedObjective.REDUCE_FAN_IN, fanIn);
    }
  }
}
