package org.rnn4j.seq2seq;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnn4j.data.Batching;
import org.rnn4j.data.Vocabulary;
import org.rnn4j.math.Rng;
import org.rnn4j.train.Batches;

/**
 * Training pairs as token ids, cut into minibatches for the {@link org.rnn4j.train.Trainer}: each
 * epoch shuffles the pairs, groups them by source length, cuts each group into batches and
 * shuffles the batches. Sources in a batch have equal lengths, so the encoder and attention see
 * no padding; targets are padded to the longest in the batch with EOS, and {@link Seq2Seq}'s loss
 * ignores the padding ({@link Seq2SeqBatch#targetLengths}). Everything exact, no masks inside the
 * recurrent layers.
 */
public final class Seq2SeqBatches implements Batches<Seq2SeqBatch> {
  private final List<int[]> sources, targets; // targets without EOS

  /** Pairs of token ids; each source has at least one token, targets may be empty (EOS alone). */
  public Seq2SeqBatches(List<int[]> sources, List<int[]> targets) {
    if (sources.size() != targets.size() || sources.isEmpty()) {
      throw new IllegalArgumentException("seq2seq pairs: expected as many targets as sources, at least one, found "
          + sources.size() + " sources and " + targets.size() + " targets");
    }
    for (int i = 0; i < sources.size(); i++) {
      if (sources.get(i).length == 0) {
        throw new IllegalArgumentException("seq2seq pairs: expected sources of at least one token, found an empty one"
            + " at pair " + i);
      }
    }
    this.sources = List.copyOf(sources);
    this.targets = List.copyOf(targets);
  }

  /** Text pairs encoded with the two vocabularies. */
  public static Seq2SeqBatches of(List<Seq2SeqTask.Pair> pairs, Vocabulary source, Vocabulary target) {
    List<int[]> s = new ArrayList<>(pairs.size()), t = new ArrayList<>(pairs.size());
    for (Seq2SeqTask.Pair p : pairs) {
      s.add(source.encode(p.source()));
      t.add(target.encode(p.target()));
    }
    return new Seq2SeqBatches(s, t);
  }

  @Override
  public int examples() {
    return sources.size();
  }

  @Override
  public List<Seq2SeqBatch> epoch(int batchSize, Rng shuffle) {
    List<Integer> order = new ArrayList<>(sources.size());
    for (int i = 0; i < sources.size(); i++) {
      order.add(i);
    }
    Batching.shuffle(order, shuffle);
    Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
    for (int i : order) {
      groups.computeIfAbsent(sources.get(i).length, k -> new ArrayList<>()).add(i);
    }
    List<Seq2SeqBatch> out = new ArrayList<>();
    for (List<Integer> g : groups.values()) {
      for (int from = 0; from < g.size(); from += batchSize) {
        out.add(batch(g.subList(from, Math.min(g.size(), from + batchSize))));
      }
    }
    Batching.shuffle(out, shuffle);
    return out;
  }

  /** Time-major (S, B) sources and (T, B) targets, T the longest target + EOS; shorter targets are padded with EOS. */
  private Seq2SeqBatch batch(List<Integer> rows) {
    int b = rows.size(), s = sources.get(rows.get(0)).length, t = 0;
    int[] lengths = new int[b];
    for (int r = 0; r < b; r++) {
      lengths[r] = targets.get(rows.get(r)).length + 1;
      t = Math.max(t, lengths[r]);
    }
    int[] source = new int[s * b], target = new int[t * b];
    for (int r = 0; r < b; r++) {
      int[] x = sources.get(rows.get(r)), y = targets.get(rows.get(r));
      for (int i = 0; i < s; i++) {
        source[i * b + r] = x[i];
      }
      for (int i = 0; i < t; i++) {
        target[i * b + r] = i < y.length ? y[i] : Seq2Seq.EOS;
      }
    }
    return new Seq2SeqBatch(source, s, target, t, b, lengths);
  }
}
