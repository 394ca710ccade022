package org.rnn4j.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.rnn4j.data.Vocabulary;
import org.rnn4j.lm.BitsPerCharacter;
import org.rnn4j.lm.CharModel;
import org.rnn4j.lm.NGramModel;
import org.rnn4j.model.RnnModel;
import org.rnn4j.tensor.Tensor;
import scala.Tuple2;

/**
 * Bits per character of one long text under a character language model, the partitions of the
 * text scored in parallel. {@link BitsPerCharacter} reads the text as one stream; here each
 * partition starts from the state reached by reading the {@code context} characters before its
 * own (the first partition from the initial state), so the figure equals the one-stream figure
 * once the context covers what the model remembers, and exactly when it reaches back to the start.
 * The driver receives one count and the last {@code context} characters of each partition. An
 * n-gram reference ({@code rnn eval --baseline}) is scored in the same pass: each partition with the
 * N − 1 characters before it, which is all an n-gram reads, so its figure is the one-pass figure.
 *
 * @param bpc the mean of −log₂ p(x_t | x_&lt;t) over every position t ≥ 1
 * @param characters the characters of the text
 * @param ngramBpc the n-gram model's {@code bitsPerCharacter} of the text (every position), NaN without one
 */
public record TextScore(double bpc, long characters, double ngramBpc) {
  /** Scores the concatenation of {@code pieces} (in order) with the model of {@code saved}. */
  public static TextScore of(JavaSparkContext spark, SavedModel saved, JavaRDD<String> pieces, int context) {
    return of(spark, saved, pieces, context, null);
  }

  /** {@link #of(JavaSparkContext, SavedModel, JavaRDD, int)}, and the text under {@code ngram} (null: none). */
  public static TextScore of(JavaSparkContext spark, SavedModel saved, JavaRDD<String> pieces, int context,
      NGramModel ngram) {
    if (context < 1) {
      throw new IllegalArgumentException("--context: expected a number of characters >= 1, found " + context);
    }
    Broadcast<SavedModel> model = spark.broadcast(saved);
    Broadcast<NGramModel> reference = ngram == null ? null : spark.broadcast(ngram);
    int haloLength = ngram == null ? context : Math.max(context, ngram.order() - 1);
    vocabulary(saved); // validates it on the driver
    String json = saved.metadata().get(CharModel.VOCABULARY_KEY);
    JavaRDD<int[]> tokens = pieces.mapPartitions(it -> {
      StringBuilder text = new StringBuilder();
      it.forEachRemaining(text::append);
      return List.of(Vocabulary.fromJson(json).encode(text.toString())).iterator();
    }).cache();
    try {
      List<Tuple2<Integer, int[]>> tails = tokens.map(t -> new Tuple2<>(t.length,
          Arrays.copyOfRange(t, Math.max(0, t.length - haloLength), t.length))).collect();
      int[][] halos = new int[tails.size()][];
      long characters = 0;
      for (int p = 0; p < halos.length; p++) {
        halos[p] = halo(tails, p, haloLength);
        characters += tails.get(p)._1();
      }
      if (characters < 2) {
        throw new IllegalArgumentException("bits per character: expected a text of at least 2 characters, found "
            + characters);
      }
      Broadcast<int[][]> before = spark.broadcast(halos);
      // Per partition: the model's nats over its own positions, and the n-gram's bits over them.
      List<double[]> sums = tokens.mapPartitionsWithIndex((p, it) -> {
        int[] own = it.next();
        int[] halo = before.value()[p];
        int[] rnnHalo = Arrays.copyOfRange(halo, Math.max(0, halo.length - context), halo.length);
        String key = "bpc:" + model.id();
        RnnModel rnn = Replicas.borrow(key, () -> model.value().model());
        try {
          double nats = nats(rnn, joined(rnnHalo, own), Math.max(1, rnnHalo.length));
          double bits = reference == null ? 0 : reference.value().bits(joined(halo, own), halo.length);
          return List.of(new double[] {nats, bits}).iterator();
        } finally {
          Replicas.giveBack(key, rnn);
        }
      }, true).collect();
      double nats = 0, bits = 0;
      for (double[] s : sums) { // partition order
        nats += s[0];
        bits += s[1];
      }
      before.destroy();
      return new TextScore(nats / (characters - 1) / Math.log(2), characters, ngram == null ? Double.NaN
          : bits / characters);
    } finally {
      tokens.unpersist(false);
      model.destroy();
      if (reference != null) {
        reference.destroy();
      }
    }
  }

  /** The vocabulary of a character language model's file; any other model file is an error. */
  public static Vocabulary vocabulary(SavedModel saved) {
    String json = saved.metadata().get(CharModel.VOCABULARY_KEY);
    if (json == null) {
      throw new IllegalArgumentException(saved.source() + ": expected a character language model (metadata "
          + CharModel.VOCABULARY_KEY + "), found none");
    }
    return Vocabulary.fromJson(json);
  }

  private static int[] joined(int[] a, int[] b) {
    int[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  /** The last {@code context} tokens before partition p, gathered from the tails of the partitions before it. */
  private static int[] halo(List<Tuple2<Integer, int[]>> tails, int p, int context) {
    List<int[]> parts = new ArrayList<>();
    int need = context;
    for (int q = p - 1; q >= 0 && need > 0; q--) {
      int[] tail = tails.get(q)._2();
      int take = Math.min(need, tail.length);
      parts.add(0, Arrays.copyOfRange(tail, tail.length - take, tail.length));
      need -= take;
    }
    int[] halo = new int[context - need];
    int at = 0;
    for (int[] part : parts) {
      System.arraycopy(part, 0, halo, at, part.length);
      at += part.length;
    }
    return halo;
  }

  /** Σ −ln p(x_t | x_<t) over t in [from, n), reading x from the initial state in chunks as {@link BitsPerCharacter} does. */
  static double nats(RnnModel model, int[] tokens, int from) {
    model.setTraining(false);
    int v = model.config().outputSize(), chunk = BitsPerCharacter.DEFAULT_CHUNK;
    double nats = 0;
    Tensor[] state = null;
    for (int start = 0; start < tokens.length - 1; start += chunk) {
      int steps = Math.min(chunk, tokens.length - 1 - start);
      float[] x = new float[steps];
      for (int t = 0; t < steps; t++) {
        x[t] = tokens[start + t];
      }
      RnnModel.Output out = model.forward(Tensor.of(x, steps, 1), steps, state);
      float[] p = out.output().data(); // (steps, 1, V)
      for (int t = 0; t < steps; t++) {
        if (start + t + 1 >= from) {
          nats -= Math.log(Math.max(p[t * v + tokens[start + t + 1]], Float.MIN_VALUE));
        }
      }
      state = out.finalStates();
    }
    return nats;
  }
}
