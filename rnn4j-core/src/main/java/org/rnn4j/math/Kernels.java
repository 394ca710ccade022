package org.rnn4j.math;

/**
 * Chooses the kernel implementations used by layers. The GEMM is named by the system property
 * {@code rnn4j.gemm} ({@code blocked}, {@code vector} or {@code scalar}); without it, {@link
 * VectorGemm} when the JVM runs with {@code --add-modules jdk.incubator.vector}, else {@link
 * BlockedGemm}. Both give bit-identical results (see docs/benchmarks.md, "GEMM kernels"). The
 * elementwise kernels ({@link #pointwise}) follow the same rule under {@code rnn4j.pointwise}
 * ({@code vector} or {@code scalar}). {@link #setThreads} and {@link #runConcurrently} run
 * products and independent tasks on several threads.
 */
public final class Kernels {
  private static volatile Gemm gemm = create(System.getProperty("rnn4j.gemm"));
  private static final Pointwise POINTWISE = createPointwise(System.getProperty("rnn4j.pointwise"));
  /** Set on threads running one of several concurrent tasks (see {@link #runConcurrently}). */
  private static final ThreadLocal<Gemm> OVERRIDE = new ThreadLocal<>();

  private Kernels() {}

  public static Gemm gemm() {
    Gemm local = OVERRIDE.get();
    return local != null ? local : gemm;
  }

  /**
   * Runs two independent tasks (e.g. the two directions of a bidirectional layer); see {@link
   * #runConcurrently}.
   */
  public static void runBoth(Runnable first, Runnable second) {
    runConcurrently(first, second);
  }

  /**
   * How many tasks {@link #runConcurrently} would run at the same time: the GEMM's thread
   * count, or 1 inside one of those tasks (they use the single-threaded kernel).
   */
  public static int concurrency() {
    int threads = threads();
    // Single-threaded GEMM: no ThreadLocal lookup, which costs much on threads that hold many of
    // them (a Spark executor's task threads: 12 % of a forecasting job's time went to the probe).
    return threads < 2 || OVERRIDE.get() != null ? 1 : threads;
  }

  /**
   * Runs independent tasks (the two directions of a bidirectional layer, the row strips of a
   * time loop): concurrently, each with the single-threaded kernel, when the GEMM runs on 2 or
   * more threads; otherwise one after the other. The tasks must write disjoint data; each gives
   * the same result either way. The caller takes part: the tasks go to the GEMM's {@link
   * ThreadTeam}.
   */
  public static void runConcurrently(Runnable... tasks) {
    Gemm g = gemm;
    if (concurrency() < 2 || tasks.length < 2) {
      for (Runnable task : tasks) {
        task.run();
      }
      return;
    }
    ParallelGemm parallel = (ParallelGemm) g;
    Gemm single = parallel.kernel();
    Runnable[] withSingle = new Runnable[tasks.length];
    for (int i = 0; i < tasks.length; i++) {
      Runnable task = tasks[i];
      withSingle[i] = () -> {
        OVERRIDE.set(single);
        try {
          task.run();
        } finally {
          OVERRIDE.remove();
        }
      };
    }
    parallel.runAll(withSingle);
  }

  /** Jobs smaller than this many floats are not worth a hand-off to another thread (~10 µs). */
  public static final long PARALLEL_MIN_FLOATS = 1 << 16;

  /** Work on the indices [from, to) of a range; see {@link #parallelFor}. */
  @FunctionalInterface
  public interface Range {
    void run(int from, int to);
  }

  /**
   * Runs {@code body} over [0, n) cut into {@link #concurrency} contiguous parts (cut on multiples
   * of 16, one cache line of floats), concurrently as {@link #runConcurrently} does. For work that
   * treats each index on its own, the same way whichever part holds it (elementwise updates, sums
   * down columns): results are then the same on every thread count. {@code floats}, the number of
   * floats the whole job touches, keeps small jobs (below {@link #PARALLEL_MIN_FLOATS}) on the caller.
   */
  public static void parallelFor(int n, long floats, Range body) {
    int parts = floats < PARALLEL_MIN_FLOATS ? 1 : Math.min(concurrency(), n / 16);
    if (parts < 2) {
      body.run(0, n);
      return;
    }
    Runnable[] tasks = new Runnable[parts];
    for (int i = 0; i < parts; i++) {
      int from = (int) ((long) n * i / parts) & ~15;
      int to = i == parts - 1 ? n : (int) ((long) n * (i + 1) / parts) & ~15;
      tasks[i] = () -> body.run(from, to);
    }
    runConcurrently(tasks);
  }

  /** Swaps the GEMM backend, e.g. for benchmarks or equality tests against the reference. */
  public static void setGemm(Gemm g) {
    Gemm old = gemm;
    gemm = g;
    closeIfOwned(old, g);
  }

  /**
   * Uses the default single-threaded kernel (as chosen at startup) on {@code threads} threads
   * ({@link ParallelGemm}); 1 restores the single-threaded kernel. Results are bit-identical for
   * every thread count.
   */
  public static void setThreads(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1: " + threads);
    }
    Gemm kernel = create(System.getProperty("rnn4j.gemm"));
    setGemm(threads == 1 ? kernel : new ParallelGemm(kernel, threads));
  }

  /** The number of threads the current GEMM uses (1 unless {@link #setThreads} chose more). */
  public static int threads() {
    Gemm g = gemm;
    return g instanceof ParallelGemm ? ((ParallelGemm) g).threads() : 1;
  }

  /** Whether the JVM resolved the Vector API module, which {@link VectorGemm} needs. */
  public static boolean vectorApiAvailable() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  }

  /**
   * A new single-threaded kernel: "blocked", "vector" or "scalar"; null picks the default
   * (vector when available, else blocked).
   *
   * @throws IllegalArgumentException for another name, or "vector" without the Vector API module
   */
  public static Gemm create(String name) {
    if (name == null) {
      return vectorApiAvailable() ? vector() : new BlockedGemm();
    }
    switch (name) {
      case "blocked":
        return new BlockedGemm();
      case "scalar":
        return new ScalarGemm();
      case "vector":
        if (!vectorApiAvailable()) {
          throw new IllegalArgumentException(
              "rnn4j.gemm=vector needs the JVM option --add-modules jdk.incubator.vector");
        }
        return vector();
      default:
        throw new IllegalArgumentException("rnn4j.gemm: expected blocked, vector or scalar, found '" + name + "'");
    }
  }

  /** The FMA peak loop on the Vector API; an error without its module. */
  public static FmaLoop fmaLoop() {
    if (!vectorApiAvailable()) {
      throw new IllegalArgumentException("the FMA peak needs the JVM option --add-modules jdk.incubator.vector");
    }
    return loadVectorised("org.rnn4j.math.VectorFmaLoop");
  }

  /** The elementwise kernels of the time loop: σ, tanh, sums, products (see {@link Pointwise}). */
  public static Pointwise pointwise() {
    return POINTWISE;
  }

  /** "vector" or "scalar" (system property rnn4j.pointwise); null: vector when available. */
  public static Pointwise createPointwise(String name) {
    boolean vector = name == null ? vectorApiAvailable() : name.equals("vector");
    if (name != null && !name.equals("vector") && !name.equals("scalar")) {
      throw new IllegalArgumentException("rnn4j.pointwise: expected vector or scalar, found '" + name + "'");
    }
    if (!vector) {
      return new ScalarPointwise();
    }
    if (!vectorApiAvailable()) {
      throw new IllegalArgumentException(
          "rnn4j.pointwise=vector needs the JVM option --add-modules jdk.incubator.vector");
    }
    return loadVectorised("org.rnn4j.math.VectorPointwise");
  }

  /** Whether the gate math runs vectorised ({@link #pointwise} is VectorPointwise). */
  public static boolean pointwiseVectorised() {
    return !(POINTWISE instanceof ScalarPointwise);
  }

  /**
   * A new instance of a class compiled against jdk.incubator.vector (VectorGemm,
   * VectorPointwise, the cells' VectorGateBackward), loaded by name: nothing else may link to
   * such a class directly, so that it stays unloaded when the module is absent.
   */
  @SuppressWarnings("unchecked")
  public static <T> T loadVectorised(String className) {
    try {
      return (T) Class.forName(className).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new IllegalStateException("cannot load " + className, e);
    }
  }

  private static Gemm vector() {
    return loadVectorised("org.rnn4j.math.VectorGemm");
  }

  /** Shuts down the worker pool of a replaced ParallelGemm (its threads would otherwise idle). */
  private static void closeIfOwned(Gemm old, Gemm replacement) {
    if (old instanceof ParallelGemm && old != replacement) {
      ((ParallelGemm) old).close();
    }
  }
}
