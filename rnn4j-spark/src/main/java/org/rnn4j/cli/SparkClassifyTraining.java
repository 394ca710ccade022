package org.rnn4j.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.rnn4j.spark.SparkLabeledTexts;
import org.rnn4j.train.TrainConfig;
import org.rnn4j.train.Trainer;
import picocli.CommandLine.ParseResult;

/**
 * {@code rnn-spark train --classify FILE}: {@link ClassifyTraining} of labelled texts with the file
 * read, split and encoded by Spark ({@link SparkLabeledTexts}) and every step on the executors;
 * the same split, vocabulary, model, minibatches, output and best-model file as {@code rnn train
 * --classify}. The validation texts are collected on the driver, which validates.
 */
final class SparkClassifyTraining {
  private SparkClassifyTraining() {}

  static int run(JavaSparkContext spark, int partitions, String file, String tokens, double valFraction, TrainingOptions t,
      String runDir, ParseResult parsed, PrintWriter out) throws IOException {
    long start = System.nanoTime();
    Vocabulary.Level level = Vocabulary.Level.parse(tokens);
    SparkDataRun<SequenceClassifier> run = SparkDataRun.start(spark, runDir, parsed, t, ClassifyOptions.DATA,
        SequenceClassifier::fromFile);
    RunDirectory dir = run.dir();
    SparkSession session = SparkSession.builder().sparkContext(spark.sc()).getOrCreate();
    long splitSeed = DataTraining.startSeed(run.config()) + 5; // ClassifyTraining's: a resumed run splits as at its start
    try (SparkLabeledTexts data = SparkLabeledTexts.read(session, file, level, valFraction, splitSeed, partitions)) {
      TrainConfig training = run.config();
      Path local = dir.local();
      SequenceClassifier classifier = run.model(() -> new SequenceClassifier(new RnnModel(SequenceClassifier.config(
          DataTraining.model(t, ClassifyTraining.DEFAULT_CELL), data.encoding(), data.labels()), t.seed), data.encoding(),
          data.labels()));
      ClassifyTraining.requireSameSequences(classifier, data.encoding(), data.labels(), dir);
      RnnModel model = classifier.model();
      ModelConfig config = model.config();
      LabeledSequences validation = data.validation();
      long trainSize = data.train().size();
      out.printf("%s: %d texts, %s tokens, vocabulary %d (with the unknown token); %d partitions%n", file, data.texts(),
          level.id(), data.encoding().inputSize(), data.train().partitions());
      out.printf("classes: %s; training %d, validation %d (stratified)%n", String.join(", ", data.labels().names()), trainSize,
          validation.size());
      out.println(ClassifyTraining.modelLine(config, model.parameters().size(), training));
      Path modelFile = local.resolve(DataTraining.MODEL_FILE);
      Confusion[] last = {null};
      Trainer<RowBatch> trainer = run.trainer(spark, model, classifier.fileMetadata(), data.train()).keepBest(() -> {
        last[0] = classifier.evaluate(validation);
        return 1 - last[0].accuracy();
      }, modelFile, Map.of());
      run.printResumed(out, trainer);
      out.flush();
      int[] bestEpoch = {0};
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
      out.printf("result: best validation accuracy %.4f at step %d (epoch %d of %d%s); macro-F1 %.4f%n", c.accuracy(), b.step(),
          bestEpoch[0], epochs, trainer.stopReason() == Trainer.StopReason.PATIENCE ? ", stopped by patience" : "", c.macroF1());
      out.println("model written to " + dir + "/" + DataTraining.MODEL_FILE + " (the best; the last is in " + dir + "/"
          + Trainer.CHECKPOINT_FILE + ")");
    }
    return 0;
  }
}
