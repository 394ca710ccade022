package org.rnn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.rnn4j.classify.SequenceClassifier;
import org.rnn4j.spark.SparkSequenceTable;
import picocli.CommandLine.ParseResult;

/**
 * {@code rnn-spark train --classify FILE.csv}: {@link ClassifyTraining} of a CSV of sequences
 * (consecutive rows with the same --id, classes in --label) with the table read, grouped, split
 * and normalised by Spark ({@link SparkSequenceTable}) and every step on the executors; the same
 * sequences, split, normalisation, model, minibatches, output and best-model file as {@code rnn
 * train --classify FILE.csv}, trained by {@link SparkClassifyTraining#train}.
 */
final class SparkSequenceCsvTraining {
  private SparkSequenceCsvTraining() {}

  static int run(JavaSparkContext spark, int partitions, String file, ClassifyOptions classify, List<String> features,
      char delimiter, double valFraction, TrainingOptions t, String runDir, ParseResult parsed, boolean json,
      PrintWriter out) throws IOException {
    long start = System.nanoTime();
    SparkDataRun<SequenceClassifier> run = SparkClassifyTraining.start(spark, runDir, parsed, t);
    SparkSession session = SparkSession.builder().sparkContext(spark.sc()).getOrCreate();
    try (SparkSequenceTable data = SparkSequenceTable.read(session, file, classify.id(), classify.label(), features, delimiter,
        valFraction, SparkClassifyTraining.splitSeed(run), partitions)) {
      String summary = ClassifyData.csvSummary(file, data.sequences(), classify.id(), data.encoding().features(),
          ClassifyData.lengths(data.shortest(), data.longest(), data.steps(), data.sequences()));
      String classes = String.format("classes: %s; training %d, validation %d (stratified)", ClassifyData.classCounts(
          data.labels(), data.classCounts()), data.train().size(), data.validation().size());
      return SparkClassifyTraining.train(spark, data, List.of(summary, classes), t, run, json, out, start);
    }
  }
}
