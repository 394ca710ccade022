package org.rnn4j.cli;

import java.awt.Color;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code rnn bench --curves}: charlm's training step (one-hot 65 → LSTM H → Linear 65 + softmax
 * cross-entropy, Adam) as H, T and B grow, rnn4j and PyTorch one after the other per point, each
 * in a fresh process ({@link BenchCompare#runJson}), the two sides alternating when repeated. The H
 * and T curves share H = 256, T = 100, B = 32, measured once (14 points). Writes cost-H.png,
 * cost-T.png, cost-B.png (log-log, ms per step, the ratio at each point) and curves.json.
 */
final class CostCurves {
  private CostCurves() {}

  /** The shape of one point. */
  record Shape(int hidden, int seqLen, int batch) {
    /** Floating-point operations of a step by arithmetic: the forward products 2·T·B·(4H·(65 + H) + 65·H), backward twice that. */
    double flops() {
      return 6.0 * seqLen * batch * (4.0 * hidden * (65 + hidden) + 65.0 * hidden);
    }

    /** Timed steps: about 4 s of steps per side at 50 GFLOP/s, 3 to 100, so that the big points stay affordable. */
    int steps() {
      return (int) Math.max(3, Math.min(100, Math.round(4.0 / (flops() / 50e9))));
    }

    /**
     * Untimed warm-up steps: about 2.5 s at 50 GFLOP/s, 1 to 500. Small steps need hundreds: after 20
     * warm-up steps of H = 256, T = 100, B = 1 the JIT had not compiled the step yet (20 ms a step,
     * 5 MB allocated; after 100: 4.9 ms, nothing allocated).
     */
    int warmup() {
      return (int) Math.max(1, Math.min(500, Math.round(2.5 / (flops() / 50e9))));
    }
  }

  /** One swept size: its name, axis label, values and the shape of each value (the others fixed). */
  record Curve(String name, String label, int[] values, IntFunction<Shape> shape) {}

  static final List<Curve> CURVES = List.of(
      new Curve("H", "hidden units H (T = 100, B = 32)", new int[] {128, 256, 512, 1024, 2048}, h -> new Shape(h, 100, 32)),
      new Curve("T", "time steps T (H = 256, B = 32)", new int[] {10, 30, 100, 300, 1000}, t -> new Shape(256, t, 32)),
      new Curve("B", "batch B (H = 256, T = 100)", new int[] {1, 4, 16, 64, 256}, b -> new Shape(256, 100, b)));

  /** A measured point: each run's median ms per step, rnn4j's and PyTorch's, in the order run. */
  record Point(Shape shape, int steps, int warmup, double[] rnn4jMs, double[] pytorchMs) {
    double rnn4jMedian() {
      return BenchCompare.median(rnn4jMs);
    }

    double pytorchMedian() {
      return BenchCompare.median(pytorchMs);
    }

    /** PyTorch's time ÷ rnn4j's (= rnn4j's tokens/s ÷ PyTorch's; above 1: rnn4j faster). */
    double ratio() {
      return pytorchMedian() / rnn4jMedian();
    }
  }

  /** A whole sweep and the conditions it ran under. */
  record Sweep(String machine, String pytorch, int threads, int repeat, String started, String finished, String loadStart,
      String loadEnd, List<Point> points) {}

  /** The default PyTorch command: rnn4j-bench/python/pytorch-curve in the project, when it exists. */
  static String defaultPytorchCurve() {
    Path here = Path.of(System.getProperty("rnn4j.home", ".")).toAbsolutePath();
    for (Path p = here; p != null; p = p.getParent()) {
      Path candidate = p.resolve("rnn4j-bench/python/pytorch-curve");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return null;
  }

  /** Runs the sweep (a progress line per point on {@code err}), writes the files and prints a table. */
  static void run(int threads, int repeat, String pytorch, Path dir, PrintWriter out, PrintWriter err)
      throws IOException, InterruptedException {
    if (pytorch == null) {
      throw new IllegalArgumentException("--pytorch-curve: expected a command like rnn4j-bench/python/pytorch-curve, found"
          + " none (no rnn4j-bench/python/pytorch-curve in the project)");
    }
    String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), loadStart = loadAverage();
    LinkedHashSet<Shape> shapes = new LinkedHashSet<>();
    for (Curve c : CURVES) {
      for (int v : c.values()) {
        shapes.add(c.shape().apply(v));
      }
    }
    List<Point> points = new ArrayList<>();
    String torch = "PyTorch";
    for (Shape s : shapes) {
      String[] shape = {"--hidden", String.valueOf(s.hidden()), "--seq-len", String.valueOf(s.seqLen()), "--batch",
          String.valueOf(s.batch()), "--threads", String.valueOf(threads), "--steps", String.valueOf(s.steps()), "--warmup",
          String.valueOf(s.warmup()), "--json"};
      List<String> ours = BenchCompare.rnn4jCommand("--config", "charlm");
      ours.addAll(List.of(shape));
      List<String> theirs = new ArrayList<>(List.of(pytorch.split(" ")));
      theirs.addAll(List.of(shape));
      double[] a = new double[repeat], b = new double[repeat];
      for (int i = 0; i < repeat; i++) { // alternating, so slow phases of a shared machine hit both alike
        a[i] = BenchCompare.num(BenchCompare.runJson(ours, false), "median_ms");
        Map<String, Object> theirResult = BenchCompare.runJson(theirs, false);
        b[i] = BenchCompare.num(theirResult, "median_ms");
        if (theirResult.get("torch_version") != null) {
          torch = "PyTorch " + theirResult.get("torch_version");
        }
      }
      Point p = new Point(s, s.steps(), s.warmup(), a, b);
      points.add(p);
      err.printf(Locale.ROOT, "curves %d/%d: H=%d T=%d B=%d, %d steps: rnn4j %.2f ms, PyTorch %.2f ms, ratio %.2f×%n",
          points.size(), shapes.size(), s.hidden(), s.seqLen(), s.batch(), s.steps(), p.rnn4jMedian(), p.pytorchMedian(),
          p.ratio());
      err.flush();
    }
    Sweep sweep = new Sweep(PeakBench.machine(), torch + " (" + pytorch + ")", threads, repeat, started,
        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), loadStart, loadAverage(), points);
    write(sweep, dir);
    out.println("machine: " + sweep.machine());
    out.println("load average (1, 5, 15 min): " + loadStart + " at the start, " + sweep.loadEnd() + " at the end");
    out.println();
    out.println("| H | T | B | steps | rnn4j ms/step | PyTorch ms/step | ratio |");
    out.println("|---|---|---|---|---|---|---|");
    for (Point p : points) {
      out.printf(Locale.ROOT, "| %d | %d | %d | %d | %.2f | %.2f | %.2f× |%n", p.shape().hidden(), p.shape().seqLen(),
          p.shape().batch(), p.steps(), p.rnn4jMedian(), p.pytorchMedian(), p.ratio());
    }
    out.println();
    out.println("wrote " + dir.resolve("curves.json") + " and cost-H.png, cost-T.png, cost-B.png beside it");
  }

  /**
   * Writes curves.json (the sweep, every run's time) and one log-log plot per curve with both
   * sides' ms per step and the ratio at each point; a curve with a point missing from the sweep is
   * an error.
   */
  static void write(Sweep sweep, Path dir) throws IOException {
    Files.createDirectories(dir);
    Map<Shape, Point> byShape = new LinkedHashMap<>();
    for (Point p : sweep.points()) {
      byShape.put(p.shape(), p);
    }
    List<Map<String, Object>> points = new ArrayList<>();
    for (Point p : sweep.points()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("hidden", p.shape().hidden());
      m.put("seq_len", p.shape().seqLen());
      m.put("batch", p.shape().batch());
      m.put("steps", p.steps());
      m.put("warmup", p.warmup());
      m.put("rnn4j_ms", p.rnn4jMs());
      m.put("pytorch_ms", p.pytorchMs());
      m.put("rnn4j_median_ms", p.rnn4jMedian());
      m.put("pytorch_median_ms", p.pytorchMedian());
      m.put("ratio", p.ratio());
      points.add(m);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("model", "charlm: one-hot 65 -> LSTM H -> Linear 65 + softmax cross-entropy over all T*B outputs, Adam");
    json.put("machine", sweep.machine());
    json.put("pytorch", sweep.pytorch());
    json.put("threads", sweep.threads());
    json.put("repeat", sweep.repeat());
    json.put("started", sweep.started());
    json.put("finished", sweep.finished());
    json.put("loadavg_start", sweep.loadStart());
    json.put("loadavg_end", sweep.loadEnd());
    json.put("ratio", "PyTorch ms / rnn4j ms (above 1: rnn4j faster)");
    json.put("points", points);
    Files.writeString(dir.resolve("curves.json"), Json.line(json) + "\n");
    for (Curve c : CURVES) {
      int n = c.values().length;
      double[] x = new double[n], ours = new double[n], theirs = new double[n];
      for (int i = 0; i < n; i++) {
        Shape s = c.shape().apply(c.values()[i]);
        Point p = byShape.get(s);
        if (p == null) {
          throw new IllegalArgumentException("curves: expected a point for " + s + ", found none");
        }
        x[i] = c.values()[i];
        ours[i] = p.rnn4jMedian();
        theirs[i] = p.pytorchMedian();
      }
      plot(dir.resolve("cost-" + c.name() + ".png"), c, sweep, x, ours, theirs);
    }
  }

  /** Reads a curves.json that {@link #write} wrote (to plot it again without measuring). */
  @SuppressWarnings("unchecked")
  static Sweep read(Path json) throws IOException {
    Map<String, Object> m = com.fasterxml.jackson.jr.ob.JSON.std.mapFrom(Files.readString(json));
    if (!(m.get("points") instanceof List<?> list)) {
      throw new IllegalArgumentException("--curves-json: expected a curves.json written by rnn bench --curves, found no"
          + " points in " + json);
    }
    List<Point> points = new ArrayList<>();
    for (Object o : list) {
      Map<String, Object> p = (Map<String, Object>) o;
      points.add(new Point(new Shape(integer(p, "hidden"), integer(p, "seq_len"), integer(p, "batch")), integer(p, "steps"),
          integer(p, "warmup"), doubles(p.get("rnn4j_ms")), doubles(p.get("pytorch_ms"))));
    }
    return new Sweep(String.valueOf(m.get("machine")), String.valueOf(m.get("pytorch")), integer(m, "threads"),
        integer(m, "repeat"), String.valueOf(m.get("started")), String.valueOf(m.get("finished")),
        String.valueOf(m.get("loadavg_start")), String.valueOf(m.get("loadavg_end")), points);
  }

  private static int integer(Map<String, Object> m, String key) {
    return (int) BenchCompare.num(m, key);
  }

  private static double[] doubles(Object list) {
    if (!(list instanceof List<?> l)) {
      throw new IllegalArgumentException("curves.json: expected a list of times, found " + list);
    }
    double[] v = new double[l.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = ((Number) l.get(i)).doubleValue();
    }
    return v;
  }

  private static void plot(Path png, Curve c, Sweep sweep, double[] x, double[] ours, double[] theirs) throws IOException {
    String date = sweep.started().substring(0, Math.min(10, sweep.started().length()));
    XYChart chart = new XYChartBuilder().width(760).height(520)
        .title(String.format(Locale.ROOT, "charlm training step vs %s, %d thread%s, %s", c.name(), sweep.threads(),
            sweep.threads() == 1 ? "" : "s", date))
        .xAxisTitle(c.label()).yAxisTitle("ms per step (median)").build();
    chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
    // Room on both sides for the labels of the first and last points.
    chart.getStyler().setXAxisMin(x[0] / 1.6).setXAxisMax(x[x.length - 1] * 1.6);
    chart.getStyler().setAxisTitleFont(chart.getStyler().getAxisTitleFont().deriveFont(11f));
    chart.getStyler().setAntiAlias(true);
    style(chart.addSeries("rnn4j", x, ours), SeriesMarkers.CIRCLE, new Color(0x1f, 0x77, 0xb4));
    String torch = sweep.pytorch().contains(" (") ? sweep.pytorch().substring(0, sweep.pytorch().indexOf(" (")) : "PyTorch";
    style(chart.addSeries(torch, x, theirs), SeriesMarkers.SQUARE, new Color(0xd6, 0x27, 0x28));
    // The size and the ratio PyTorch ÷ rnn4j, written between the two points compared (a log axis
    // labels only the powers of 10).
    for (int i = 0; i < x.length; i++) {
      chart.addAnnotation(new AnnotationText(String.format(Locale.ROOT, "%s=%.0f: %.2f×", c.name(), x[i], theirs[i] / ours[i]),
          x[i], Math.sqrt(ours[i] * theirs[i]), false));
    }
    // Legend lines without a curve: how to read the labels, and the machine.
    for (String note : List.of("× = PyTorch time ÷ rnn4j time", sweep.machine().replace(" 64-Bit Server VM", ""))) {
      XYSeries s = chart.addSeries(note, new double[] {x[0]}, new double[] {ours[0]});
      s.setMarker(SeriesMarkers.NONE);
      s.setLineColor(new Color(0, 0, 0, 0));
    }
    Plots.write(chart, png);
  }

  private static void style(XYSeries series, org.knowm.xchart.style.markers.Marker marker, Color color) {
    series.setMarker(marker);
    series.setMarkerColor(color);
    series.setLineColor(color);
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown"; // not Linux
    }
  }
}
