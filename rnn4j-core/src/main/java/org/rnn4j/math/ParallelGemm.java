package org.rnn4j.math;

/**
 * Runs a single-threaded {@link Gemm} on a fixed number of threads by splitting C into disjoint
 * blocks: column strips when n is wide enough, otherwise row strips. Every element of C is
 * computed by exactly one call of the wrapped kernel, so with a kernel whose per-element
 * reduction order does not depend on where the element sits in the block (true of {@link
 * BlockedGemm}, {@link ScalarGemm} and VectorGemm) the result is bit-identical to the
 * single-threaded one, for any thread count.
 *
 * <p>The calling thread and {@code threads - 1} daemon workers (a {@link ThreadTeam}, which
 * {@link Kernels#runConcurrently} shares) compute the blocks. Problems with {@code m*n*k} below
 * {@code minWork} run on the caller alone, since handing work to another thread costs more than
 * it saves on them.
 */
public final class ParallelGemm implements Gemm, AutoCloseable {
  /**
   * Default threshold on m*n*k (system property rnn4j.gemm.minWork overrides, for tuning): about
   * 25 microseconds of single-threaded work at the ~45 GFLOP/s
   * BlockedGemm reaches, several times the cost of waking a worker and joining it.
   */
  public static final long DEFAULT_MIN_WORK = Long.getLong("rnn4j.gemm.minWork", 1L << 19);
  /**
   * Column strips are multiples of this many columns: one VectorGemm panel (four 512-bit vectors
   * of floats). A strip cut inside a panel runs the kernel's one-vector edge code, four times
   * slower per column: the 65 outputs of a character model's head split as 32 + 33 columns did
   * all of that product there; they now split by rows.
   */
  private static final int COL_ALIGN = 64;
  /**
   * Row strips are multiples of this many rows, so each strip has more rows than {@link
   * BlockedGemm#DOT_MAX_M} and takes the same code path as the whole problem.
   */
  private static final int ROW_ALIGN = 8;

  private final Gemm kernel;
  private final int threads;
  private final long minWork;
  private final ThreadTeam team;

  public ParallelGemm(Gemm kernel, int threads) {
    this(kernel, threads, DEFAULT_MIN_WORK);
  }

  /** {@code minWork = 0} always splits (tests use it to exercise the parallel path). */
  public ParallelGemm(Gemm kernel, int threads, long minWork) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1: " + threads);
    }
    this.kernel = kernel;
    this.threads = threads;
    this.minWork = minWork;
    this.team = threads == 1 ? null : new ThreadTeam(threads - 1, "rnn4j-worker");
  }

  public int threads() {
    return threads;
  }

  public Gemm kernel() {
    return kernel;
  }

  @Override
  public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
      float beta, float[] c, int cOff, int ldc) {
    long work = (long) m * n * Math.max(k, 1);
    int byCols = Math.min(threads, n / COL_ALIGN);
    int byRows = Math.min(threads, m / ROW_ALIGN);
    if (team == null || work < minWork || Math.max(byCols, byRows) < 2) {
      kernel.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
      return;
    }
    // Prefer column strips: each thread then reads all of op(A) (small for the per-step
    // products) and only its own part of op(B) (the large weight matrix).
    boolean cols = byCols >= Math.min(threads, 2) && byCols >= byRows;
    int parts = cols ? byCols : byRows;
    int total = cols ? n : m;
    int align = cols ? COL_ALIGN : ROW_ALIGN;
    // Strip boundaries: equal shares rounded down to the alignment; the last takes the rest.
    int chunk = (total / parts) / align * align;
    Runnable[] tasks = new Runnable[parts];
    for (int t = 0; t < parts; t++) {
      int from = t * chunk;
      int to = t == parts - 1 ? total : from + chunk;
      if (cols) {
        int bo = transB ? bOff + from * ldb : bOff + from;
        tasks[t] = () -> kernel.gemm(transA, transB, m, to - from, k, alpha, a, aOff, lda,
            b, bo, ldb, beta, c, cOff + from, ldc);
      } else {
        int ao = transA ? aOff + from : aOff + from * lda;
        tasks[t] = () -> kernel.gemm(transA, transB, to - from, n, k, alpha, a, ao, lda,
            b, bOff, ldb, beta, c, cOff + from * ldc, ldc);
      }
    }
    runAll(tasks);
  }

  @Override
  public PackedB pack(boolean transB, int n, int k, float[] b, int bOff, int ldb) {
    return kernel.pack(transB, n, k, b, bOff, ldb);
  }

  @Override
  public PackedB pack(boolean transB, int n, int k, float[] b, int bOff, int ldb, PackedB reuse) {
    return kernel.pack(transB, n, k, b, bOff, ldb, reuse);
  }

  /** With B packed, threads take row strips of C: each reads the whole (shared, read-only) pack. */
  @Override
  public void gemm(boolean transA, int m, float alpha, float[] a, int aOff, int lda, PackedB b,
      float beta, float[] c, int cOff, int ldc) {
    long work = (long) m * b.n() * Math.max(b.k(), 1);
    int parts = Math.min(threads, m / ROW_ALIGN);
    if (team == null || work < minWork || parts < 2) {
      kernel.gemm(transA, m, alpha, a, aOff, lda, b, beta, c, cOff, ldc);
      return;
    }
    int chunk = (m / parts) / ROW_ALIGN * ROW_ALIGN;
    Runnable[] tasks = new Runnable[parts];
    for (int t = 0; t < parts; t++) {
      int from = t * chunk;
      int to = t == parts - 1 ? m : from + chunk;
      int ao = transA ? aOff + from : aOff + from * lda;
      tasks[t] = () -> kernel.gemm(transA, to - from, alpha, a, ao, lda, b, beta, c, cOff + from * ldc, ldc);
    }
    runAll(tasks);
  }

  /** Runs independent tasks on the team, the caller taking part (a single task runs on the caller). */
  void runAll(Runnable[] tasks) {
    if (team == null) {
      for (Runnable task : tasks) {
        task.run();
      }
    } else {
      team.run(tasks);
    }
  }

  /** Stops the worker threads; they are daemons, so this is optional at JVM exit. */
  @Override
  public void close() {
    if (team != null) {
      team.close();
    }
  }
}
