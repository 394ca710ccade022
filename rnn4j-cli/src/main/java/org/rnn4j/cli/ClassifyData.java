package org.rnn4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rnn4j.classify.FeatureEncoding;
import org.rnn4j.classify.LabeledSequences;
import org.rnn4j.classify.LabeledTexts;
import org.rnn4j.classify.Labels;
import org.rnn4j.classify.Sequence;
import org.rnn4j.classify.SequenceEncoding;
import org.rnn4j.classify.TokenEncoding;
import org.rnn4j.csv.CsvFile;
import org.rnn4j.data.Vocabulary;

/**
 * A classification file read, split and encoded: the labels from the whole file, a seeded
 * stratified validation part, and the encoding (vocabulary, or feature normalisation) fitted on
 * the training part only, so nothing about the validation part leaks into it.
 *
 * @param summary one line about the data for the run's header
 */
record ClassifyData(Labels labels, SequenceEncoding encoding, LabeledSequences train, LabeledSequences validation,
    String summary) {

  /** Label TAB text lines, cut into {@code tokens} (char or word). */
  static ClassifyData fromText(Path file, String tokens, double valFraction, long seed) throws IOException {
    Vocabulary.Level level = Vocabulary.Level.parse(tokens);
    LabeledTexts texts = LabeledTexts.read(file);
    Labels labels = labels(file, texts.labels());
    int[] y = indices(labels, texts.labels());
    boolean[] validation = LabeledSequences.validationMask(y, labels.size(), valFraction, seed);
    List<String> trainTexts = new ArrayList<>();
    for (int i = 0; i < y.length; i++) {
      if (!validation[i]) {
        trainTexts.add(texts.texts().get(i));
      }
    }
    TokenEncoding encoding = TokenEncoding.fit(level, trainTexts);
    List<Sequence> sequences = texts.texts().stream().map(encoding::encode).toList();
    LabeledSequences all = new LabeledSequences(sequences, y, labels.size());
    String summary = String.format("%s: %d texts, %s tokens, vocabulary %d (with the unknown token), %s", file, texts.size(),
        level.id(), encoding.inputSize(), lengths(sequences));
    return new ClassifyData(labels, encoding, all.subset(validation, false), all.subset(validation, true), summary);
  }

  /** A CSV of sequences: rows grouped by {@code idColumn}, classes in {@code labelColumn}. */
  static ClassifyData fromCsv(CsvFile file, String idColumn, String labelColumn, List<String> features, double valFraction,
      long seed) {
    SequenceCsv csv = SequenceCsv.read(file, idColumn, labelColumn, features);
    Path name = Path.of(file.source());
    Labels labels = labels(name, csv.labels());
    int[] y = indices(labels, csv.labels());
    boolean[] validation = LabeledSequences.validationMask(y, labels.size(), valFraction, seed);
    List<float[][]> trainRows = new ArrayList<>();
    for (int i = 0; i < y.length; i++) {
      if (!validation[i]) {
        trainRows.add(csv.rows().get(i));
      }
    }
    FeatureEncoding encoding = FeatureEncoding.fit(idColumn, csv.features(), trainRows);
    List<Sequence> sequences = csv.rows().stream().map(encoding::encode).toList();
    LabeledSequences all = new LabeledSequences(sequences, y, labels.size());
    String summary = csvSummary(file.source(), sequences.size(), idColumn, csv.features(), lengths(sequences));
    return new ClassifyData(labels, encoding, all.subset(validation, false), all.subset(validation, true), summary);
  }

  private static Labels labels(Path file, List<String> names) {
    try {
      return Labels.of(names);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage());
    }
  }

  private static int[] indices(Labels labels, List<String> names) {
    return names.stream().mapToInt(labels::index).toArray();
  }

  /** The summary line of a CSV of sequences (here and on Spark). */
  static String csvSummary(String source, long sequences, String idColumn, List<String> features, String lengths) {
    return String.format("%s: %d sequences (by '%s'), features %s, %s", source, sequences, idColumn, features, lengths);
  }

  private static String lengths(List<Sequence> sequences) {
    int min = Integer.MAX_VALUE, max = 0;
    long sum = 0;
    for (Sequence s : sequences) {
      min = Math.min(min, s.steps());
      max = Math.max(max, s.steps());
      sum += s.steps();
    }
    return lengths(min, max, sum, sequences.size());
  }

  /** "lengths 20-40 (mean 29.5)": sequences of {@code min} to {@code max} steps, {@code steps} in all (here and on Spark). */
  static String lengths(int min, int max, long steps, long sequences) {
    return String.format("lengths %d-%d (mean %.1f)", min, max, steps / (double) sequences);
  }

  /** "neg 503, pos 497": the number of sequences of each class, both parts together. */
  String classCounts() {
    int[] train = this.train.classCounts(), validation = this.validation.classCounts(), all = new int[train.length];
    for (int k = 0; k < train.length; k++) {
      all[k] = train[k] + validation[k];
    }
    return classCounts(labels, all);
  }

  /** "neg 503, pos 497": {@code counts} sequences of each class (here and on Spark). */
  static String classCounts(Labels labels, int[] counts) {
    StringBuilder s = new StringBuilder();
    for (int k = 0; k < counts.length; k++) {
      s.append(k == 0 ? "" : ", ").append(labels.name(k)).append(' ').append(counts[k]);
    }
    return s.toString();
  }
}
