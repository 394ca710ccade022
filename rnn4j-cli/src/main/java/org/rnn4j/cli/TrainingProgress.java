package org.rnn4j.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows how far a step-based training run is: a live progress bar (step, loss, tokens/s, ETA)
 * on a terminal, or plain periodic status lines when the output goes to a file or pipe, where a
 * redrawn bar would only leave control characters.
 */
interface TrainingProgress extends AutoCloseable {
  /** After each update: its number, the total (an estimate for time budgets) and a short status. */
  void update(long step, long total, String status);

  /** A line of its own (validation, samples) that must not be overwritten by the bar. */
  void message(String line);

  @Override
  void close();

  /** The bar when stdout is a terminal, otherwise a status line every {@code every} updates. */
  static TrainingProgress create(PrintWriter out, boolean terminal, int every) {
    return terminal ? new Bar(out, System.out) : new Lines(out, every);
  }

  /** The live bar, drawn on the terminal's stdout. */
  final class Bar implements TrainingProgress {
    private final PrintWriter out;
    private final ProgressBar bar;

    Bar(PrintWriter out, PrintStream terminal) {
      this.out = out;
      this.bar = new ProgressBarBuilder().setTaskName("train").setUnit(" steps", 1).setInitialMax(-1)
          .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(250)
          .setConsumer(new ConsoleProgressBarConsumer(terminal)).build();
    }

    @Override
    public void update(long step, long total, String status) {
      bar.maxHint(total);
      bar.stepTo(step);
      bar.setExtraMessage(status);
    }

    @Override
    public void message(String line) {
      out.print("\r\033[2K"); // clear the bar's line; it redraws itself below on its next refresh
      out.println(line);
      out.flush();
    }

    @Override
    public void close() {
      bar.close();
    }
  }

  /** Plain lines with the same figures, for logs. */
  final class Lines implements TrainingProgress {
    private final PrintWriter out;
    private final int every;
    private final long start = System.nanoTime();

    Lines(PrintWriter out, int every) {
      this.out = out;
      this.every = Math.max(1, every);
    }

    @Override
    public void update(long step, long total, String status) {
      if (step % every != 0 && step != total) {
        return;
      }
      double elapsed = (System.nanoTime() - start) / 1e9;
      long etaSeconds = Math.round(elapsed / step * Math.max(0, total - step));
      out.printf("step %d/%d  %s  eta %d:%02d%n", step, total, status, etaSeconds / 60, etaSeconds % 60);
      out.flush();
    }

    @Override
    public void message(String line) {
      out.println(line);
      out.flush();
    }

    @Override
    public void close() {
      out.flush();
    }
  }
}
