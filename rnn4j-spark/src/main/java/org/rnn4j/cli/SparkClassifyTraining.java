package org.rnn4j.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.rnn4j.classify.Confusion;
import org.rnn4j.classify.LabeledSequences;
import org.rnn4j.classify.SequenceClassifier;
import org.rnn4j.data.Vocabulary;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.spark.RowBatch;
import org.rnn4j.spark.RunDirectory;
import org.rnn4j.spark.SparkClassifierData;
import org.rnn4j.spark.SparkLabeledTexts;
import org.rnn4j.train.TrainConfig;
import org.rnn4j.train.Trainer;
import picocli.CommandLine.ParseResult;

/**
 * {@code rnn-spark train --classify FILE}: {@link ClassifyTraining} of labelled texts with the file
 * read, split and encoded by Spark ({@link SparkLabeledTexts}) and every step on the executors;
 * the same split, vocabulary, model, minibatches, output and best-model file as {@code rnn train
 * --classify}. The validation texts are collected on the driver, which validates. {@link #train}
 * trains and reports on any {@link SparkClassifierData}, also a CSV of sequences' ({@link
 * SparkSequenceCsvTraining}).
 */
final class SparkClassifyTraining {
  private SparkClassifyTraining() {}

  static int run(JavaSparkContext spark, int partitions, String file, String tokens, double valFraction, TrainingOptions t,
      String runDir, ParseResult parsed, boolean json, PrintWriter out) throws IOException {
    long start = System.nanoTime();
    Vocabulary.Level level = Vocabulary.Level.parse(tokens);
    SparkDataRun<SequenceClassifier> run = start(spark, runDir, parsed, t);
    SparkSession session = SparkSession.builder().sparkContext(spark.sc()).getOrCreate();
    try (SparkLabeledTexts data = SparkLabeledTexts.read(session, file, level, valFraction, splitSeed(run), partitions)) {
      return train(spark, data, List.of(String.format("%s: %d texts, %s tokens, vocabulary %d (with the unknown token); %d "
          + "partitions", file, data.texts(), level.id(), data.encoding().inputSize(), data.train().partitions()),
          String.format("classes: %s; training %d, validation %d (stratified)", String.join(", ", data.labels().names()),
              data.train().size(), data.validation().size())), t, run, json, out, start);
    }
  }

  /** A new classifier run, or the one {@code --resume} names (its config, checkpoint and best model fetched). */
  static SparkDataRun<SequenceClassifier> start(JavaSparkContext spark, String runDir, ParseResult parsed, TrainingOptions t)
      throws IOException {
    return SparkDataRun.start(spark, runDir, parsed, t, ClassifyOptions.DATA, SequenceClassifier::fromFile);
  }

  /** ClassifyTraining's seed of the validation draw: a resumed run splits as at its start. */
  static long splitSeed(SparkDataRun<SequenceClassifier> run) {
    return DataTraining.startSeed(run.config()) + 5;
  }

  /**
   * Trains, validates and reports as {@code rnn train --classify} does on data Spark has read:
   * {@code header} (the data's lines) before the model line; {@code start} is when the run began.
   */
  static int train(JavaSparkContext spark, SparkClassifierData data, List<String> header, TrainingOptions t,
      SparkDataRun<SequenceClassifier> run, boolean json, PrintWriter out, long start) throws IOException {
    RunDirectory dir = run.dir();
    TrainConfig training = run.config();
    Path local = dir.local();
    SequenceClassifier classifier = run.model(() -> new SequenceClassifier(new RnnModel(SequenceClassifier.config(
        DataTraining.model(t, ClassifyTraining.DEFAULT_CELL), data.encoding(), data.labels()), t.seed), data.encoding(),
        data.labels()));
    ClassifyTraining.requireSameSequences(classifier, data.encoding(), data.labels(), dir);
    RnnModel model = classifier.model();
    ModelConfig config = model.config();
    LabeledSequences validation = data.validation();
    header.forEach(out::println);
    out.println(ClassifyTraining.modelLine(config, model.parameters().size(), training));
    Path modelFile = local.resolve(DataTraining.MODEL_FILE);
    Confusion[] last = {null};
    Trainer<RowBatch> trainer = run.trainer(spark, model, classifier.fileMetadata(), data.train()).keepBest(() -> {
      last[0] = classifier.evaluate(validation);
      return 1 - last[0].accuracy();
    }, modelFile, Map.of());
    run.printResumed(out, trainer);
    out.flush();
    int[] bestEpoch = {DataTraining.bestEpoch(trainer)}; // a resumed run's best may be older
    int epochs;
    try (BufferedWriter metrics = Files.newBufferedWriter(local.resolve("metrics.csv"), StandardCharsets.UTF_8)) {
      metrics.write("epoch,step,loss,val_accuracy,val_macro_f1,seconds\n");
      epochs = trainer.fit(data.train().batches(), (epoch, stats) -> {
        boolean best = DataTraining.isNewBest(trainer);
        if (best) {
          bestEpoch[0] = epoch;
          dir.publish(DataTraining.MODEL_FILE);
        }
        ClassifyTraining.reportEpoch(out, metrics, data.labels(), epoch, trainer.state().step(), stats.loss(), last[0],
            DataTraining.seconds(start), best);
        return true;
      });
    }
    dir.publish("metrics.csv");
    dir.publish(Trainer.CHECKPOINT_FILE);
    SequenceClassifier best = SequenceClassifier.load(modelFile); // the best model, as a user gets it
    Confusion c = best.evaluate(validation);
    Trainer.Best b = DataTraining.best(trainer, "validation accuracy");
    int[] trainCounts = data.classCounts().clone(), validationCounts = validation.classCounts();
    for (int k = 0; k < trainCounts.length; k++) {
      trainCounts[k] -= validationCounts[k];
    }
    double baseline = ClassifyTraining.majorityBaseline(trainCounts, validation);
    out.printf("result: best validation accuracy %.4f at step %d (epoch %d of %d%s); majority class %.4f%n", c.accuracy(),
        b.step(), bestEpoch[0], epochs, trainer.stopReason() == Trainer.StopReason.PATIENCE ? ", stopped by patience" : "",
        baseline);
    out.println("model written to " + dir + "/" + DataTraining.MODEL_FILE + " (the best; the last is in " + dir + "/"
        + Trainer.CHECKPOINT_FILE + ")");
    if (json) {
      out.println(Json.line(ClassifyTraining.jsonFields(c, baseline, trainer, bestEpoch[0], epochs, DataTraining.seconds(start),
          data.labels().size(), data.train().size(), validation.size())));
    }
    return 0;
  }
}
