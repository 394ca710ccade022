package org.rnn4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.rnn4j.classify.FeatureEncoding;
import org.rnn4j.classify.LabeledSequences;
import org.rnn4j.classify.Labels;

/**
 * Where each row of a table of labelled sequences goes ({@link SparkSequenceTable}'s first job and
 * the driver's walk over its splits): one job checks every cell as {@code rnn train --classify
 * FILE.csv} does and counts, per split, its runs of rows with one id; the driver lays the splits
 * end to end in file order, a split whose first id is the previous split's last id continuing
 * that sequence, and so knows each split's first sequence, each sequence's rank in its class, the
 * stratified validation draw ({@code LabeledSequences.validationRanks}, from the class counts
 * alone) and each split's first training and validation numbers.
 *
 * @param labels the classes, from the whole table
 * @param classCounts the sequences of each class
 * @param validates {@code [c][k]}: whether the k-th sequence of class c validates
 * @param starts each split's {@link Start}
 * @param steps the rows of the table
 */
record SequencePlan(Labels labels, int[] classCounts, boolean[][] validates, Map<FileSplit, Start> starts, long steps) {
  /** The columns of a row as selected: the id, the label, then the features, then {@link FileSplit#columns}. */
  static final int ID = 0, LABEL = 1, FEATURES = 2;

  /**
   * One split as the first job sees it: its runs of rows with one id, the first and last run's id
   * and label, the last run's rows, and the classes of the runs after the first (each starts a
   * sequence; the first may continue the previous split's).
   */
  private record Split(FileSplit split, long rows, String firstId, String firstLabel, String lastId, String lastLabel,
      long lastRunRows, HashMap<String, Integer> laterRuns) implements Serializable {}

  /**
   * Where a split's rows go: whether its first rows continue the previous split's sequence (then
   * its key and the steps it has so far), each class's rank of its first new sequence, and the
   * numbers of its first new training and validation sequences.
   */
  record Start(boolean continues, long continuedKey, long continuedSteps, long[] firstRank, long firstTraining,
      long firstHeld) implements Serializable {}

  /**
   * Runs the first job over {@code rows} (selected as {@link #ID} says; {@code names} the features)
   * of the table at {@code path} and plans: the labels, the validation draw ({@code valFraction},
   * {@code seed}) and every split's start. Bad input is an error naming the file and the column.
   */
  static SequencePlan of(JavaRDD<Row> rows, String path, List<String> names, String labelColumn, double valFraction,
      long seed) {
    List<Split> splits = SparkSeries.unwrap(() -> rows.mapPartitionsWithIndex((p, it) -> count(p, it, names, labelColumn),
        false).collect());
    if (splits.stream().mapToLong(Split::rows).sum() == 0) {
      throw new IllegalArgumentException(path + ": expected data rows after the header, found none");
    }
    List<FileSplit> ordered = FileSplit.inFileOrder(splits.stream().map(Split::split).toList());
    Map<FileSplit, Split> bySplit = new HashMap<>();
    splits.forEach(s -> bySplit.put(s.split(), s));
    Map<FileSplit, Boolean> continues = continuations(ordered, bySplit, labelColumn);
    TreeMap<String, int[]> perClass = new TreeMap<>(); // each label's sequences, per split in file order
    for (int i = 0; i < ordered.size(); i++) {
      Split s = bySplit.get(ordered.get(i));
      int at = i;
      s.laterRuns().forEach((label, n) -> perClass.computeIfAbsent(label, x -> new int[ordered.size()])[at] += n);
      if (!continues.get(s.split())) {
        perClass.computeIfAbsent(s.firstLabel(), x -> new int[ordered.size()])[at]++;
      }
    }
    Labels labels;
    try {
      labels = Labels.of(perClass.keySet());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(path + ": " + e.getMessage());
    }
    int[][] started = perClass.values().toArray(int[][]::new); // [class][split]: labels' order is the TreeMap's
    int[] classCounts = new int[started.length];
    for (int c = 0; c < started.length; c++) {
      classCounts[c] = Arrays.stream(started[c]).sum();
    }
    boolean[][] validates = LabeledSequences.validationRanks(classCounts, valFraction, seed);
    return new SequencePlan(labels, classCounts, validates, starts(ordered, bySplit, continues, labels, started, validates),
        splits.stream().mapToLong(Split::rows).sum());
  }

  /** The number of training sequences. */
  long training() {
    long n = 0;
    for (boolean[] ofClass : validates) {
      for (boolean v : ofClass) {
        n += v ? 0 : 1;
      }
    }
    return n;
  }

  /** A cell as text, trimmed as {@code CsvFile} trims it (an empty CSV cell is null in Spark). */
  static String text(Row r, int column) {
    Object cell = r.get(column);
    return cell == null ? "" : cell.toString().strip();
  }

  /** A feature cell as a finite float: a CSV cell as {@code rnn train}'s reader reads it, a Parquet cell any number type. */
  static float value(Row r, int column, List<String> names, String file) {
    Object cell = r.get(column);
    String name = names.get(column - FEATURES);
    if (Cells.isMissing(cell)) {
      throw new IllegalArgumentException(file + ", column '" + name + "': expected a number, found "
          + Cells.missingFound(cell) + FeatureEncoding.NO_GAPS);
    }
    return Cells.finite(cell, file + ", column '" + name + "': ");
  }

  private static IllegalArgumentException labelChanged(String file, String labelColumn, String id, String label, String found) {
    return new IllegalArgumentException(file + ", column '" + labelColumn + "': expected the label of sequence '" + id + "' ('"
        + label + "') on all its rows, found '" + found + "'");
  }

  private static IllegalArgumentException noLabel(String file, String labelColumn, String id) {
    return new IllegalArgumentException(file + ", column '" + labelColumn + "': expected the class of sequence '" + id
        + "', found an empty cell");
  }

  /** The first job: every cell checked, each split's runs of one id counted. */
  private static Iterator<Split> count(int partition, Iterator<Row> it, List<String> names, String labelColumn) {
    List<Split> out = new ArrayList<>();
    int at = FEATURES + names.size();
    FileSplit.forEachSplit(partition, it, at, (split, rows) -> {
      String firstId = null, firstLabel = null, id = null, label = null;
      long count = 0, runRows = 0;
      HashMap<String, Integer> laterRuns = new HashMap<>();
      for (; rows.hasNext(); count++, runRows++) {
        Row r = rows.next();
        for (int j = FEATURES; j < at; j++) {
          value(r, j, names, split.file());
        }
        String rowId = text(r, ID), rowLabel = text(r, LABEL);
        if (count == 0) {
          firstId = rowId;
          firstLabel = rowLabel;
        } else if (!rowId.equals(id)) { // a sequence starts
          if (rowLabel.isEmpty()) {
            throw noLabel(split.file(), labelColumn, rowId);
          }
          laterRuns.merge(rowLabel, 1, Integer::sum);
          runRows = 0;
        } else if (!rowLabel.equals(label)) {
          throw labelChanged(split.file(), labelColumn, id, label, rowLabel);
        }
        id = rowId;
        label = count == 0 || runRows == 0 ? rowLabel : label;
      }
      out.add(new Split(split, count, firstId, firstLabel, id, label, runRows, laterRuns));
    });
    return out.iterator();
  }

  /**
   * Whether each split's first rows continue the previous split's last sequence (the same id); a
   * continued sequence's label must stay, a new one's be given.
   */
  private static Map<FileSplit, Boolean> continuations(List<FileSplit> ordered, Map<FileSplit, Split> bySplit,
      String labelColumn) {
    Map<FileSplit, Boolean> continues = new HashMap<>();
    Split previous = null;
    for (FileSplit f : ordered) {
      Split s = bySplit.get(f);
      boolean same = previous != null && previous.lastId().equals(s.firstId());
      if (same && !previous.lastLabel().equals(s.firstLabel())) {
        throw labelChanged(f.file(), labelColumn, s.firstId(), previous.lastLabel(), s.firstLabel());
      }
      if (!same && s.firstLabel().isEmpty()) {
        throw noLabel(f.file(), labelColumn, s.firstId());
      }
      continues.put(f, same);
      previous = s;
    }
    return continues;
  }

  /**
   * Each split's {@link Start}, walking the splits in file order: the sequences a split starts take
   * the next ranks of their classes and, by the validation draw, the next training or validation
   * numbers; its last sequence carries into the next split.
   */
  private static Map<FileSplit, Start> starts(List<FileSplit> ordered, Map<FileSplit, Split> bySplit,
      Map<FileSplit, Boolean> continues, Labels labels, int[][] started, boolean[][] validates) {
    int classes = labels.size();
    long[] rank = new long[classes];
    long training = 0, held = 0, lastKey = 0, lastSteps = 0;
    Map<FileSplit, Start> starts = new HashMap<>();
    for (int i = 0; i < ordered.size(); i++) {
      Split s = bySplit.get(ordered.get(i));
      boolean same = continues.get(s.split());
      starts.put(s.split(), new Start(same, lastKey, lastSteps, rank.clone(), training, held));
      for (int c = 0; c < classes; c++) {
        for (int k = 0; k < started[c][i]; k++) {
          if (validates[c][(int) rank[c]++]) {
            held++;
          } else {
            training++;
          }
        }
      }
      boolean oneRun = s.laterRuns().isEmpty();
      if (oneRun && same) {
        lastSteps += s.rows();
      } else { // the split's last sequence is the last it starts: the last rank of its class, the last number of its part
        int c = labels.index(s.lastLabel());
        lastKey = validates[c][(int) rank[c] - 1] ? -held : training - 1;
        lastSteps = s.lastRunRows();
      }
    }
    return starts;
  }
}
