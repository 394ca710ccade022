package org.rnn4j.diagnose;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.rnn4j.data.Batching;
import org.rnn4j.data.Example;
import org.rnn4j.model.Batch;
import org.rnn4j.model.RnnModel;
import org.rnn4j.optim.Clipping;
import org.rnn4j.train.Batches;
import org.rnn4j.train.Trainer;

/**
 * Gradient-flow diagnostics: how the gradient reaching each time step, the recurrent spectra,
 * the step-Jacobian products and the global gradient norm (before/after clipping) evolve while a
 * model trains, or what they are for a saved model on given data.
 *
 * <p>The verdict, from the last measurement (see {@link #judge}):
 * <ul>
 *   <li><b>exploding</b> when training hit a non-finite loss or gradient, or
 *       ‖∂L/∂h_0‖ / ‖∂L/∂h_{T-1}‖ &gt; {@value #EXPLODING_RATIO}, or clipping was active on more
 *       than {@value #MOSTLY_CLIPPED} of the steps;</li>
 *   <li><b>vanishing</b> when that ratio is below {@value #VANISHING_RATIO};</li>
 *   <li><b>healthy</b> otherwise.</li>
 * </ul>
 */
public final class GradientFlow {
  public static final double VANISHING_RATIO = 1e-3;
  public static final double EXPLODING_RATIO = 1e3;
  public static final double MOSTLY_CLIPPED = 0.5;
  /** At most this many spectra are recorded over a training run. */
  static final int SPECTRUM_POINTS = 100;

  private GradientFlow() {}

  /** State-gradient norms on the probe batch at one moment of training. */
  public record Snapshot(String label, int step, StateGradients.Result gradients) {}

  /** The recurrent spectra after {@code step} updates. */
  public record SpectrumPoint(int step, List<Spectral.LayerSpectrum> layers) {
    /** The largest candidate-block radius over all layers. */
    public double maxRadius() {
      return layers.stream().mapToDouble(Spectral.LayerSpectrum::candidateRadius).max().orElse(0);
    }
  }

  /** A label and the rule that produced it. */
  public record Verdict(String label, String reason) {}

  /**
   * Everything measured. {@code normBefore}/{@code normAfter} hold the global gradient norm of each
   * update before and after clipping; the Jacobian products are null when the cell reads older
   * states (then {@code note} says why); {@code stopped} is null or why training stopped early.
   */
  public record Report(List<Snapshot> snapshots, List<SpectrumPoint> spectra, double[] normBefore, double[] normAfter,
      double clipNorm, StepJacobians.Result jacobiansStart, StepJacobians.Result jacobiansEnd, String note,
      Verdict verdict, String stopped) {

    public double ratioFirstLast() {
      return snapshots.get(snapshots.size() - 1).gradients().ratioFirstLast();
    }

    /** Fraction of updates whose norm before clipping exceeded the clipping threshold. */
    public double clippedFraction() {
      return GradientFlow.clippedFraction(normBefore, clipNorm);
    }
  }

  /** Called after every epoch with its mean loss; return false to stop. */
  public interface EpochListener {
    boolean epochEnd(int epoch, double meanLoss);
  }

  /** The verdict rule of the class comment. */
  public static Verdict judge(double ratio, double clippedFraction, boolean finite) {
    String r = String.format(java.util.Locale.ROOT, "%.3g", ratio);
    if (!finite) {
      return new Verdict("exploding", "training produced a non-finite loss or gradient");
    }
    if (ratio > EXPLODING_RATIO) {
      return new Verdict("exploding", "‖∂L/∂h_0‖/‖∂L/∂h_T-1‖ = " + r + " > " + EXPLODING_RATIO);
    }
    if (clippedFraction > MOSTLY_CLIPPED) {
      return new Verdict("exploding", String.format(java.util.Locale.ROOT,
          "clipping active on %.0f%% of the updates (> %.0f%%)", 100 * clippedFraction, 100 * MOSTLY_CLIPPED));
    }
    if (ratio < VANISHING_RATIO) {
      return new Verdict("vanishing", "‖∂L/∂h_0‖/‖∂L/∂h_T-1‖ = " + r + " < " + VANISHING_RATIO);
    }
    return new Verdict("healthy", "‖∂L/∂h_0‖/‖∂L/∂h_T-1‖ = " + r + " within [" + VANISHING_RATIO + ", "
        + EXPLODING_RATIO + "] and clipping active on at most " + Math.round(100 * MOSTLY_CLIPPED) + "% of the updates");
  }

  static double clippedFraction(double[] before, double clipNorm) {
    if (clipNorm <= 0 || before.length == 0) {
      return 0;
    }
    int n = 0;
    for (double v : before) {
      n += v > clipNorm ? 1 : 0;
    }
    return n / (double) before.length;
  }

  /**
   * A fixed batch to probe with: up to {@code max} examples of the longest input among the
   * given ones (long sequences show vanishing best), in their order.
   */
  public static Batch probeBatch(List<Example> examples, int max) {
    Example longest = examples.stream().max(Comparator.comparingInt(e -> e.x().dim(0))).orElseThrow(
        () -> new IllegalArgumentException("probe batch: expected at least one example, found none"));
    List<Example> group = new ArrayList<>();
    for (Example e : examples) {
      if (group.size() < max && java.util.Arrays.equals(e.x().shape(), longest.x().shape())
          && java.util.Arrays.equals(e.y().shape(), longest.y().shape())) {
        group.add(e);
      }
    }
    return Batching.stack(group);
  }

  /** One measurement of a model on data: no training; the "update" is one gradient of the whole batch. */
  public static Report ofModel(RnnModel model, Batch data, double clipNorm) {
    Snapshot s = new Snapshot("model", 0, StateGradients.measure(model, data));
    model.parameters().zeroGrads();
    model.lossAndGradient(data, null);
    double norm = Clipping.norm(model.parameters().grads());
    model.parameters().zeroGrads();
    double after = clipNorm > 0 ? Math.min(norm, clipNorm) : norm;
    Jacobians j = jacobians(model, data);
    double[] before = {norm};
    Verdict v = judge(s.gradients().ratioFirstLast(), clippedFraction(before, clipNorm), Double.isFinite(norm));
    return new Report(List.of(s), List.of(new SpectrumPoint(0, Spectral.of(model))), before, new double[] {after},
        clipNorm, j.result, j.result, j.note, v, null);
  }

  /**
   * Trains with {@link Trainer#fit} (so exactly as without diagnostics: probing restores the
   * gradient buffer and draws nothing random), probing on {@code probe}: state gradients before
   * training and after {@code snapshots − 1} evenly spaced epochs, spectra about
   * {@value #SPECTRUM_POINTS} times, Jacobian products before and after, and every update's
   * gradient norm before clipping (from the trainer) and after (the clipped gradients the
   * optimizer just used).
   */
  public static Report train(RnnModel model, Trainer<Batch> trainer, List<Example> examples, int epochs, int batchSize,
      double clipNorm, int snapshots, Batch probe, EpochListener listener) {
    if (epochs <= 0 || snapshots < 2) {
      throw new IllegalArgumentException("gradient-flow training: expected epochs > 0 and snapshots >= 2, found epochs="
          + epochs + ", snapshots=" + snapshots);
    }
    TreeSet<Integer> snapshotEpochs = new TreeSet<>();
    for (int k = 1; k < snapshots; k++) {
      snapshotEpochs.add((int) Math.round(epochs * k / (double) (snapshots - 1)));
    }
    List<Snapshot> snaps = new ArrayList<>();
    List<SpectrumPoint> spectra = new ArrayList<>();
    List<Double> before = new ArrayList<>(), after = new ArrayList<>();
    snaps.add(new Snapshot("before training", 0, StateGradients.measure(model, probe)));
    spectra.add(new SpectrumPoint(0, Spectral.of(model)));
    Jacobians start = jacobians(model, probe);
    int stride = Math.max(1, Batching.batches(examples, batchSize, null).size() * epochs / SPECTRUM_POINTS);
    trainer.onStep(info -> {
      before.add(info.gradNorm());
      after.add(info.skipped() ? info.gradNorm() : Clipping.norm(model.parameters().grads()));
      if (info.step() % stride == 0) {
        spectra.add(new SpectrumPoint((int) info.step(), Spectral.of(model)));
      }
    });
    String stopped = null;
    try {
      trainer.fit(Batches.of(examples), (epoch, stats) -> {
        if (snapshotEpochs.contains(epoch)) {
          snaps.add(new Snapshot("epoch " + epoch, before.size(), StateGradients.measure(model, probe)));
        }
        return listener == null || listener.epochEnd(epoch, stats.loss());
      });
    } catch (Trainer.NonFiniteException e) {
      stopped = e.getMessage();
    }
    Jacobians end = stopped == null ? jacobians(model, probe) : new Jacobians(null, "training stopped");
    double[] nb = before.stream().mapToDouble(Double::doubleValue).toArray();
    double[] na = after.stream().mapToDouble(Double::doubleValue).toArray();
    double ratio = snaps.get(snaps.size() - 1).gradients().ratioFirstLast();
    Verdict v = judge(ratio, clippedFraction(nb, clipNorm), stopped == null && Double.isFinite(ratio));
    return new Report(snaps, spectra, nb, na, clipNorm, start.result, end.result, start.note, v, stopped);
  }

  private record Jacobians(StepJacobians.Result result, String note) {}

  private static Jacobians jacobians(RnnModel model, Batch probe) {
    try {
      return new Jacobians(StepJacobians.along(model, probe), null);
    } catch (IllegalArgumentException e) { // cells reading older states, or layers too large
      return new Jacobians(null, e.getMessage());
    }
  }
}
