package org.rnn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.rnn4j.data.ArrayDataset;
import org.rnn4j.io.ModelFile;
import org.rnn4j.io.Npy;
import org.rnn4j.model.Mapping;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.spark.RowBatch;
import org.rnn4j.spark.RunDirectory;
import org.rnn4j.spark.SparkSequences;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.train.Trainer;
import picocli.CommandLine.ParseResult;

/**
 * {@code rnn-spark train --inputs X.npy --targets Y.npy}: {@link ArrayTraining} with the training
 * sequences in partitions and every step on the executors; the same output and model (with a
 * validation part, the model of the best validation). The driver reads the arrays (as {@code rnn
 * train} does) and keeps the validation part for the metric.
 */
final class SparkArrayTraining {
  private SparkArrayTraining() {}

  static int run(JavaSparkContext spark, int partitions, ArrayOptions o, TrainingOptions t, String runDir, ParseResult parsed,
      boolean json, PrintWriter out) throws IOException {
    if (o.targets == null) {
      throw new IllegalArgumentException("--inputs: expected --targets Y.npy as well, found none");
    }
    long start = System.nanoTime();
    SparkDataRun<RnnModel> run = SparkDataRun.start(spark, runDir, parsed, t, ArrayTraining.DATA, ModelFile::fromFile);
    Mapping mapping = Mapping.parse(o.mapping);
    ModelConfig.Builder builder = DataTraining.model(t).loss(o.loss).mapping(mapping);
    Tensor x = read(o.inputs.toString()), y = read(o.targets.toString());
    Tensor lengths = o.lengths == null ? null : read(o.lengths.toString());
    ArrayDataset all = ArrayDataset.of(x, y, lengths, mapping, o.loss, o.timeMajor);
    ArrayDataset[] parts = all.split(o.valFraction);
    ArrayDataset validation = parts[1];
    int n = parts[0].size();
    ModelConfig fresh = builder.inputSize(all.inputSize()).outputSize(all.outputWidth()).build();
    RunDirectory dir = run.dir(); // made once the arrays have been read
    RnnModel model = run.model(() -> new RnnModel(fresh, t.seed));
    ModelConfig config = model.config();
    ArrayTraining.requireSameArrays(config, fresh, dir);
    if (validation.size() == 0 && (run.config().patience() > 0 || json)) {
      throw new IllegalArgumentException((json ? "--json" : "--patience") + ": expected a validation part to score, found "
          + "--val-fraction 0");
    }
    String metric = ArrayDataset.metricName(o.loss);
    boolean sequenceAxis1 = o.timeMajor && !mapping.vectorInput();
    boolean targetAxis1 = o.timeMajor && mapping.kind() != Mapping.Kind.MANY_TO_ONE;
    try (SparkSequences train = SparkSequences.fromArrays(spark, firstRows(x, n, sequenceAxis1), firstRows(y, n, targetAxis1),
        lengths == null ? null : firstRows(lengths, n, false), mapping, o.loss, o.timeMajor, partitions)) {
      out.printf("arrays: %d sequences of %d steps, input %d, output %d%s at %d output step(s); mapping %s, loss %s%s%n",
          all.size(), all.steps(), all.inputSize(), all.outputWidth(), o.loss.equals("ce") ? " classes" : "",
          all.outputSteps(), mapping.id(), o.loss, o.lengths != null ? ", with lengths" : "");
      out.printf("training %d in %d partitions, validation %d; model %s, hidden %d, layers %d%n", n, train.partitions(),
          validation.size(), config.cell(), config.hiddenSize(), config.numLayers());
      Trainer<RowBatch> trainer = run.trainer(spark, model, model.fileMetadata(), train);
      run.printResumed(out, trainer);
      out.flush();
      boolean accuracy = metric.equals("accuracy");
      if (validation.size() > 0) { // as rnn train: the model file is the best validation's (lower is better: 1 - accuracy)
        trainer.keepBest(() -> accuracy ? 1 - validation.metric(model, o.loss) : validation.metric(model, o.loss), modelFile(dir),
            Map.of());
      }
      int[] bestEpoch = {DataTraining.bestEpoch(trainer)}; // a resumed run's best may be older
      int epochs = trainer.fit(train.batches(), (epoch, stats) -> {
        String val = "";
        if (validation.size() > 0) {
          boolean best = DataTraining.isNewBest(trainer);
          bestEpoch[0] = best ? epoch : bestEpoch[0];
          val = String.format("  val %s %.4f%s", metric, accuracy ? 1 - stats.validation() : stats.validation(),
              best ? "  best" : "");
        }
        out.printf("epoch %3d  loss %.5f%s  (%.1f s)%n", epoch, stats.loss(), val, DataTraining.seconds(start));
        out.flush();
        return true;
      });
      Map<String, Object> result = null;
      if (validation.size() > 0) {
        result = ArrayTraining.printResult(out, new org.apache.hadoop.fs.Path(o.inputs.toString()).getName(), parts[0],
            validation, ModelFile.load(modelFile(dir)), o.loss, trainer, bestEpoch[0], epochs, DataTraining.seconds(start));
      } else {
        ModelFile.save(modelFile(dir), model);
      }
      dir.publish(Trainer.CHECKPOINT_FILE);
      dir.publish("model.safetensors");
      out.println("model written to " + dir + "/model.safetensors");
      if (json) {
        out.println(Json.line(result));
      }
    }
    return 0;
  }

  private static java.nio.file.Path modelFile(RunDirectory dir) {
    return dir.local().resolve("model.safetensors");
  }

  /** The first n sequences of an array whose sequence axis is 0 (batch-first) or 1 (time-major). */
  private static Tensor firstRows(Tensor a, int n, boolean axis1) {
    int[] shape = a.shape();
    int axis = axis1 ? 1 : 0;
    int outer = axis1 ? shape[0] : 1, all = shape[axis], inner = a.size() / (outer * all);
    float[] out = new float[outer * n * inner];
    for (int o = 0; o < outer; o++) {
      System.arraycopy(a.data(), o * all * inner, out, o * n * inner, n * inner);
    }
    shape[axis] = n;
    return Tensor.of(out, shape);
  }

  private static Tensor read(String file) throws IOException {
    return Npy.read(java.nio.file.Path.of(file)).requireFinite(file);
  }

}
