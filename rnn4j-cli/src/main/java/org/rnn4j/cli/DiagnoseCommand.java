package org.rnn4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.rnn4j.data.Example;
import org.rnn4j.diagnose.GradientFlow;
import org.rnn4j.diagnose.Spectral;
import org.rnn4j.diagnose.StepJacobians;
import org.rnn4j.io.ModelFile;
import org.rnn4j.io.Npy;
import org.rnn4j.model.Batch;
import org.rnn4j.model.RnnModel;
import org.rnn4j.task.Task;
import org.rnn4j.task.TaskRunner;
import org.rnn4j.task.Tasks;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.train.TrainConfig;
import org.rnn4j.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "diagnose", mixinStandardHelpOptions = true,
    description = {"Gradient-flow diagnostics: vanishing or exploding gradients, made visible.",
        "Either trains a task (--task) and probes a fixed batch of its test set during training, or",
        "measures a saved model on data (--model, --data, --targets). Records ||dL/dh_t|| per step",
        "(loss of the last output step only) in the first and top layer, the spectral radius of",
        "W_hh (per gate block), the norm of the step-Jacobian products dh_T-1/dh_T-1-k, and the",
        "global gradient norm before and after clipping; writes PNG plots and a verdict:",
        "exploding if training went non-finite, ||dL/dh_0||/||dL/dh_T-1|| > 1e3 or clipping was",
        "active on > 50%% of the updates; vanishing if that ratio < 1e-3; healthy otherwise.",
        "--epochs 0 measures the task's initial model without training. --compare-clip N instead trains",
        "the task twice, without clipping and with clipping at N, and plots both loss curves.",
        "--compare-nonlinearity tanh,sigmoid measures the task's initial model once per nonlinearity",
        "(the same weights) and draws the gradient-vs-time curves side by side."})
final class DiagnoseCommand implements Callable<Integer> {
  @Option(names = "--task", paramLabel = "NAME", description = "Train this built-in task: ${COMPLETION-CANDIDATES}.",
      completionCandidates = TaskCommand.TaskNames.class)
  String task;

  @Option(names = "--model", paramLabel = "M.safetensors", description = "Measure this saved model (with --data, --targets).")
  Path model;

  @Option(names = "--data", paramLabel = "X.npy", description = "Inputs (T, B, I) for --model.")
  Path data;

  @Option(names = "--targets", paramLabel = "Y.npy", description = "Targets for --model, as the model's loss expects them.")
  Path targets;

  @Mixin TrainingOptions training;

  @Mixin TaskShapeOptions shape;

  @Option(names = "--snapshots", defaultValue = "4",
      description = "Training moments whose gradient-vs-time curve is drawn, before training included (default: ${DEFAULT-VALUE}).")
  int snapshots;

  @Option(names = "--probe", defaultValue = "32", description = "Sequences in the probe batch (default: ${DEFAULT-VALUE}).")
  int probe;

  @Option(names = "--out", paramLabel = "DIR", description = "Directory for the plots (default: runs/diagnose-<time>).")
  Path out;

  @Option(names = "--compare-clip", paramLabel = "N",
      description = "Train the task twice from the same initial weights, without clipping and with the gradient norm"
          + " clipped at N, and plot both training-loss curves in loss_clipping.png.")
  Double compareClip;

  @Option(names = "--compare-nonlinearity", paramLabel = "F,F", split = ",",
      description = "Measure the task's initial model once per nonlinearity (tanh, relu, sigmoid, identity; same weights)"
          + " and draw ||dL/dh_t|| side by side in grad_norm_by_nonlinearity.png (cells elman, leaky, skip).")
  List<String> compareNonlinearity;

  @Option(names = "--json", description = "Print a JSON object as the last line.")
  boolean json;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter pw = spec.commandLine().getOut();
    if ((task == null) == (model == null)) {
      throw new IllegalArgumentException("diagnose: expected either --task NAME or --model M.safetensors, found "
          + (task == null ? "neither" : "both"));
    }
    if (model != null && (data == null || targets == null)) {
      throw new IllegalArgumentException("diagnose --model: expected --data X.npy and --targets Y.npy, found "
          + (data == null ? "no --data" : "no --targets"));
    }
    Path dir = out != null ? out
        : Path.of("runs", "diagnose-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    if (compareClip != null) {
      return compareClipping(pw, dir);
    }
    if (compareNonlinearity != null) {
      return compareNonlinearities(pw, dir);
    }
    long start = System.nanoTime();
    Map<String, Object> fields = new LinkedHashMap<>();
    GradientFlow.Report r;
    if (task != null) {
      r = trainTask(pw, fields);
    } else {
      RnnModel m = ModelFile.load(model);
      Tensor x = Npy.read(data).requireFinite(data.toString());
      Tensor y = Npy.read(targets).requireFinite(targets.toString());
      pw.printf("model %s: %s, hidden %d, layers %d, mapping %s; data %s%n", model, m.config().cell(),
          m.config().hiddenSize(), m.config().numLayers(), m.config().mapping().id(), x.shapeString());
      double clip = training.optimization.clip != null ? training.optimization.clip : 0;
      r = GradientFlow.ofModel(m, new Batch(x, y), clip);
      fields.put("model", model.toString());
    }
    List<Path> plots = DiagnosePlots.write(dir, r, r.normBefore().length > 1 || r.snapshots().size() > 1);
    summarize(pw, r);
    plots.forEach(p -> pw.println("plot: " + p));
    if (json) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("verdict", r.verdict().label());
      j.put("reason", r.verdict().reason());
      j.put("grad_ratio_first_last", r.ratioFirstLast());
      j.put("spectral_radius", r.spectra().get(r.spectra().size() - 1).maxRadius());
      j.put("clipped_fraction", r.clippedFraction());
      j.put("jacobian_growth_per_step", r.jacobiansEnd() == null ? null : r.jacobiansEnd().growthPerStep());
      j.put("updates", r.normBefore().length);
      j.putAll(fields);
      j.put("seconds", Math.round((System.nanoTime() - start) / 1e6) / 1000.0);
      j.put("plots", plots.stream().map(Path::toString).toList());
      pw.println(Json.line(j));
    }
    return 0;
  }

  private GradientFlow.Report trainTask(PrintWriter pw, Map<String, Object> fields) {
    Task t = Tasks.create(task, shape.toOptions());
    TaskRunner.Options o = training.toRunnerOptions();
    TrainConfig train = training.trainingFor(t);
    RnnModel m = TaskRunner.model(t, o);
    // The same data, shuffling and optimiser as 'rnn task' with these options.
    List<Example> examples = t.trainingSet(new Random(o.seed() + 1));
    List<Example> test = t.testSet(new Random(o.seed() + 2));
    int epochs = untrained() ? 0 : train.epochs(), batch = train.batchSize();
    double clip = train.clipNorm();
    pw.printf("task %s: %s; cell %s, hidden %d, layers %d, %d epochs, clip %s%s%n", t.name(), t.description(),
        m.config().cell(), m.config().hiddenSize(), m.config().numLayers(), epochs, clip > 0 ? clip : "off",
        m.config().initRadius() > 0 ? ", init radius " + m.config().initRadius() : "");
    pw.flush();
    GradientFlow.Report r = epochs == 0 ? GradientFlow.ofModel(m, GradientFlow.probeBatch(test, probe), clip)
        : GradientFlow.train(m, new Trainer<>(m, train), examples, epochs, batch, clip,
        snapshots, GradientFlow.probeBatch(test, probe), (epoch, loss) -> {
          pw.printf("epoch %3d  loss %.5f%n", epoch, loss);
          pw.flush();
          return true;
        });
    Task.Score score = t.evaluate(m, test);
    pw.printf("%s = %.4f (baseline %.4f)%n", t.metric(), score.value(), t.baseline(test));
    fields.put("task", t.name());
    fields.put("cell", m.config().cell());
    fields.put("metric", t.metric());
    fields.put("value", score.value());
    return r;
  }

  /** --epochs 0: the initial model is measured, without training. */
  private boolean untrained() {
    return training.optimization.epochs != null && training.optimization.epochs == 0;
  }

  private int compareClipping(PrintWriter pw, Path dir) throws java.io.IOException {
    if (task == null) {
      throw new IllegalArgumentException("--compare-clip: expected --task NAME (it trains the task twice), found --model");
    }
    Task t = Tasks.create(task, shape.toOptions());
    TaskRunner.Options o = training.toRunnerOptions();
    TrainConfig train = training.trainingFor(t);
    var config = TaskRunner.config(t, o);
    pw.printf("task %s: %s; cell %s, hidden %d, layers %d, %d epochs%s%n", t.name(), t.description(), config.cell(),
        config.hiddenSize(), config.numLayers(), train.epochs(),
        config.initRadius() > 0 ? ", init radius " + config.initRadius() : "");
    Map<String, Object> fields = DiagnoseComparisons.clipping(t, o, train, compareClip, dir, pw);
    if (json) {
      pw.println(Json.line(fields));
    }
    return 0;
  }

  private int compareNonlinearities(PrintWriter pw, Path dir) throws java.io.IOException {
    if (task == null) {
      throw new IllegalArgumentException("--compare-nonlinearity: expected --task NAME (it builds the task's model), found --model");
    }
    Task t = Tasks.create(task, shape.toOptions());
    TaskRunner.Options o = training.toRunnerOptions();
    var config = TaskRunner.config(t, o);
    pw.printf("task %s: %s; cell %s, hidden %d, layers %d%s%n", t.name(), t.description(), config.cell(),
        config.hiddenSize(), config.numLayers(), config.initRadius() > 0 ? ", init radius " + config.initRadius() : "");
    Map<String, Object> fields = DiagnoseComparisons.nonlinearity(t, o, compareNonlinearity, probe, dir, pw);
    if (json) {
      pw.println(Json.line(fields));
    }
    return 0;
  }

  private static void summarize(PrintWriter pw, GradientFlow.Report r) {
    pw.println("||dL/dh_t|| of the first layer (loss of the last output step), first vs last step:");
    for (GradientFlow.Snapshot s : r.snapshots()) {
      double[] f = s.gradients().firstLayer();
      pw.printf("  %-16s ||dL/dh_0|| %.3e  ||dL/dh_%d|| %.3e  ratio %.3e%n", s.label(), f[0], f.length - 1,
          f[f.length - 1], s.gradients().ratioFirstLast());
    }
    GradientFlow.SpectrumPoint first = r.spectra().get(0), last = r.spectra().get(r.spectra().size() - 1);
    for (int u = 0; u < last.layers().size(); u++) {
      Spectral.LayerSpectrum a = first.layers().get(u), b = last.layers().get(u);
      pw.printf("spectral radius of W_hh %s (candidate block; all blocks %s): %.3f -> %.3f; ||W_hh||_2 %.3f -> %.3f%n",
          b.unit(), format(b.gateRadius()), a.candidateRadius(), b.candidateRadius(), a.norm(), b.norm());
    }
    if (r.jacobiansEnd() != null) {
      StepJacobians.Result j = r.jacobiansEnd();
      pw.printf("step-Jacobian products: ||dh_T-1/dh_-1||_2 = %.3e over %d steps, %.4f per step%s%n",
          j.productNorm()[j.productNorm().length - 1], j.productNorm().length - 1, j.growthPerStep(),
          r.jacobiansStart() != null && r.snapshots().size() > 1
              ? String.format(java.util.Locale.ROOT, " (before training %.4f)", r.jacobiansStart().growthPerStep()) : "");
    } else {
      pw.println("step-Jacobian products: not computed (" + r.note() + ")");
    }
    if (r.clipNorm() > 0) {
      pw.printf("clipping at %.3g active on %.1f%% of %d updates%n", r.clipNorm(), 100 * r.clippedFraction(),
          r.normBefore().length);
    }
    if (r.stopped() != null) {
      pw.println("training stopped: " + r.stopped());
    }
    pw.printf("verdict: %s (%s)%n", r.verdict().label(), r.verdict().reason());
  }

  private static String format(Map<String, Double> radii) {
    StringBuilder sb = new StringBuilder();
    radii.forEach((k, v) -> sb.append(sb.length() > 0 ? " " : "").append(k).append('=')
        .append(String.format(java.util.Locale.ROOT, "%.2f", v)));
    return sb.toString();
  }
}
