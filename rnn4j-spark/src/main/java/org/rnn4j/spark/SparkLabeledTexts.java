package org.rnn4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.rnn4j.classify.LabeledSequences;
import org.rnn4j.classify.Labels;
import org.rnn4j.classify.Sequence;
import org.rnn4j.classify.TokenEncoding;
import org.rnn4j.data.Vocabulary;
import scala.Tuple2;

/**
 * Labelled texts ({@code label<TAB>text} lines, UTF-8; a file or a directory of part files, any
 * Hadoop path) read by Spark on the executors for a sequence classifier, split and encoded as
 * {@code rnn train --classify} does ({@code ClassifyData.fromText}), without the file being
 * collected on the driver: the labels and each split's class counts come from one job, the
 * stratified validation choice from the class counts alone ({@code
 * LabeledSequences.validationRanks}), the vocabulary of the training texts from a second job (the
 * union of their tokens), and the encoded training sequences, in file order, from a third (a
 * shuffle into contiguous ranges). The validation sequences are collected on the driver, which
 * validates: they are the validation fraction of the data.
 *
 * @param labels the classes, from the whole file
 * @param encoding the vocabulary of the training texts
 * @param train the training sequences in partitions, rows x (T) token ids, y (1) the class, their lengths
 * @param validation the validation sequences, in file order
 * @param classCounts the texts of each class, both parts together
 * @param texts the number of texts
 */
public record SparkLabeledTexts(Labels labels, TokenEncoding encoding, SparkSequences train, LabeledSequences validation,
    int[] classCounts, long texts) implements SparkClassifierData {

  /** One split's labels as the first job counts them, in the order they first appear. */
  private record Counts(FileSplit split, LinkedHashMap<String, Integer> perLabel) implements Serializable {}

  /** One split's training and validation texts as the second job counts them, with the training tokens and the longest. */
  private record Training(FileSplit split, long texts, long held, HashSet<String> tokens, int longest)
      implements Serializable {}

  /**
   * Reads, splits (seeded, stratified: {@code valFraction} of each class validates) and encodes
   * the texts at {@code path} at {@code level}; the training sequences in {@code partitions}.
   */
  public static SparkLabeledTexts read(SparkSession session, String path, Vocabulary.Level level, double valFraction,
      long seed, int partitions) {
    List<Column> columns = new ArrayList<>(List.of(functions.col("value")));
    columns.addAll(FileSplit.columns());
    JavaRDD<Row> lines = session.read().text(path).select(columns.toArray(Column[]::new)).javaRDD();
    List<Counts> counts = SparkSeries.unwrap(() -> lines.mapPartitionsWithIndex((p, it) -> count(p, it), false).collect());
    Set<String> names = new HashSet<>();
    counts.forEach(c -> names.addAll(c.perLabel().keySet()));
    Labels labels;
    try {
      labels = Labels.of(names);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(path + ": " + e.getMessage());
    }
    // Each split's first rank in every class: its splits laid end to end in file order.
    int classes = labels.size();
    Map<FileSplit, long[]> firstRank = new HashMap<>();
    int[] classCounts = new int[classes];
    for (int c = 0; c < classes; c++) {
      Map<FileSplit, Long> perSplit = new HashMap<>();
      for (Counts s : counts) {
        perSplit.put(s.split(), (long) s.perLabel().getOrDefault(labels.name(c), 0));
        classCounts[c] += s.perLabel().getOrDefault(labels.name(c), 0);
      }
      int k = c;
      FileSplit.firstNumbers(perSplit).forEach((s, first) -> firstRank.computeIfAbsent(s, x -> new long[classes])[k] = first);
    }
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(session.sparkContext());
    Broadcast<boolean[][]> validates = sc.broadcast(LabeledSequences.validationRanks(classCounts, valFraction, seed));
    List<String> classNames = labels.names();
    List<Training> training = lines.mapPartitionsWithIndex((p, it) -> training(p, it, classNames, firstRank,
        validates.value(), level), false).collect();
    Set<String> tokens = new HashSet<>();
    Map<FileSplit, Long> trainingCounts = new HashMap<>(), heldCounts = new HashMap<>();
    int longest = 1;
    for (Training t : training) {
      tokens.addAll(t.tokens());
      trainingCounts.put(t.split(), t.texts());
      heldCounts.put(t.split(), t.held());
      longest = Math.max(longest, t.longest());
    }
    // Each token once is a text that builds the same vocabulary as all the training texts (a set, in a fixed order).
    TokenEncoding encoding = TokenEncoding.fit(level, List.copyOf(tokens));
    Map<FileSplit, Long> firstTraining = FileSplit.firstNumbers(trainingCounts);
    Map<FileSplit, Long> firstHeld = FileSplit.firstNumbers(heldCounts);
    long n = trainingCounts.values().stream().mapToLong(Long::longValue).sum();
    String vocabulary = encoding.vocabulary().toJson();
    JavaPairRDD<Long, Tuple2<Integer, float[]>> encoded = JavaPairRDD.fromJavaRDD(lines.mapPartitionsWithIndex((p, it) ->
        encode(p, it, classNames, firstRank, validates.value(), firstTraining, firstHeld, vocabulary), false));
    // Training sequences (numbered 0 … n−1) into contiguous ranges, in order; validation ones (numbered −1 − i) to the driver.
    JavaRDD<SequenceRow> rows = encoded.filter(e -> e._1() >= 0).mapToPair(e -> new Tuple2<>(SparkSeries.owner(e._1(), n,
        partitions), e)).partitionBy(new HashPartitioner(partitions)).values().mapPartitions(it -> {
          List<Tuple2<Long, Tuple2<Integer, float[]>>> mine = new ArrayList<>();
          it.forEachRemaining(mine::add);
          mine.sort(Comparator.comparingLong(Tuple2::_1));
          List<SequenceRow> out = new ArrayList<>();
          for (Tuple2<Long, Tuple2<Integer, float[]>> e : mine) {
            float[] x = e._2()._2();
            out.add(new SequenceRow(x, new float[] {e._2()._1()}, x.length));
          }
          return out.iterator();
        }, true);
    List<Tuple2<Long, Tuple2<Integer, float[]>>> held = new ArrayList<>(encoded.filter(e -> e._1() < 0).collect());
    held.sort(Comparator.comparingLong((Tuple2<Long, Tuple2<Integer, float[]>> e) -> e._1()).reversed());
    List<Sequence> sequences = new ArrayList<>();
    int[] y = new int[held.size()];
    for (int i = 0; i < y.length; i++) {
      float[] x = held.get(i)._2()._2();
      sequences.add(new Sequence(x, x.length));
      y[i] = held.get(i)._2()._1();
    }
    SparkSequences train = SparkSequences.of(rows, new int[] {longest}, new int[] {1}, true);
    long texts = java.util.Arrays.stream(classCounts).asLongStream().sum();
    return new SparkLabeledTexts(labels, encoding, train, new LabeledSequences(sequences, y, classes), classCounts,
        texts);
  }

  /**
   * A line as {@code LabeledTexts} reads it: null for a blank line, else the label (before the
   * first tab) and the text; a line without a tab or with an empty label is an error.
   */
  private static String[] parse(String line, FileSplit split, boolean firstOfFile) {
    if (firstOfFile && line.startsWith("\uFEFF")) {
      line = line.substring(1); // a byte-order mark
    }
    if (line.endsWith("\r")) {
      line = line.substring(0, line.length() - 1);
    }
    if (line.isBlank()) {
      return null;
    }
    int tab = line.indexOf('\t');
    if (tab <= 0) {
      throw new IllegalArgumentException(split.file() + ": expected 'label<TAB>text' lines, found " + (tab < 0 ? "no tab"
          : "an empty label") + " in '" + (line.length() <= 60 ? line : line.substring(0, 60) + "…") + "'");
    }
    return new String[] {line.substring(0, tab), line.substring(tab + 1)};
  }

  private static Iterator<Counts> count(int partition, Iterator<Row> it) {
    List<Counts> out = new ArrayList<>();
    FileSplit.forEachSplit(partition, it, 1, (split, rows) -> {
      Counts counts = new Counts(split, new LinkedHashMap<>());
      for (boolean first = true; rows.hasNext(); first = false) {
        String[] lt = parse(rows.next().getString(0), split, first && split.start() == 0);
        if (lt != null) {
          counts.perLabel().merge(lt[0], 1, Integer::sum);
        }
      }
      out.add(counts);
    });
    return out.iterator();
  }

  private static Iterator<Training> training(int partition, Iterator<Row> it, List<String> classes,
      Map<FileSplit, long[]> firstRank, boolean[][] validates, Vocabulary.Level level) {
    List<Training> out = new ArrayList<>();
    FileSplit.forEachSplit(partition, it, 1, (split, rows) -> {
      long[] rank = firstRank.get(split).clone();
      long texts = 0, held = 0;
      int longest = 0;
      HashSet<String> tokens = new HashSet<>();
      for (boolean first = true; rows.hasNext(); first = false) {
        String[] lt = parse(rows.next().getString(0), split, first && split.start() == 0);
        if (lt == null) {
          continue;
        }
        int c = classes.indexOf(lt[0]);
        if (!validates[c][(int) rank[c]++]) {
          List<String> symbols = Vocabulary.split(level, lt[1]);
          tokens.addAll(symbols);
          longest = Math.max(longest, symbols.size());
          texts++;
        } else {
          held++;
        }
      }
      out.add(new Training(split, texts, held, tokens, longest));
    });
    return out.iterator();
  }

  /** (training number, (class, token ids)) for a training text; (−1 − validation number, ...) for a validation one. */
  private static Iterator<Tuple2<Long, Tuple2<Integer, float[]>>> encode(int partition, Iterator<Row> it, List<String> classes,
      Map<FileSplit, long[]> firstRank, boolean[][] validates, Map<FileSplit, Long> firstTraining, Map<FileSplit, Long> firstHeld,
      String vocabulary) {
    TokenEncoding encoding = new TokenEncoding(Vocabulary.fromJson(vocabulary));
    List<Tuple2<Long, Tuple2<Integer, float[]>>> out = new ArrayList<>();
    FileSplit.forEachSplit(partition, it, 1, (split, rows) -> {
      long[] rank = firstRank.get(split).clone();
      long next = firstTraining.get(split), held = firstHeld.get(split);
      for (boolean first = true; rows.hasNext(); first = false) {
        String[] lt = parse(rows.next().getString(0), split, first && split.start() == 0);
        if (lt == null) {
          continue;
        }
        int c = classes.indexOf(lt[0]);
        float[] x = encoding.encode(lt[1]).values();
        out.add(new Tuple2<>(validates[c][(int) rank[c]++] ? -1 - held++ : next++, new Tuple2<>(c, x)));
      }
    });
    return out.iterator();
  }

  @Override
  public void close() {
    train.close();
  }
}
