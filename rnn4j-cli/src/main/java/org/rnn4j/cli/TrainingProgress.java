package org.rnn4j.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows how far a step-based training run is, on stderr, so stdout keeps only results (and
 * {@code --json}'s last line): a live progress bar (step, loss, tokens/s, ETA) on a terminal,
 * without colours when the environment sets {@code NO_COLOR} (no-color.org), or plain periodic
 * status lines when the output goes to a file or pipe, where a redrawn bar would only leave
 * control characters. Messages (validation, samples) go to stdout.
 */
interface TrainingProgress extends AutoCloseable {
  /** After each update: its number, the total (an estimate for time budgets) and a short status. */
  void update(long step, long total, String status);

  /** A line of its own (validation, samples) that must not be overwritten by the bar. */
  void message(String line);

  @Override
  void close();

  /**
   * The bar on the terminal's stderr when there is a terminal, otherwise a status line on
   * {@code err} every {@code every} updates; messages go to {@code out}.
   */
  static TrainingProgress create(PrintWriter out, PrintWriter err, boolean terminal, int every) {
    return terminal ? new Bar(out, System.err) : new Lines(out, err, every);
  }

  /** The bar's style: colours unless the environment has a non-empty NO_COLOR. */
  static ProgressBarStyle style(Map<String, String> environment) {
    String noColor = environment.get("NO_COLOR");
    return noColor != null && !noColor.isEmpty() ? ProgressBarStyle.UNICODE_BLOCK : ProgressBarStyle.COLORFUL_UNICODE_BLOCK;
  }

  /** A live bar drawn on {@code terminal}. */
  static ProgressBar bar(String task, String unit, long unitSize, PrintStream terminal) {
    return new ProgressBarBuilder().setTaskName(task).setUnit(unit, unitSize).setInitialMax(-1)
        .setStyle(style(System.getenv())).setUpdateIntervalMillis(250)
        .setConsumer(new ConsoleProgressBarConsumer(terminal)).build();
  }

  /** The live bar, drawn on the terminal's stderr. */
  final class Bar implements TrainingProgress {
    private final PrintWriter out;
    private final PrintStream terminal;
    private final ProgressBar bar;

    Bar(PrintWriter out, PrintStream terminal) {
      this.out = out;
      this.terminal = terminal;
      this.bar = bar("train", " steps", 1, terminal);
    }

    @Override
    public void update(long step, long total, String status) {
      bar.maxHint(total);
      bar.stepTo(step);
      bar.setExtraMessage(status);
    }

    @Override
    public void message(String line) {
      terminal.print("\r\033[2K"); // clear the bar's line; it redraws itself below on its next refresh
      terminal.flush();
      out.println(line);
      out.flush();
    }

    @Override
    public void close() {
      bar.close();
    }
  }

  /** Plain lines with the same figures on {@code err}, for logs; messages on {@code out}. */
  final class Lines implements TrainingProgress {
    private final PrintWriter out;
    private final PrintWriter err;
    private final int every;
    private final long start = System.nanoTime();

    Lines(PrintWriter out, PrintWriter err, int every) {
      this.out = out;
      this.err = err;
      this.every = Math.max(1, every);
    }

    @Override
    public void update(long step, long total, String status) {
      if (step % every != 0 && step != total) {
        return;
      }
      double elapsed = (System.nanoTime() - start) / 1e9;
      long etaSeconds = Math.round(elapsed / step * Math.max(0, total - step));
      err.printf("step %d/%d  %s  eta %d:%02d%n", step, total, status, etaSeconds / 60, etaSeconds % 60);
      err.flush();
    }

    @Override
    public void message(String line) {
      out.println(line);
      out.flush();
    }

    @Override
    public void close() {
      out.flush();
      err.flush();
    }
  }
}
