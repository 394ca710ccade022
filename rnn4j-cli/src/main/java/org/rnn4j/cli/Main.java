package org.rnn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.rnn4j.math.Kernels;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code rnn} command. Bad input (options, shapes, files, values) prints one line naming
 * what was expected and what was found and exits 2; {@code --debug} adds the stack trace.
 */
@Command(name = "rnn", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Recurrent neural networks from the equations up: train, check, run and convert models.",
    subcommands = {
        TrainCommand.class,
        SampleCommand.class,
        EvalCommand.class,
        TaskCommand.class,
        GradcheckCommand.class,
        ForwardCommand.class,
        BackwardCommand.class,
        BenchCommand.class,
        EsnCommand.class,
        Seq2SeqCommand.class,
        TranslateCommand.class,
        PredictCommand.class,
        DataCommand.class,
        DiagnoseCommand.class,
        CnnTaskCommand.class,
        ClassifyCommand.class,
        InfoCommand.class,
        ServeCommand.class,
        CommandLine.HelpCommand.class,
    })
public final class Main implements Runnable {
  public static final int EXIT_BAD_INPUT = 2;

  /**
   * "rnn4j" and the version in the jar's manifest (Implementation-Version, written by the build);
   * "dev" when running from classes, which have no manifest.
   */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"rnn4j " + version()};
    }

    static String version() {
      String v = Main.class.getPackage().getImplementationVersion();
      return v == null || v.isBlank() ? "dev" : v;
    }
  }

  @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT, description = "Print stack traces of errors.")
  boolean debug;

  @Option(names = "--threads", scope = CommandLine.ScopeType.INHERIT, paramLabel = "N",
      description = "Threads for the matrix products, the row strips of the batch in the time loop and the "
          + "two directions of bidirectional layers (default, and at most: the available cores; more threads than "
          + "cores only wait for each other). Results are identical for every N.")
  Integer threads;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with the given streams and returns the exit code (used by tests). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    OptionSections.install(cl);
    boolean debug = java.util.Arrays.asList(args).contains("--debug");
    cl.setParameterExceptionHandler((ex, a) -> {
      ex.getCommandLine().getErr().println("error: " + ex.getMessage() + suggestions(ex) + " (see '"
          + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
      return EXIT_BAD_INPUT;
    });
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      boolean badInput = ex instanceof IllegalArgumentException || ex instanceof IOException
          || ex instanceof UncheckedIOException || ex instanceof IllegalStateException;
      commandLine.getErr().println("error: " + message(ex));
      if (debug) {
        ex.printStackTrace(commandLine.getErr());
      }
      commandLine.getErr().flush();
      return badInput ? EXIT_BAD_INPUT : 1;
    });
    cl.setExecutionStrategy(parseResult -> {
      Kernels.setThreads(threads(parseResult));
      return new CommandLine.RunLast().execute(parseResult);
    });
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /**
   * picocli's "did you mean" for a mistyped option or command, in the error's one line:
   * ". Did you mean: --steps or --seed?", or nothing when it has no suggestion.
   */
  static String suggestions(CommandLine.ParameterException ex) {
    if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
      return ". Did you mean: " + String.join(" or ", u.getSuggestions()) + "?";
    }
    return "";
  }

  /**
   * The --threads value given at any level of the command line, else the available cores; at most
   * the available cores: on a 2-core machine medium's step took 141–144 ms at 8 threads against
   * 102 at 2 (performance.md), the extra threads only waiting for cores.
   */
  private static int threads(CommandLine.ParseResult parsed) {
    Integer n = null;
    for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--threads")) {
        n = p.matchedOptionValue("--threads", null);
      }
    }
    int threads = n != null ? n : Runtime.getRuntime().availableProcessors();
    if (threads < 1) {
      throw new CommandLine.ParameterException(parsed.commandSpec().commandLine(),
          "--threads: expected a positive integer, found " + threads);
    }
    return Math.min(threads, Runtime.getRuntime().availableProcessors());
  }

  private static String message(Throwable ex) {
    if (ex instanceof java.nio.file.NoSuchFileException) {
      return "file not found: " + ex.getMessage();
    }
    if (ex instanceof java.nio.file.AccessDeniedException) {
      return "permission denied: " + ex.getMessage();
    }
    String m = ex.getMessage();
    return m == null ? ex.getClass().getSimpleName() : m;
  }
}
