package org.rnn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.rnn4j.math.Kernels;
import org.rnn4j.spark.RnnSpark;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code rnn-spark} command: {@code train}, {@code predict} and {@code eval} with the options
 * of {@code rnn}, run on a Spark cluster ({@code --master}); ready for {@code spark-submit} as the
 * main class of {@code rnn4j-spark-all.jar}. These classes live in {@code org.rnn4j.cli}, in the
 * rnn4j-spark jar, because they share the {@code rnn} command's option classes, which are
 * package-private. Errors behave as in {@code rnn}: one line, exit code 2.
 */
@Command(name = "rnn-spark", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    header = "Train, predict and evaluate with rnn4j on a Spark cluster, with the options of 'rnn'.",
    subcommands = {SparkTrainCommand.class, SparkPredictCommand.class, SparkEvalCommand.class, SparkBenchCommand.class,
        CommandLine.HelpCommand.class})
public final class SparkMain implements Runnable {
  @Option(names = "--master", scope = CommandLine.ScopeType.INHERIT, paramLabel = "URL",
      description = "Spark master: local[N] (N executor threads in this JVM), spark://HOST:PORT, yarn, ... "
          + "(default: the one spark-submit gives, else local[*]).")
  String master;

  @Option(names = "--partitions", scope = CommandLine.ScopeType.INHERIT, paramLabel = "N",
      description = "Partitions the data is cut into, one task each per step (default: Spark's default parallelism).")
  Integer partitions;

  @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT, description = "Print stack traces of errors.")
  boolean debug;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private SparkSession session;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    System.exit(code);
  }

  /** Runs the command line with the given streams and returns the exit code (used by tests). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    SparkMain main = new SparkMain();
    CommandLine cl = new CommandLine(main);
    cl.setOut(out);
    cl.setErr(err);
    boolean debug = Arrays.asList(args).contains("--debug");
    cl.setParameterExceptionHandler((ex, a) -> {
      ex.getCommandLine().getErr().println("error: " + ex.getMessage() + " (see '"
          + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
      return Main.EXIT_BAD_INPUT;
    });
    cl.setExecutionExceptionHandler((failure, commandLine, parseResult) -> {
      Exception ex = taskError(failure);
      // AnalysisException: Spark SQL's "path does not exist" and other errors in what a command was asked to read
      boolean badInput = ex instanceof IllegalArgumentException || ex instanceof IOException
          || ex instanceof UncheckedIOException || ex instanceof IllegalStateException
          || ex instanceof org.apache.spark.sql.AnalysisException;
      commandLine.getErr().println("error: " + (ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage()));
      if (debug) {
        ex.printStackTrace(commandLine.getErr());
      }
      commandLine.getErr().flush();
      return badInput ? Main.EXIT_BAD_INPUT : 1;
    });
    cl.setExecutionStrategy(parseResult -> {
      // Each task runs on one thread; with a local master the tasks share this JVM.
      Kernels.setThreads(1);
      return new CommandLine.RunLast().execute(parseResult);
    });
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /**
   * The bad-input error a task met (an IllegalArgumentException in the cause chain of a failed
   * job's SparkException: the data's own error, reported as {@code rnn} reports it), else {@code ex}.
   */
  private static Exception taskError(Exception ex) {
    IllegalArgumentException bad = ex instanceof org.apache.spark.SparkException ? RnnSpark.badInput(ex) : null;
    return bad != null ? bad : ex;
  }

  /**
   * The Spark context: this JVM's session if there is one (spark-submit, tests), else a new one for
   * --master. bin/rnn-spark names its jar (rnn4j.spark.jar), which executors of a cluster fetch.
   */
  JavaSparkContext spark() {
    if (session == null) {
      if (SparkSession.getDefaultSession().isDefined()) {
        session = SparkSession.getDefaultSession().get();
      } else {
        SparkConf conf = RnnSpark.conf(master != null ? master : System.getProperty("spark.master", "local[*]"), "rnn-spark");
        String jar = System.getProperty("rnn4j.spark.jar");
        if (jar != null && !conf.get("spark.master").startsWith("local") && !conf.contains("spark.jars")) {
          conf.set("spark.jars", jar);
        }
        session = SparkSession.builder().config(conf).getOrCreate();
      }
    }
    return JavaSparkContext.fromSparkContext(session.sparkContext());
  }

  /** The partitions to cut data into. */
  int partitions() {
    int n = partitions != null ? partitions : spark().defaultParallelism();
    if (n < 1) {
      throw new IllegalArgumentException("--partitions: expected a positive integer, found " + n);
    }
    return n;
  }
}
