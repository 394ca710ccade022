package org.rnn4j.cli;

import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import org.rnn4j.data.TextCorpus;

/**
 * How far reading a text file is, on stderr: a bar in megabytes per pass on a terminal (without
 * colours under NO_COLOR), else a line at every tenth of a pass over a large file (under 64 MB, a
 * second or so, nothing).
 */
final class ReadingProgress implements TextCorpus.Progress, AutoCloseable {
  private static final long QUIET_BELOW = 64L << 20;

  private final PrintWriter err;
  private final boolean terminal;
  private ProgressBar bar;
  private String phase;
  private long nextTenth;

  ReadingProgress(PrintWriter err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  @Override
  public void update(String phase, long bytesDone, long bytesTotal) {
    if (bytesTotal < QUIET_BELOW) {
      return;
    }
    if (!phase.equals(this.phase)) {
      close();
      this.phase = phase;
      nextTenth = 0;
      if (terminal) {
        bar = TrainingProgress.bar("reading: " + phase, " MB", 1 << 20, System.err);
        bar.maxHint(bytesTotal);
      }
    }
    if (bar != null) {
      bar.stepTo(bytesDone);
    } else if (bytesDone * 10 >= nextTenth * bytesTotal) {
      err.printf(Locale.ROOT, "reading: %s pass %3d%% (%,d of %,d MB)%n", phase, bytesDone * 100 / bytesTotal,
          bytesDone >> 20, bytesTotal >> 20);
      err.flush();
      nextTenth = bytesDone * 10 / bytesTotal + 1;
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
