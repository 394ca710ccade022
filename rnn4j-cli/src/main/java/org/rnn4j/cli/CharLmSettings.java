package org.rnn4j.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The effective configuration of a character-language-model run: every option resolved to a
 * value, written to the run directory as {@code config.json}. The defaults are chosen so the
 * default job (the built-in corpus, no options) finishes in a few minutes on two cores.
 *
 * @param data the text file, or null for the built-in story corpus
 * @param steps stop after this many updates (0 = no limit)
 * @param epochs stop after this many passes over the training text (0 = no limit)
 * @param minutes stop after this much training time (0 = no limit)
 */
record CharLmSettings(String data, String cell, int hidden, int layers, double dropout, int seqLen, int batch,
    String optimizer, double lr, double clip, long seed, int steps, int epochs, double minutes, int evalEvery,
    double temperature) {
  static final String DEFAULT_CELL = "lstm";
  static final int DEFAULT_HIDDEN = 128;
  static final int DEFAULT_LAYERS = 1;
  static final int DEFAULT_SEQ_LEN = 64;
  static final int DEFAULT_BATCH = 32;
  static final String DEFAULT_OPTIMIZER = "adam";
  static final double DEFAULT_LR = 3e-3;
  static final double DEFAULT_CLIP = 5;
  static final int DEFAULT_STEPS = 150;

  CharLmSettings {
    if (steps < 0 || epochs < 0 || minutes < 0) {
      throw new IllegalArgumentException("budget: expected --steps, --epochs and --minutes >= 0, found steps=" + steps
          + ", epochs=" + epochs + ", minutes=" + minutes);
    }
    if (seqLen <= 0 || batch <= 0 || evalEvery <= 0) {
      throw new IllegalArgumentException("expected --seq-len, --batch and --eval-every > 0, found seq-len=" + seqLen
          + ", batch=" + batch + ", eval-every=" + evalEvery);
    }
  }

  /** Resolves the command line: unset options take the defaults above. */
  static CharLmSettings resolve(TrainingOptions t, CharLmOptions c) {
    if (t.bidirectional) {
      throw new IllegalArgumentException("--bidirectional: a language model predicts the next character from the "
          + "past only, so it must be unidirectional");
    }
    int steps = c.steps != null ? c.steps : 0;
    int epochs = t.epochs != null ? t.epochs : 0;
    double minutes = c.minutes != null ? c.minutes : 0;
    if (steps == 0 && epochs == 0 && minutes == 0) {
      steps = DEFAULT_STEPS;
    }
    int evalEvery = c.evalEvery != null ? c.evalEvery : Math.max(1, (steps > 0 ? steps : 1200) / 6);
    return new CharLmSettings(c.data == null ? null : c.data.toString(), or(t.cell, DEFAULT_CELL),
        or(t.hidden, DEFAULT_HIDDEN), or(t.layers, DEFAULT_LAYERS), t.dropout, or(c.seqLen, DEFAULT_SEQ_LEN),
        or(t.batch, DEFAULT_BATCH), or(t.optimizer, DEFAULT_OPTIMIZER), or(t.lr, DEFAULT_LR), or(t.clip, DEFAULT_CLIP),
        t.seed, steps, epochs, minutes, evalEvery, c.temperature);
  }

  private static <T> T or(T value, T dflt) {
    return value != null ? value : dflt;
  }

  /** The JSON form in {@code config.json}. */
  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("data", data == null ? "built-in story corpus" : data);
    m.put("cell", cell);
    m.put("hidden", hidden);
    m.put("layers", layers);
    m.put("dropout", dropout);
    m.put("seq_len", seqLen);
    m.put("batch", batch);
    m.put("optimizer", optimizer);
    m.put("lr", lr);
    m.put("clip", clip);
    m.put("seed", seed);
    m.put("steps", steps);
    m.put("epochs", epochs);
    m.put("minutes", minutes);
    m.put("eval_every", evalEvery);
    m.put("temperature", temperature);
    return m;
  }
}
