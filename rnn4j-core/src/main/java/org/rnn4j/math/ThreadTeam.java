package org.rnn4j.math;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed team of daemon worker threads that, with the calling thread, runs the tasks of one job
 * at a time (the parts of a split product, the row strips of a time loop). A worker that runs out
 * of work spins for {@link #SPIN_NANOS} before it parks, as OpenMP's workers do: a training step
 * hands out a few dozen jobs, and with executor threads that parked after every job, a 3200×64×512
 * product split in two took 1.2–1.5 ms per call instead of 1.0–1.2 (the wake-ups of the worker
 * and of the waiting caller).
 *
 * <p>A job's tasks must be independent; each runs exactly once, on whichever thread takes it, so
 * a task whose result does not depend on its thread gives the same result on any team. A job
 * submitted while another one runs (another caller thread, or a task submitting again) runs on
 * its caller alone.
 */
final class ThreadTeam implements AutoCloseable {
  /** How long an idle worker polls for the next job before it parks. */
  static final long SPIN_NANOS = 500_000;

  private final Thread[] workers;
  /** 1 while worker w is parked or about to park (volatile reads and writes). */
  private final AtomicIntegerArray parked;
  private final AtomicBoolean busy = new AtomicBoolean();
  /** The latest job; a worker still finishing an older one holds that one, with its own counters. */
  private volatile Job job;
  /** Incremented for every job; workers watch it. */
  private volatile long generation;
  private volatile boolean closed;

  /** One call's tasks, the index of the next one to take, and how many have not finished. */
  private static final class Job {
    final Runnable[] tasks;
    final Thread caller = Thread.currentThread();
    final AtomicInteger next = new AtomicInteger();
    final AtomicInteger unfinished;
    final AtomicReference<Throwable> failure = new AtomicReference<>();

    Job(Runnable[] tasks) {
      this.tasks = tasks;
      this.unfinished = new AtomicInteger(tasks.length);
    }

    /** Takes tasks until none is left. */
    void runTasks() {
      for (int i = next.getAndIncrement(); i < tasks.length; i = next.getAndIncrement()) {
        try {
          tasks[i].run();
        } catch (Throwable t) {
          failure.compareAndSet(null, t);
        }
        if (unfinished.decrementAndGet() == 0) {
          LockSupport.unpark(caller);
        }
      }
    }

    /** The caller spins while the other tasks finish, then parks (a task may run for long). */
    void awaitFinished() {
      long start = System.nanoTime();
      while (unfinished.get() > 0) {
        if (System.nanoTime() - start < SPIN_NANOS) {
          Thread.onSpinWait();
        } else {
          LockSupport.park(this);
        }
      }
    }
  }

  ThreadTeam(int workers, String name) {
    this.workers = new Thread[workers];
    this.parked = new AtomicIntegerArray(workers);
    for (int w = 0; w < workers; w++) {
      int index = w;
      Thread t = new Thread(() -> work(index), name + "-" + (w + 1));
      t.setDaemon(true);
      this.workers[w] = t;
      t.start();
    }
  }

  /** Runs every task, the caller taking part, and returns when all are done. */
  void run(Runnable[] tasks) {
    if (tasks.length == 1 || closed || !busy.compareAndSet(false, true)) {
      for (Runnable task : tasks) {
        task.run();
      }
      return;
    }
    Job j = new Job(tasks);
    try {
      job = j;
      generation++; // a volatile write after the job: workers that see it see the job
      for (int w = 0; w < workers.length; w++) {
        if (parked.get(w) == 1) {
          LockSupport.unpark(workers[w]);
        }
      }
      j.runTasks();
      j.awaitFinished();
    } finally {
      busy.set(false);
    }
    Throwable f = j.failure.get();
    if (f instanceof RuntimeException) {
      throw (RuntimeException) f;
    } else if (f instanceof Error) {
      throw (Error) f;
    } else if (f != null) {
      throw new IllegalStateException(f);
    }
  }

  private void work(int index) {
    long seen = 0;
    while (!closed) {
      long start = System.nanoTime();
      while (generation == seen && !closed) {
        if (System.nanoTime() - start < SPIN_NANOS) {
          Thread.onSpinWait();
        } else {
          parked.set(index, 1);
          if (generation == seen && !closed) { // rechecked after announcing: no wake-up is lost
            LockSupport.park(this);
          }
          parked.set(index, 0);
        }
      }
      if (closed) {
        return;
      }
      seen = generation;
      job.runTasks();
    }
  }

  @Override
  public void close() {
    closed = true;
    for (Thread t : workers) {
      LockSupport.unpark(t);
    }
  }
}
