package org.rnn4j.spark;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.rnn4j.model.RnnModel;

/**
 * The model copies of one executor JVM, kept between tasks so a model is built once per executor
 * and core, not once per step. Keyed by the run (a random id the driver chose), one copy per
 * concurrently running task: a model holds the workspaces of its last call and serves one task
 * at a time. Only the most recent runs are kept.
 */
final class Replicas {
  private static final int RUNS_KEPT = 4;
  private static final Map<String, Deque<RnnModel>> POOLS = new LinkedHashMap<>();

  private Replicas() {}

  /** A free copy of the run's model, built with {@code create} when none is free. */
  static RnnModel borrow(String run, Supplier<RnnModel> create) {
    RnnModel m;
    synchronized (POOLS) {
      Deque<RnnModel> pool = POOLS.get(run);
      if (pool == null) {
        pool = new ArrayDeque<>();
        POOLS.put(run, pool);
        evictOldRuns();
      }
      m = pool.pollFirst();
    }
    return m != null ? m : create.get();
  }

  /** Returns a copy borrowed for {@code run}. */
  static void giveBack(String run, RnnModel m) {
    synchronized (POOLS) {
      Deque<RnnModel> pool = POOLS.get(run);
      if (pool != null) {
        pool.push(m);
      }
    }
  }

  /** Forgets the run's copies in this JVM (the driver's, in local mode). */
  static void release(String run) {
    synchronized (POOLS) {
      POOLS.remove(run);
    }
  }

  private static void evictOldRuns() {
    Iterator<String> oldest = POOLS.keySet().iterator();
    while (POOLS.size() > RUNS_KEPT) {
      oldest.next();
      oldest.remove();
    }
  }
}
