package org.rnn4j.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * One local Spark session for all tests of a JVM (a session takes seconds to start): two executor
 * threads, and up to 4 attempts per task, so tests can fail a task and watch Spark retry it.
 */
public final class LocalSpark {
  private static SparkSession session;

  private LocalSpark() {}

  public static synchronized SparkSession session() {
    if (session == null) {
      session = RnnSpark.session("local[2,4]", "rnn4j-tests");
    }
    return session;
  }

  static JavaSparkContext context() {
    return JavaSparkContext.fromSparkContext(session().sparkContext());
  }
}
