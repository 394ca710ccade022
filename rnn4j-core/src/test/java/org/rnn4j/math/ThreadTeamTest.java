package org.rnn4j.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ThreadTeamTest {
  /** Tasks that each wait until all of them have started: they finish only if they run at once. */
  private static Runnable[] together(int n, Set<String> threads) {
    CountDownLatch started = new CountDownLatch(n);
    Runnable[] tasks = new Runnable[n];
    for (int i = 0; i < n; i++) {
      tasks[i] = () -> {
        threads.add(Thread.currentThread().getName());
        started.countDown();
        try {
          if (!started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the other tasks never started");
          }
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      };
    }
    return tasks;
  }

  @Test
  void everyTaskOfEveryJobRunsExactlyOnce() {
    try (ThreadTeam team = new ThreadTeam(2, "test")) {
      for (int job = 0; job < 20_000; job++) {
        int n = 1 + job % 5;
        AtomicIntegerArray runs = new AtomicIntegerArray(n);
        Runnable[] tasks = new Runnable[n];
        for (int i = 0; i < n; i++) {
          int index = i;
          tasks[i] = () -> runs.incrementAndGet(index);
        }
        team.run(tasks);
        for (int i = 0; i < n; i++) {
          assertThat(runs.get(i)).as("job %d task %d", job, i).isEqualTo(1);
        }
      }
    }
  }

  @Test
  void parkedWorkersWakeUpForTheNextJob() throws InterruptedException {
    try (ThreadTeam team = new ThreadTeam(2, "test")) {
      for (int job = 0; job < 3; job++) {
        Thread.sleep(20); // far beyond the spin time: the workers have parked
        Set<String> threads = ConcurrentHashMap.newKeySet();
        team.run(together(3, threads));
        assertThat(threads).hasSize(3);
      }
    }
  }

  @Test
  void aFailingTaskFailsTheCallAfterTheOthersFinish() {
    try (ThreadTeam team = new ThreadTeam(1, "test")) {
      AtomicIntegerArray runs = new AtomicIntegerArray(3);
      Runnable[] tasks = {
        () -> runs.incrementAndGet(0),
        () -> {
          runs.incrementAndGet(1);
          throw new IllegalArgumentException("bad task");
        },
        () -> runs.incrementAndGet(2)};
      assertThatThrownBy(() -> team.run(tasks)).isInstanceOf(IllegalArgumentException.class).hasMessage("bad task");
      assertThat(runs.get(0) + runs.get(1) + runs.get(2)).isEqualTo(3);
      Set<String> threads = ConcurrentHashMap.newKeySet();
      team.run(together(2, threads)); // still usable
      assertThat(threads).hasSize(2);
    }
  }

  @Test
  void aJobSubmittedFromATaskRunsOnItsCaller() {
    try (ThreadTeam team = new ThreadTeam(1, "test")) {
      AtomicIntegerArray runs = new AtomicIntegerArray(4);
      Runnable inner0 = () -> runs.incrementAndGet(2);
      Runnable inner1 = () -> runs.incrementAndGet(3);
      team.run(new Runnable[] {
        () -> {
          runs.incrementAndGet(0);
          team.run(new Runnable[] {inner0, inner1});
        },
        () -> runs.incrementAndGet(1)});
      for (int i = 0; i < 4; i++) {
        assertThat(runs.get(i)).as("task %d", i).isEqualTo(1);
      }
    }
  }

  @Test
  void aClosedTeamRunsJobsOnTheCaller() {
    ThreadTeam team = new ThreadTeam(1, "test");
    team.close();
    Set<String> threads = ConcurrentHashMap.newKeySet();
    team.run(new Runnable[] {
      () -> threads.add(Thread.currentThread().getName()),
      () -> threads.add(Thread.currentThread().getName())});
    assertThat(threads).containsExactly(Thread.currentThread().getName());
  }
}
