package org.rnn4j.cli;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG plots with XChart: line charts, scatter plots and heat maps, written atomically. */
public final class Plots {
  static {
    System.setProperty("java.awt.headless", "true");
  }

  private Plots() {}

  /** One curve: x and y values of equal length. */
  public record Series(double[] x, double[] y) {}

  /** Line chart of named series; {@code logY} for losses and gradient norms. */
  public static void line(Path png, String title, String xLabel, String yLabel, Map<String, Series> series, boolean logY)
      throws IOException {
    XYChart chart = new XYChartBuilder().width(900).height(500).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
    chart.getStyler().setYAxisLogarithmic(logY);
    chart.getStyler().setMarkerSize(0);
    series.forEach((name, s) -> chart.addSeries(name, s.x(), s.y()).setMarker(SeriesMarkers.NONE));
    write(chart, png);
  }

  /** Scatter plot of named point sets; {@code unitCircle} adds the circle |z| = 1 (for eigenvalues). */
  public static void scatter(Path png, String title, String xLabel, String yLabel, Map<String, Series> points,
      boolean unitCircle) throws IOException {
    XYChart chart = new XYChartBuilder().width(700).height(700).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setMarkerSize(5);
    if (unitCircle) {
      int n = 361;
      double[] cx = new double[n], cy = new double[n];
      for (int i = 0; i < n; i++) {
        cx[i] = Math.cos(2 * Math.PI * i / (n - 1));
        cy[i] = Math.sin(2 * Math.PI * i / (n - 1));
      }
      XYSeries circle = chart.addSeries("unit circle", cx, cy);
      circle.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      circle.setMarker(SeriesMarkers.NONE);
      circle.setLineColor(Color.GRAY);
    }
    points.forEach((name, s) -> chart.addSeries(name, s.x(), s.y()));
    write(chart, png);
  }

  /** Heat map of z[row][col] (e.g. attention weights: rows = output steps, cols = input steps). */
  public static void heatmap(Path png, String title, String xLabel, String yLabel, double[][] z) throws IOException {
    HeatMapChart chart = new HeatMapChartBuilder().width(800).height(700).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
    int rows = z.length, cols = z[0].length;
    int[] xs = new int[cols], ys = new int[rows];
    for (int i = 0; i < cols; i++) {
      xs[i] = i;
    }
    for (int i = 0; i < rows; i++) {
      ys[i] = i;
    }
    Number[][] data = new Number[cols * rows][];
    int k = 0;
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        data[k++] = new Number[] {c, r, z[r][c]};
      }
    }
    chart.getStyler().setShowValue(false);
    chart.getStyler().setRangeColors(new Color[] {Color.WHITE, new Color(0x08, 0x30, 0x6b)});
    chart.addSeries("weights", java.util.Arrays.asList(box(xs)), java.util.Arrays.asList(box(ys)), java.util.Arrays.asList(data));
    write(chart, png);
  }

  /**
   * A confusion matrix as a heat map: {@code counts[true][predicted]} with the classes named on
   * both axes (true classes top to bottom, each with its count), every cell showing and coloured by
   * its share of its row (the recall on the diagonal), so a small class's errors show as clearly as
   * a large one's.
   */
  public static void confusion(Path png, String title, List<String> labels, int[][] counts) throws IOException {
    int n = labels.size(), size = Math.max(500, Math.min(1400, 150 + 60 * n));
    HeatMapChart chart = new HeatMapChartBuilder().width(size + 120).height(size).title(title).xAxisTitle("predicted")
        .yAxisTitle("true (sequences)").build();
    List<Number[]> cells = new ArrayList<>();
    List<String> rows = new ArrayList<>();
    for (int t = n - 1; t >= 0; t--) { // the first class at the top, as a confusion matrix is read
      int rowSum = Arrays.stream(counts[t]).sum();
      rows.add(labels.get(t) + " (" + rowSum + ")");
      for (int p = 0; p < n; p++) {
        cells.add(new Number[] {p, rows.size() - 1, rowSum == 0 ? 0.0 : counts[t][p] / (double) rowSum});
      }
    }
    chart.getStyler().setShowValue(true).setHeatMapValueDecimalPattern("0.00").setMin(0).setMax(1)
        .setRangeColors(new Color[] {Color.WHITE, new Color(0x4a, 0x8f, 0xc7)});
    chart.addSeries("share of the true class", labels, rows, cells);
    write(chart, png);
  }

  private static Integer[] box(int[] v) {
    Integer[] out = new Integer[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }

  /** Writes the chart as a PNG, atomically. */
  static void write(Chart<?, ?> chart, Path png) throws IOException {
    Path dir = png.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    // A temporary sibling with the default permissions (createTempFile would make it 0600).
    Path tmp = dir.resolve("." + png.getFileName() + ".tmp");
    try {
      try (var out = Files.newOutputStream(tmp)) {
        BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
      }
      Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
