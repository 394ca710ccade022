package org.rnn4j.seq2seq;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnn4j.data.Vocabulary;

/**
 * A trained model with its vocabularies: text in, text out. A text of no tokens (e.g. an empty
 * line) translates to an empty text without running the model, which needs at least one source step.
 *
 * <p>{@link #greedy} and {@link #beam} decode on the model's weights as they were when the
 * translator was made (packed once, see {@link PackedSeq2Seq}), each thread with a stepper of its
 * own, kept for its next calls (its workspaces grow to the largest input and are reused): any
 * number of threads may share one translator, and a step allocates nothing. After training
 * further, make a new translator. {@link #attend} runs the model itself (it reads the
 * attention weights the training decoder keeps): one call at a time.
 */
public final class Translator {
  private final Seq2Seq model;
  private final PackedSeq2Seq packed;
  private final ThreadLocal<Seq2SeqStepper> steppers; // each thread's workspaces, on the one pack
  private final Vocabulary source, target;
  private final int maxSteps;

  /** {@code maxSteps} bounds the generated tokens, EOS included. */
  public Translator(Seq2Seq model, Vocabulary source, Vocabulary target, int maxSteps) {
    this.model = model;
    this.packed = model.packed();
    this.steppers = ThreadLocal.withInitial(packed::stepper);
    this.source = source;
    this.target = target;
    this.maxSteps = maxSteps;
  }

  /** The translator of a model of text, with the vocabularies and generation bound in its {@link Seq2Seq#text}. */
  public static Translator of(Seq2Seq model) {
    Seq2SeqText text = model.text();
    if (text == null) {
      throw new IllegalArgumentException("translator: expected a model with vocabularies (Seq2SeqText), found a model"
          + " of token ids only");
    }
    return new Translator(model, text.source(), text.target(), text.maxSteps());
  }

  public Seq2Seq model() { return model; }

  /** Greedy translations, in order; sources of equal length in tokens are decoded as one batch. */
  public List<String> greedy(List<String> texts) {
    int[][] encoded = new int[texts.size()][];
    Map<Integer, List<Integer>> byLength = new LinkedHashMap<>();
    for (int i = 0; i < texts.size(); i++) {
      encoded[i] = source.encode(texts.get(i));
      byLength.computeIfAbsent(encoded[i].length, k -> new ArrayList<>()).add(i);
    }
    String[] out = new String[texts.size()];
    Seq2SeqStepper stepper = steppers.get();
    byLength.forEach((s, rows) -> {
      if (s == 0) {
        rows.forEach(r -> out[r] = "");
        return;
      }
      int b = rows.size();
      int[] ids = new int[s * b]; // (S, B)
      for (int r = 0; r < b; r++) {
        for (int t = 0; t < s; t++) {
          ids[t * b + r] = encoded[rows.get(r)][t];
        }
      }
      int[][] decoded = Decoding.greedy(stepper, ids, s, b, maxSteps);
      for (int r = 0; r < b; r++) {
        out[rows.get(r)] = target.decode(decoded[r]);
      }
    });
    return List.of(out);
  }

  /** Beam-search translation of one text. */
  public String beam(String text, int width) {
    int[] ids = source.encode(text);
    return ids.length == 0 ? "" : target.decode(Decoding.beam(steppers.get(), ids, ids.length, width, maxSteps).tokens());
  }

  /** A greedy translation with its attention weights: rows = output steps (EOS included), columns = source characters. */
  public record Attended(String source, String output, double[][] weights) {}

  /** Translates one text greedily and returns the weights its decoder steps used; null without attention. */
  public Attended attend(String text) {
    int[] ids = source.encode(text);
    int[] decoded = Decoding.greedy(model, ids, ids.length, 1, maxSteps)[0];
    float[] alpha = model.attentionWeights(); // (T, 1, S)
    if (alpha == null) {
      return null;
    }
    int steps = Math.min(decoded.length + 1, maxSteps);
    double[][] w = new double[steps][ids.length];
    for (int t = 0; t < steps; t++) {
      for (int s = 0; s < ids.length; s++) {
        w[t][s] = alpha[t * ids.length + s];
      }
    }
    return new Attended(text, target.decode(decoded), w);
  }
}
