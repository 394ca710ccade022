package org.rnn4j.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code metrics.csv} of a language-model run, one row per update (validation only on the rows
 * where it was measured), and the loss curve drawn from it. A resumed run keeps the rows up to
 * its checkpoint and appends, so the file and the plot cover the whole run.
 */
final class MetricsLog implements AutoCloseable {
  static final String HEADER = "step,epoch,loss,val_bpc,tokens_per_s,lr,seconds";

  private final BufferedWriter out;
  // Training loss and validation, both in bits per character, for the plot.
  private final List<double[]> train = new ArrayList<>();
  private final List<double[]> validation = new ArrayList<>();

  private MetricsLog(BufferedWriter out) {
    this.out = out;
  }

  /** A new log, replacing any file there. */
  static MetricsLog create(Path file) throws IOException {
    MetricsLog log = new MetricsLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    log.out.write(HEADER + "\n");
    return log;
  }

  /** Continues a log after a checkpoint at {@code step}: rows past it (written after the checkpoint) are dropped. */
  static MetricsLog resume(Path file, long step) throws IOException {
    List<String> kept = new ArrayList<>();
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.equals(HEADER) && !line.isBlank() && Long.parseLong(line.substring(0, line.indexOf(','))) <= step) {
          kept.add(line);
        }
      }
    }
    MetricsLog log = create(file);
    for (String line : kept) {
      log.out.write(line + "\n");
      String[] f = line.split(",", -1);
      log.track(Long.parseLong(f[0]), Double.parseDouble(f[2]), f[3].isEmpty() ? Double.NaN : Double.parseDouble(f[3]));
    }
    return log;
  }

  /** One update; {@code validationBpc} is NaN when not measured at this step. */
  void row(long step, double epoch, double loss, double validationBpc, double tokensPerSecond, double lr, double seconds)
      throws IOException {
    out.write(String.format(Locale.ROOT, "%d,%.4f,%.6f,%s,%.1f,%s,%.2f%n", step, epoch, loss,
        Double.isNaN(validationBpc) ? "" : String.format(Locale.ROOT, "%.4f", validationBpc), tokensPerSecond, lr, seconds));
    track(step, loss, validationBpc);
  }

  /** Flushes the rows so far, e.g. together with a checkpoint. */
  void flush() throws IOException {
    out.flush();
  }

  private void track(long step, double loss, double validationBpc) {
    train.add(new double[] {step, loss / Math.log(2)});
    if (!Double.isNaN(validationBpc)) {
      validation.add(new double[] {step, validationBpc});
    }
  }

  /** The loss curve: training loss and validation in bits per character against the step. */
  void plot(Path png) throws IOException {
    Map<String, Plots.Series> series = new LinkedHashMap<>();
    series.put("train loss", columns(train));
    series.put("validation", columns(validation));
    Plots.line(png, "Character language model", "step", "bits per character", series, false);
  }

  private static Plots.Series columns(List<double[]> points) {
    double[] x = new double[points.size()], y = new double[points.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = points.get(i)[0];
      y[i] = points.get(i)[1];
    }
    return new Plots.Series(x, y);
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
