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
import org.rnn4j.model.RnnModel;
import org.rnn4j.tensor.Tensor;
import scala.Tuple2;

/**
 * Bits per character of one long text under a character language model, the partitions of the
 * text scored in parallel. {@link BitsPerCharacter} reads the text as one stream; here each
 * partition starts from the state reached by reading the {@code context} characters before its
 * own (the first partition from the initial state), so the figure equals the one-stream figure
 * once the context covers what the model remembers, and exactly when it reaches back to the start.
 * The driver receives one count and the last {@code context} characters of each partition.
 *
 * @param bpc the mean of −log₂ p(x_t | x_&lt;t) over every position t ≥ 1
 * @param characters the characters of the text
 */
public record TextScore(double bpc, long characters) {
  /** Scores the concatenation of {@code pieces} (in order) with the model of {@code saved}. */
  public static TextScore of(JavaSparkContext spark, SavedModel saved, JavaRDD<String> pieces, int context) {
    if (context < 1) {
      throw new IllegalArgumentException("--context: expected a number of characters >= 1, found " + context);
    }
    Broadcast<SavedModel> model = spark.broadcast(saved);
    String json = saved.metadata().get(CharModel.VOCABULARY_KEY);
    if (json == null) {
      throw new IllegalArgumentException(saved.source() + ": expected a character language model (metadata "
          + CharModel.VOCABULARY_KEY + "), found none");
    }
    Vocabulary.fromJson(json); // validates it on the driver
    JavaRDD<int[]> tokens = pieces.mapPartitions(it -> {
      StringBuilder text = new StringBuilder();
      it.forEachRemaining(text::append);
      return List.of(Vocabulary.fromJson(json).encode(text.toString())).iterator();
    }).cache();
    try {
      List<Tuple2<Integer, int[]>> tails = tokens.map(t -> new Tuple2<>(t.length,
          Arrays.copyOfRange(t, Math.max(0, t.length - context), t.length))).collect();
      int[][] halos = new int[tails.size()][];
      long characters = 0;
      for (int p = 0; p < halos.length; p++) {
        halos[p] = halo(tails, p, context);
        characters += tails.get(p)._1();
      }
      if (characters < 2) {
        throw new IllegalArgumentException("bits per character: expected a text of at least 2 characters, found "
            + characters);
      }
      Broadcast<int[][]> before = spark.broadcast(halos);
      List<Double> nats = tokens.mapPartitionsWithIndex((p, it) -> {
        int[] own = it.next();
        int[] halo = before.value()[p];
        int[] all = new int[halo.length + own.length];
        System.arraycopy(halo, 0, all, 0, halo.length);
        System.arraycopy(own, 0, all, halo.length, own.length);
        String key = "bpc:" + model.id();
        RnnModel rnn = Replicas.borrow(key, () -> model.value().model());
        try {
          return List.of(nats(rnn, all, Math.max(1, halo.length))).iterator();
        } finally {
          Replicas.giveBack(key, rnn);
        }
      }, true).collect();
      double sum = 0;
      for (double n : nats) { // partition order
        sum += n;
      }
      before.destroy();
      return new TextScore(sum / (characters - 1) / Math.log(2), characters);
    } finally {
      tokens.unpersist(false);
      model.destroy();
    }
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
