package org.rnn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rnn4j.data.ArrayDataset;
import org.rnn4j.io.ModelFile;
import org.rnn4j.io.Npy;
import org.rnn4j.model.Mapping;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.train.Batches;
import org.rnn4j.train.TrainConfig;
import org.rnn4j.train.Trainer;

/**
 * {@code rnn train --inputs X.npy --targets Y.npy}: trains on arrays (batch-first on disk, see
 * {@link ArrayDataset}), prints the training loss and the validation metric per epoch, saves the model.
 */
final class ArrayTraining {
  private ArrayTraining() {}

  static int run(ArrayOptions o, TrainingOptions t, Path runDir, PrintWriter out) throws IOException {
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
    ModelConfig config = builder.inputSize(all.inputSize()).outputSize(all.outputWidth()).build();
    RnnModel model = new RnnModel(config, t.seed);
    String metric = ArrayDataset.metricName(o.loss);
    out.printf("arrays: %d sequences of %d steps, input %d, output %d%s at %d output step(s); mapping %s, loss %s%s%n",
        all.size(), all.steps(), all.inputSize(), all.outputWidth(), o.loss.equals("ce") ? " classes" : "", all.outputSteps(),
        mapping.id(), o.loss, o.lengths != null ? ", with lengths" : "");
    out.printf("training %d, validation %d; model %s, hidden %d, layers %d%n", train.size(), validation.size(), config.cell(),
        config.hiddenSize(), config.numLayers());
    out.flush();
    TrainConfig training = DataTraining.training(t);
    double[] value = {Double.NaN};
    new Trainer<>(model, training).fit(Batches.of(train), (epoch, stats) -> {
      String val = "";
      if (validation.size() > 0) {
        value[0] = validation.metric(model, o.loss);
        val = String.format("  val %s %.4f", metric, value[0]);
      }
      out.printf("epoch %3d  loss %.5f%s  (%.1f s)%n", epoch, stats.loss(), val, DataTraining.seconds(start));
      out.flush();
      return true;
    });
    if (validation.size() > 0) {
      out.printf("result: validation %s = %.4f after %d epochs in %.1f s%n", metric, value[0], training.epochs(),
          DataTraining.seconds(start));
    }
    Path dir = DataTraining.runDirectory(runDir);
    Files.createDirectories(dir);
    Path file = dir.resolve("model.safetensors");
    ModelFile.save(file, model);
    out.println("model written to " + file);
    return 0;
  }

  private static Tensor read(Path file) throws IOException {
    return Npy.read(file).requireFinite(file.toString());
  }
}
