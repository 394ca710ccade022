package org.rnn4j.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.rnn4j.classify.Confusion;
import org.rnn4j.classify.Labels;
import org.rnn4j.classify.LabeledSequences;
import org.rnn4j.classify.SequenceClassifier;
import org.rnn4j.classify.SequenceEncoding;
import org.rnn4j.csv.CsvFile;
import org.rnn4j.model.Batch;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.train.TrainConfig;
import org.rnn4j.train.Trainer;
import picocli.CommandLine.ParseResult;

/**
 * {@code rnn train --classify FILE}: a many-to-one classifier on the user's labelled sequences.
 * Every epoch is validated (accuracy, macro-F1, per-class F1); the best model by validation
 * accuracy is kept in RUN/model.safetensors with its vocabulary or features and its labels;
 * {@code --patience} stops after that many epochs without a new best. At the end the best model
 * is read back from its file and reported per class, with a confusion-matrix PNG.
 */
final class ClassifyTraining {
  /**
   * The cell when --cell is not given: a GRU, because an Elman network forgets the start of a
   * character sequence of a few dozen steps (measured in docs/cli.md), which classification needs.
   */
  static final String DEFAULT_CELL = "gru";
  /** Per-class F1 on the epoch lines only up to this many classes; the final table has all. */
  private static final int CLASSES_PER_LINE = 8;

  private ClassifyTraining() {}

  static int run(ClassifyOptions o, String tokens, List<String> features, double valFraction, CsvOptions csv,
      TrainingOptions t, Path runDir, Path resume, boolean json, ParseResult parsed, PrintWriter out) throws IOException {
    long start = System.nanoTime();
    Set<String> modelOptions = new TreeSet<>();
    parsed.commandSpec().mixins().get("training").options().forEach(option -> modelOptions.add(option.longestName()));
    o.requireOnlyOptionsOf(parsed, modelOptions);
    long splitSeed = DataTraining.startSeed(resume, t) + 5; // a resumed run splits as it did at its start
    ClassifyData data = o.csv()
        ? ClassifyData.fromCsv(CsvFile.read(o.file, csv.delimiter()), o.id(), o.label(), features, valFraction, splitSeed)
        : ClassifyData.fromText(o.file, tokens, valFraction, splitSeed);
    DataTraining.Start<SequenceClassifier> run = DataTraining.start(runDir, resume, t, parsed, ClassifyOptions.DATA,
        () -> new SequenceClassifier(new RnnModel(SequenceClassifier.config(DataTraining.model(t, DEFAULT_CELL),
            data.encoding(), data.labels()), t.seed), data.encoding(), data.labels()), SequenceClassifier::fromFile);
    SequenceClassifier classifier = run.model();
    requireSameSequences(classifier, data.encoding(), data.labels(), run.dir());
    ModelConfig config = classifier.model().config();
    TrainConfig training = run.trainer().config();
    LabeledSequences train = data.train(), validation = data.validation();
    out.println(data.summary());
    out.printf("classes: %s; training %d, validation %d (stratified)%n", data.classCounts(), train.size(), validation.size());
    out.println(modelLine(config, classifier.model().parameters().size(), training));
    out.flush();

    run.printResumed(out);
    Path dir = run.dir(), modelFile = dir.resolve(DataTraining.MODEL_FILE);
    Confusion[] last = {null};
    Trainer<Batch> trainer = run.trainer().checkpointsIn(dir).keepBest(() -> {
      last[0] = classifier.evaluate(validation);
      return 1 - last[0].accuracy();
    }, modelFile, Map.of());
    int[] bestEpoch = {DataTraining.bestEpoch(trainer)}; // a resumed run's best may be older
    int epochs;
    try (BufferedWriter metrics = Files.newBufferedWriter(dir.resolve("metrics.csv"), StandardCharsets.UTF_8)) {
      metrics.write("epoch,step,loss,val_accuracy,val_macro_f1,seconds\n");
      epochs = trainer.fit(train.batches(config.tokenInput()), (epoch, stats) -> {
        boolean best = DataTraining.isNewBest(trainer); // this epoch's validation set a new best
        if (best) {
          bestEpoch[0] = epoch;
        }
        reportEpoch(out, metrics, data.labels(), epoch, trainer.state().step(), stats.loss(), last[0],
            DataTraining.seconds(start), best);
        return true;
      });
    }
    // The best model, as a user gets it: read back from its file.
    SequenceClassifier best = SequenceClassifier.load(modelFile);
    Confusion c = best.evaluate(validation);
    double baseline = majorityBaseline(train, validation);
    Trainer.Best b = trainer.best();
    out.printf("result: best validation accuracy %.4f at step %d (epoch %d of %d%s); majority class %.4f%n", c.accuracy(),
        b.step(), bestEpoch[0], epochs, trainer.stopReason() == Trainer.StopReason.PATIENCE ? ", stopped by patience" : "",
        baseline);
    printTable(data, c, out);
    Path png = dir.resolve("confusion.png");
    Plots.confusion(png, String.format("Validation confusion, best model (step %d): accuracy %.3f", b.step(), c.accuracy()),
        data.labels().names(), c.counts());
    out.println("confusion matrix written to " + png);
    out.println("model written to " + modelFile + " (the best; the last is in " + dir.resolve(Trainer.CHECKPOINT_FILE) + ")");
    if (json) {
      out.println(Json.line(jsonFields(c, baseline, trainer, bestEpoch[0], epochs, DataTraining.seconds(start),
          data.labels().size(), train.size(), validation.size())));
    }
    return 0;
  }

  /** The fields of the {@code --json} result line: the best model's validation {@code c} beside the majority {@code baseline}. */
  static Map<String, Object> jsonFields(Confusion c, double baseline, Trainer<?> trainer, int bestEpoch, int epochs,
      double seconds, int classes, long train, long validation) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("task", "classify");
    m.put("metric", "accuracy");
    m.put("value", round(c.accuracy()));
    m.put("baseline", round(baseline));
    m.put("best_step", trainer.best().step());
    m.put("best_epoch", bestEpoch);
    m.put("seconds", round(seconds));
    m.put("epochs", epochs);
    m.put("macro_f1", round(c.macroF1()));
    m.put("classes", classes);
    m.put("train", train);
    m.put("validation", validation);
    m.put("stopped", trainer.stopReason().name().toLowerCase(Locale.ROOT));
    return m;
  }

  /** A resumed run reads the sequences it was trained on: the same encoding (vocabulary or features) and labels. */
  static void requireSameSequences(SequenceClassifier run, SequenceEncoding encoding, Labels labels, Object dir) {
    if (!run.encoding().metadata().equals(encoding.metadata()) || !run.labels().toJson().equals(labels.toJson())) {
      throw new IllegalArgumentException("--resume: expected the sequences the run in " + dir + " was trained on (labels "
          + run.labels().toJson() + "), found other " + (run.labels().toJson().equals(labels.toJson()) ? "inputs"
              : "labels " + labels.toJson()));
    }
  }

  /** The model line of classifier training (here and on Spark). */
  static String modelLine(ModelConfig config, int parameters, TrainConfig training) {
    return String.format("model: %s%s, hidden %d, layers %d%s, %,d parameters; %s lr %s, batch %d, up to %d epochs%s",
        config.cell(), config.cell().equals("elman") ? " " + config.nonlinearity().id() : "", config.hiddenSize(),
        config.numLayers(), config.bidirectional() ? ", bidirectional" : "", parameters, training.optimizer(), training.lr(),
        training.batchSize(), training.epochs(), training.patience() > 0 ? ", patience " + training.patience() : "");
  }

  /** One epoch of classifier training (here and on Spark): its line, with per-class F1 for a few classes, and its metrics.csv row. */
  static void reportEpoch(PrintWriter out, Writer metrics, Labels labels, int epoch, long step, double loss, Confusion c,
      double seconds, boolean best) {
    StringBuilder f1 = new StringBuilder();
    if (c.classes() <= CLASSES_PER_LINE) {
      f1.append("  F1");
      for (int k = 0; k < c.classes(); k++) {
        f1.append(String.format(Locale.ROOT, " %s %.2f", labels.name(k), c.f1(k)));
      }
    }
    out.printf("epoch %3d  loss %.5f  val accuracy %.4f  macro-F1 %.4f%s  (%.1f s)%s%n", epoch, loss, c.accuracy(), c.macroF1(),
        f1, seconds, best ? "  best" : "");
    out.flush();
    try {
      metrics.write(String.format(Locale.ROOT, "%d,%d,%.6f,%.6f,%.6f,%.2f%n", epoch, step, loss, c.accuracy(), c.macroF1(),
          seconds));
      metrics.flush();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Precision, recall, F1 and support of every class, and the macro average. */
  private static void printTable(ClassifyData data, Confusion c, PrintWriter out) {
    int width = 5;
    for (String name : data.labels().names()) {
      width = Math.max(width, Math.min(24, name.length()));
    }
    String row = "%-" + width + "s  %9s  %7s  %7s  %7s%n";
    out.printf(row, "class", "precision", "recall", "F1", "support");
    for (int k = 0; k < c.classes(); k++) {
      String name = data.labels().name(k);
      out.printf(row, name.length() > width ? name.substring(0, width - 1) + "…" : name, f4(c.precision(k)), f4(c.recall(k)),
          f4(c.f1(k)), c.support(k));
    }
    out.printf(row, "macro", "", "", f4(c.macroF1()), c.total());
  }

  private static String f4(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  /** The accuracy on the validation part of always answering the training part's most frequent class. */
  static double majorityBaseline(LabeledSequences train, LabeledSequences validation) {
    return majorityBaseline(train.classCounts(), validation);
  }

  /** The accuracy on the validation part of always answering the most frequent class of the training part's {@code counts}. */
  static double majorityBaseline(int[] counts, LabeledSequences validation) {
    int majority = 0;
    for (int k = 1; k < counts.length; k++) {
      if (counts[k] > counts[majority]) {
        majority = k;
      }
    }
    return validation.classCounts()[majority] / (double) validation.size();
  }

  private static double round(double v) {
    return Math.round(v * 1e4) / 1e4;
  }
}
