package org.rnn4j.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rnn4j.data.Batching;
import org.rnn4j.math.Rng;
import org.rnn4j.model.Batch;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.train.Batches;

/**
 * Encoded sequences of any lengths with their class indices in [0, classes). Minibatches are
 * padded to their longest sequence and carry each sequence's length, so a many-to-one model reads
 * every sequence's own last step and the padding changes nothing.
 */
public record LabeledSequences(List<Sequence> sequences, int[] labels, int classes) {
  public LabeledSequences {
    sequences = List.copyOf(sequences);
    if (labels.length != sequences.size()) {
      throw new IllegalArgumentException("labels: expected one per sequence (" + sequences.size() + "), found " + labels.length);
    }
    for (int label : labels) {
      if (label < 0 || label >= classes) {
        throw new IllegalArgumentException("labels: expected class indices in [0, " + classes + "), found " + label);
      }
    }
  }

  public int size() {
    return sequences.size();
  }

  /** How many sequences each class has. */
  public int[] classCounts() {
    int[] counts = new int[classes];
    for (int label : labels) {
      counts[label]++;
    }
    return counts;
  }

  /** The accuracy of always answering the most frequent class (0 for no sequences). */
  public double majorityFraction() {
    return size() == 0 ? 0 : Arrays.stream(classCounts()).max().orElse(0) / (double) size();
  }

  /**
   * A seeded, stratified choice of validation sequences: of each class's n sequences, round(n ·
   * fraction) drawn at random validate, but at least one stays for training. Returns a mask over
   * {@code labels} (true: validation); a part left empty is an error.
   */
  public static boolean[] validationMask(int[] labels, int classes, double fraction, long seed) {
    int[] counts = new int[classes];
    for (int label : labels) {
      counts[label]++;
    }
    boolean[][] byRank = validationRanks(counts, fraction, seed);
    boolean[] validation = new boolean[labels.length];
    int[] seen = new int[classes];
    for (int i = 0; i < labels.length; i++) {
      validation[i] = byRank[labels[i]][seen[labels[i]]++];
    }
    return validation;
  }

  /**
   * {@link #validationMask}'s choice from the class sizes alone: {@code [c][k]} says whether the
   * k-th sequence of class c (in data order) validates. The draws depend only on the sizes, so data
   * spread over many machines needs only its class counts, and each sequence its rank in its class.
   */
  public static boolean[][] validationRanks(int[] classCounts, double fraction, long seed) {
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException("validation fraction: expected a value in (0, 1), found " + fraction);
    }
    Rng rng = new Rng(seed);
    boolean[][] validation = new boolean[classCounts.length][];
    long count = 0, total = 0;
    for (int c = 0; c < classCounts.length; c++) {
      List<Integer> members = new ArrayList<>();
      for (int k = 0; k < classCounts[c]; k++) {
        members.add(k);
      }
      Batching.shuffle(members, rng);
      validation[c] = new boolean[classCounts[c]];
      long take = Math.min(Math.round(members.size() * fraction), Math.max(0, members.size() - 1));
      for (int k = 0; k < take; k++) {
        validation[c][members.get(k)] = true;
        count++;
      }
      total += classCounts[c];
    }
    if (count == 0 || count == total) {
      throw new IllegalArgumentException("validation fraction " + fraction + ": expected a training and a validation part of at "
          + "least one sequence each, found " + (total - count) + " and " + count + " of " + total + " sequences");
    }
    return validation;
  }

  /** The sequences whose {@code mask} entry is {@code value}, in order. */
  public LabeledSequences subset(boolean[] mask, boolean value) {
    List<Sequence> s = new ArrayList<>();
    List<Integer> l = new ArrayList<>();
    for (int i = 0; i < size(); i++) {
      if (mask[i] == value) {
        s.add(sequences.get(i));
        l.add(labels[i]);
      }
    }
    return new LabeledSequences(s, l.stream().mapToInt(Integer::intValue).toArray(), classes);
  }

  /** Each epoch: a seeded shuffle cut into minibatches, each padded to its longest sequence. */
  public Batches<Batch> batches(boolean tokenInput) {
    return new Batches<>() {
      @Override public int examples() {
        return size();
      }

      @Override public List<Batch> epoch(int batchSize, Rng shuffle) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
          order.add(i);
        }
        Batching.shuffle(order, shuffle);
        List<Batch> out = new ArrayList<>();
        for (int from = 0; from < order.size(); from += batchSize) {
          List<Integer> pick = order.subList(from, Math.min(order.size(), from + batchSize));
          List<Sequence> s = new ArrayList<>();
          float[] y = new float[pick.size()];
          for (int j = 0; j < y.length; j++) {
            s.add(sequences.get(pick.get(j)));
            y[j] = labels[pick.get(j)];
          }
          out.add(batch(s, Tensor.of(y, y.length), tokenInput));
        }
        return out;
      }
    };
  }

  /**
   * Sequences padded to the longest: x (T, B) token indices or (T, B, F) features, time-major,
   * zeros after each sequence's end; {@code y} (B) class indices, or null; lengths (B).
   */
  static Batch batch(List<Sequence> group, Tensor y, boolean tokenInput) {
    int b = group.size(), t = 0;
    for (Sequence s : group) {
      t = Math.max(t, s.steps());
    }
    int width = group.get(0).values().length / group.get(0).steps();
    float[] x = new float[t * b * width];
    int[] lengths = new int[b];
    for (int j = 0; j < b; j++) {
      Sequence s = group.get(j);
      lengths[j] = s.steps();
      if (s.values().length != s.steps() * width) {
        throw new IllegalArgumentException("batch: expected " + width + " values a step in every sequence, found "
            + s.values().length / s.steps());
      }
      for (int step = 0; step < s.steps(); step++) {
        System.arraycopy(s.values(), step * width, x, (step * b + j) * width, width);
      }
    }
    Tensor xs = tokenInput ? Tensor.of(x, t, b) : Tensor.of(x, t, b, width);
    return new Batch(xs, y, null, null, lengths);
  }
}
