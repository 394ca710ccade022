package org.rnn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.rnn4j.data.ArrayDataset;
import org.rnn4j.io.ModelFile;
import org.rnn4j.io.Npy;
import org.rnn4j.model.Batch;
import org.rnn4j.model.Mapping;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.train.Batches;
import org.rnn4j.train.Trainer;
import picocli.CommandLine.ParseResult;

/**
 * {@code rnn train --inputs X.npy --targets Y.npy}: trains on arrays (batch-first on disk, see
 * {@link ArrayDataset}), prints the training loss and the validation metric per epoch. With a
 * validation part the run directory's model is the best one by that metric (accuracy, or NRMSE);
 * without one (--val-fraction 0) it is the last.
 */
final class ArrayTraining {
  private ArrayTraining() {}

  /** The options that name the data: a resumed run is given them again (the rest is the run's). */
  static final Set<String> DATA = Set.of("--inputs", "--targets", "--mapping", "--loss", "--lengths", "--time-major",
      "--val-fraction");

  static int run(ArrayOptions o, TrainingOptions t, Path runDir, Path resume, boolean json, ParseResult parsed,
      PrintWriter out) throws IOException {
    if (o.targets == null) {
      throw new IllegalArgumentException("--inputs: expected --targets Y.npy as well, found none");
    }
    long start = System.nanoTime();
    Mapping mapping = Mapping.parse(o.mapping);
    ModelConfig.Builder builder = DataTraining.model(t).loss(o.loss).mapping(mapping); // checks the loss name first
    ArrayDataset all = ArrayDataset.of(read(o.inputs), read(o.targets), o.lengths == null ? null : read(o.lengths), mapping,
        o.loss, o.timeMajor);
    ArrayDataset[] parts = all.split(o.valFraction);
    ArrayDataset train = parts[0], validation = parts[1];
    ModelConfig fresh = builder.inputSize(all.inputSize()).outputSize(all.outputWidth()).build();
    DataTraining.Start<RnnModel> run = DataTraining.start(runDir, resume, t, parsed, DATA, () -> new RnnModel(fresh, t.seed),
        ModelFile::fromFile);
    RnnModel model = run.model();
    ModelConfig config = model.config();
    requireSameArrays(config, fresh, run.dir());
    Trainer<Batch> trainer = run.trainer().checkpointsIn(run.dir());
    if (validation.size() == 0 && (trainer.config().patience() > 0 || json)) {
      throw new IllegalArgumentException((json ? "--json" : "--patience") + ": expected a validation part to score, found "
          + "--val-fraction 0");
    }
    String metric = ArrayDataset.metricName(o.loss);
    boolean accuracy = metric.equals("accuracy");
    out.printf("arrays: %d sequences of %d steps, input %d, output %d%s at %d output step(s); mapping %s, loss %s%s%n",
        all.size(), all.steps(), all.inputSize(), all.outputWidth(), o.loss.equals("ce") ? " classes" : "", all.outputSteps(),
        mapping.id(), o.loss, o.lengths != null ? ", with lengths" : "");
    out.printf("training %d, validation %d; model %s, hidden %d, layers %d%n", train.size(), validation.size(), config.cell(),
        config.hiddenSize(), config.numLayers());
    out.flush();
    run.printResumed(out);
    Path dir = run.dir(), file = dir.resolve(DataTraining.MODEL_FILE);
    if (validation.size() > 0) {
      // Lower is better for the trainer: 1 − accuracy, or the NRMSE itself.
      trainer.keepBest(() -> accuracy ? 1 - validation.metric(model, o.loss) : validation.metric(model, o.loss), file, Map.of());
    }
    int[] bestEpoch = {DataTraining.bestEpoch(trainer)}; // a resumed run's best may be older
    int epochs = trainer.fit(Batches.of(train), (epoch, stats) -> {
      String val = "";
      if (validation.size() > 0) {
        boolean best = DataTraining.isNewBest(trainer);
        bestEpoch[0] = best ? epoch : bestEpoch[0];
        val = String.format("  val %s %.4f%s", metric, accuracy ? 1 - stats.validation() : stats.validation(), best ? "  best" : "");
      }
      out.printf("epoch %3d  loss %.5f%s  (%.1f s)%n", epoch, stats.loss(), val, DataTraining.seconds(start));
      out.flush();
      return true;
    });
    if (validation.size() == 0) {
      ModelFile.save(file, model);
      out.println("model written to " + file);
      return 0;
    }
    Map<String, Object> result = printResult(out, o.inputs.getFileName().toString(), train, validation, ModelFile.load(file),
        o.loss, trainer, bestEpoch[0], epochs, DataTraining.seconds(start));
    DataTraining.printFiles(out, trainer, dir, bestEpoch[0]);
    if (json) {
      out.println(Json.line(result));
    }
    return 0;
  }

  /**
   * Prints the result line of a run with a validation part (the {@code best} model's metric beside
   * the baseline's: the most frequent class or value, or the training mean) and returns the fields
   * of its {@code --json} line, named after the inputs file {@code inputs}.
   */
  static Map<String, Object> printResult(PrintWriter out, String inputs, ArrayDataset train, ArrayDataset validation,
      RnnModel best, String loss, Trainer<?> trainer, int bestEpoch, int epochs, double seconds) {
    String metric = ArrayDataset.metricName(loss);
    Trainer.Best b = DataTraining.best(trainer, "validation " + metric);
    double value = validation.metric(best, loss);
    double baseline = validation.baselineMetric(train, loss);
    String baselineName = switch (loss) {
      case "ce" -> "always the most frequent class";
      case "bce" -> "always the most frequent value";
      default -> "always the training mean";
    };
    out.printf("result: validation %s = %.4f (%s; %s: %.4f) at step %d, epoch %d of %d, in %.1f s%n", metric, value,
        metric.equals("accuracy") ? "higher is better" : "lower is better", baselineName, baseline, b.step(), bestEpoch,
        epochs, seconds);
    return DataTraining.jsonFields(inputs, metric, value, baseline, trainer, bestEpoch, epochs, seconds);
  }

  /** A resumed run reads arrays of the shapes, mapping and loss it was trained on: its model's config says them. */
  static void requireSameArrays(ModelConfig config, ModelConfig fresh, Object dir) {
    if (config.inputSize() != fresh.inputSize() || config.outputSize() != fresh.outputSize()
        || !config.mapping().equals(fresh.mapping()) || !config.loss().equals(fresh.loss())) {
      throw new IllegalArgumentException("--resume: expected the arrays the run in " + dir + " was trained on (input "
          + config.inputSize() + ", output " + config.outputSize() + ", " + config.mapping().id() + ", loss " + config.loss()
          + "), found input " + fresh.inputSize() + ", output " + fresh.outputSize() + ", " + fresh.mapping().id() + ", loss "
          + fresh.loss());
    }
  }

  private static Tensor read(Path file) throws IOException {
    return Npy.read(file).requireFinite(file.toString());
  }
}
