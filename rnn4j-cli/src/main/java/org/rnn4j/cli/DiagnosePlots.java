package org.rnn4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnn4j.diagnose.GradientFlow;
import org.rnn4j.diagnose.Spectral;

/** The PNG plots of {@code rnn diagnose}. */
final class DiagnosePlots {
  /** Log axes cannot show 0: norms that underflowed are drawn at this floor. */
  private static final double LOG_FLOOR = 1e-30;

  private DiagnosePlots() {}

  /** Writes the plots that make sense for the report; with {@code training} also those over training. */
  static List<Path> write(Path dir, GradientFlow.Report r, boolean training) throws IOException {
    List<Path> files = new ArrayList<>();
    files.add(gradientVsTime(dir.resolve("grad_norm_vs_time.png"), r));
    if (r.jacobiansEnd() != null) {
      files.add(jacobianProducts(dir.resolve("jacobian_products.png"), r, training));
    }
    if (training) {
      files.add(spectralRadius(dir.resolve("spectral_radius.png"), r));
      files.add(clipping(dir.resolve("grad_norm_clipping.png"), r));
    }
    return files;
  }

  private static Path gradientVsTime(Path png, GradientFlow.Report r) throws IOException {
    Map<String, Plots.Series> series = new LinkedHashMap<>();
    boolean stacked = r.snapshots().get(0).gradients().topLayer() != r.snapshots().get(0).gradients().firstLayer()
        && !java.util.Arrays.equals(r.snapshots().get(0).gradients().topLayer(), r.snapshots().get(0).gradients().firstLayer());
    for (GradientFlow.Snapshot s : r.snapshots()) {
      double[] f = s.gradients().firstLayer();
      series.put((stacked ? "first layer, " : "") + s.label(), new Plots.Series(range(0, f.length), floor(f)));
      if (stacked) {
        double[] t = s.gradients().topLayer();
        series.put("top layer, " + s.label(), new Plots.Series(range(0, t.length), floor(t)));
      }
    }
    Plots.line(png, "||dL/dh_t|| (loss of the last output step)", "time step t", "||dL/dh_t||", series, true);
    return png;
  }

  private static Path jacobianProducts(Path png, GradientFlow.Report r, boolean training) throws IOException {
    Map<String, Plots.Series> series = new LinkedHashMap<>();
    if (training && r.jacobiansStart() != null) {
      double[] p = r.jacobiansStart().productNorm();
      series.put("before training", new Plots.Series(range(0, p.length), floor(p)));
    }
    double[] p = r.jacobiansEnd().productNorm();
    series.put(training ? "after training" : "model", new Plots.Series(range(0, p.length), floor(p)));
    Plots.line(png, "Step-Jacobian products, first layer, first probe sequence", "k (steps back from T-1)",
        "sigma_max(dh_T-1 / dh_T-1-k)", series, true);
    return png;
  }

  private static Path spectralRadius(Path png, GradientFlow.Report r) throws IOException {
    List<GradientFlow.SpectrumPoint> pts = r.spectra();
    double[] steps = pts.stream().mapToDouble(GradientFlow.SpectrumPoint::step).toArray();
    Map<String, Plots.Series> series = new LinkedHashMap<>();
    List<Spectral.LayerSpectrum> first = pts.get(0).layers();
    for (int u = 0; u < first.size(); u++) {
      int unit = u;
      for (String gate : first.get(u).gateRadius().keySet()) {
        double[] y = pts.stream().mapToDouble(p -> p.layers().get(unit).gateRadius().get(gate)).toArray();
        String name = first.get(u).unit() + (first.get(u).gateRadius().size() > 1 ? " " + gate : "");
        series.put(name, new Plots.Series(steps, y));
      }
    }
    Plots.line(png, "Spectral radius of W_hh (per gate block)", "update", "max |eigenvalue|", series, false);
    return png;
  }

  private static Path clipping(Path png, GradientFlow.Report r) throws IOException {
    double[] x = range(1, r.normBefore().length + 1);
    Map<String, Plots.Series> series = new LinkedHashMap<>();
    series.put("before clipping", new Plots.Series(x, floor(r.normBefore())));
    if (r.clipNorm() > 0) {
      series.put("after clipping", new Plots.Series(x, floor(r.normAfter())));
    }
    Plots.line(png, "Global gradient norm per update" + (r.clipNorm() > 0 ? " (clip at " + r.clipNorm() + ")" : ""),
        "update", "||g||", series, true);
    return png;
  }

  private static double[] range(int from, int to) {
    double[] v = new double[Math.max(0, to - from)];
    for (int i = 0; i < v.length; i++) {
      v[i] = from + i;
    }
    return v;
  }

  private static double[] floor(double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = Math.max(v[i], LOG_FLOOR);
    }
    return out;
  }
}
