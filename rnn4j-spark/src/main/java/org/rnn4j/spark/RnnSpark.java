package org.rnn4j.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark configuration rnn4j runs with. Executors start with {@code --add-modules
 * jdk.incubator.vector} (the Vector API kernels; Spark's launcher adds its own module options
 * too); a local master or one on 127.0.0.1 binds the driver to 127.0.0.1 only.
 */
public final class RnnSpark {
  /** The JVM option the Vector API kernels need, set for every executor. */
  public static final String VECTOR_MODULE = "--add-modules jdk.incubator.vector";

  private RnnSpark() {}

  /**
   * A configuration for {@code master} ({@code local[N]}, {@code local[N,F]} for F attempts per
   * task, {@code spark://HOST:PORT}, ...): the app name, the executors' JVM options, no web UI,
   * results up to 1 GB per task (a step returns one gradient per partition) sent directly,
   * uncompressed broadcasts, the driver's GC (which lets Spark delete old shuffle files) at least
   * every minute, and for a local master or one on 127.0.0.1 the driver bound to 127.0.0.1.
   */
  public static SparkConf conf(String master, String appName) {
    SparkConf conf = new SparkConf().setMaster(master).setAppName(appName)
        .set("spark.executor.extraJavaOptions", VECTOR_MODULE)
        .set("spark.ui.enabled", "false")
        .set("spark.driver.maxResultSize", "4g")
        .set("spark.task.maxDirectResultSize", String.valueOf(1 << 30))
        .set("spark.broadcast.compress", "false") // parameter values hardly compress; it only costs time
        .set("spark.sql.shuffle.partitions", "8")
        // A reduction tree (DistributedObjective.REDUCE_FAN_IN) leaves a shuffle per step, whose files Spark deletes
        // once the driver's GC has collected its RDDs: collect at least every minute, not every 30.
        .set("spark.cleaner.periodicGC.interval", "1min");
    if (master.startsWith("local") || master.contains("://127.0.0.1:")) {
      conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
    }
    return conf;
  }

  /**
   * The bad-input error in the cause chain of a failed job (an IllegalArgumentException a task threw
   * on meeting bad data: Spark wraps it in a SparkException), or null when there is none.
   */
  public static IllegalArgumentException badInput(Throwable failure) {
    for (Throwable c = failure; c != null; c = c.getCause()) {
      if (c instanceof IllegalArgumentException bad) {
        return bad;
      }
    }
    return null;
  }

  /** A session with {@link #conf}: the existing one if this JVM has one. */
  public static SparkSession session(String master, String appName) {
    return SparkSession.builder().config(conf(master, appName)).getOrCreate();
  }
}
