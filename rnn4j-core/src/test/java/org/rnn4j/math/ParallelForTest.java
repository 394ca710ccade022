package org.rnn4j.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ParallelForTest {
  @AfterEach
  void singleThreaded() {
    Kernels.setThreads(1);
  }

  /** Each index is handed out exactly once; returns the threads that took part. */
  private static Set<String> cover(int n, long floats) {
    AtomicIntegerArray seen = new AtomicIntegerArray(n);
    Set<String> threads = ConcurrentHashMap.newKeySet();
    Kernels.parallelFor(n, floats, (from, to) -> {
      assertTrue(from % 16 == 0 && from < to, "part [" + from + ", " + to + ")");
      threads.add(Thread.currentThread().getName());
      for (int i = from; i < to; i++) {
        seen.incrementAndGet(i);
      }
    });
    for (int i = 0; i < n; i++) {
      assertEquals(1, seen.get(i), "index " + i);
    }
    return threads;
  }

  @Test
  void coversEveryIndexOnceOnEveryThreadCount() {
    for (int threads : new int[] {1, 2, 3}) {
      Kernels.setThreads(threads);
      for (int n : new int[] {1, 15, 16, 33, 1000, 2048, 4099}) {
        int used = cover(n, Kernels.PARALLEL_MIN_FLOATS).size();
        assertTrue(used <= Math.min(threads, Math.max(1, n / 16)), threads + " threads, n=" + n + ": " + used);
      }
    }
  }

  @Test
  void smallJobsStayOnTheCallerLargeOnesRunConcurrently() {
    Kernels.setThreads(2);
    assertEquals(Set.of(Thread.currentThread().getName()), cover(4096, Kernels.PARALLEL_MIN_FLOATS - 1));
    // Large enough: the two parts run at the same time (each waits until the other has started).
    CountDownLatch started = new CountDownLatch(2);
    Set<String> threads = ConcurrentHashMap.newKeySet();
    Kernels.parallelFor(4096, Kernels.PARALLEL_MIN_FLOATS, (from, to) -> {
      threads.add(Thread.currentThread().getName());
      started.countDown();
      try {
        assertTrue(started.await(10, TimeUnit.SECONDS), "the other part never started");
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    assertEquals(2, threads.size());
  }
}
