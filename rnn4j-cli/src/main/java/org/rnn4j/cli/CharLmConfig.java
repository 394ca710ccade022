package org.rnn4j.cli;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rnn4j.layer.Init;
import org.rnn4j.train.TrainConfig;

/**
 * The effective configuration of a character-language-model run: the {@link TrainConfig} keys
 * (optimizer, lr, schedule, budgets, clipping, checkpoints, model overrides) plus the keys only
 * a language model has: {@code data}, {@code seq_len}, {@code eval_every}, {@code temperature},
 * {@code init} (weight initialisation: pytorch, xavier, orthogonal), {@code init_radius} (the
 * spectral radius W_hh's gate blocks start with; 0 = as {@code init} draws them).
 * Written to the run directory as {@code config.json}; {@code --config} reads the same format,
 * so a run's config file repeats the run.
 *
 * @param data the text file, or null for the built-in story corpus
 */
record CharLmConfig(String data, int seqLen, int evalEvery, double temperature, Init init, double initRadius,
    TrainConfig train) {
  /** Passes over the text when only a step or time budget is given: in effect no limit. */
  static final int UNLIMITED_EPOCHS = 1000;
  static final int DEFAULT_STEPS = 600;

  CharLmConfig {
    if (seqLen <= 0 || evalEvery <= 0 || !(temperature > 0)) {
      throw new IllegalArgumentException("expected seq_len > 0, eval_every > 0 and temperature > 0, found seq_len="
          + seqLen + ", eval_every=" + evalEvery + ", temperature=" + temperature);
    }
  }

  /** The defaults of {@code rnn train}: chosen so the default job takes a few minutes on two cores. */
  static Map<String, Object> defaults() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("optimizer", "adam");
    m.put("lr", 2e-3);
    m.put("batch_size", 32);
    m.put("clip_norm", 5.0);
    // Halve the rate after 2 validations without a new best: a long run on a small text overfits
    // at a constant rate, and a lower one buys a few more improvements first (docs/cli.md, rnn train).
    m.put("schedule", "plateau");
    m.put("gamma", 0.5);
    m.put("plateau_patience", 2);
    m.put("lr_floor", 2e-5);
    m.put("seed", 1);
    m.put("seq_len", 64);
    m.put("temperature", 0.8);
    m.put("init", "pytorch");
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("cell", "lstm");
    model.put("hidden_size", 256);
    model.put("num_layers", 1);
    model.put("dropout", 0.0);
    m.put("model", model);
    return m;
  }

  /**
   * The defaults for {@code given} settings: {@link #defaults}, with two layers of 256 units and
   * dropout 0.25 between them when the text is the user's own ({@code data} set). On a few hundred
   * KB of prose one layer overfits within minutes (its best at update 5,400 of 10,583 in 5
   * minutes) while two with dropout still improve at the end: held-out 2.256 against 2.412 bits
   * per character after 5 minutes (docs/cli.md). The built-in corpus keeps one layer: the quick
   * first run.
   */
  static Map<String, Object> defaultsFor(Map<String, Object> given) {
    Map<String, Object> m = defaults();
    if (given.get("data") != null) {
      @SuppressWarnings("unchecked")
      Map<String, Object> model = (Map<String, Object>) m.get("model");
      model.put("num_layers", 2);
      model.put("dropout", 0.25);
    }
    return m;
  }

  /**
   * The effective config: {@code given} (a config file overlaid with command-line options) over
   * {@code base} (the defaults, or a resumed run's config). Budgets: when {@code given} names
   * none of epochs, max_steps, max_minutes, the base's are kept (the defaults: {@value
   * #DEFAULT_STEPS} steps); otherwise only the given ones limit the run.
   */
  static CharLmConfig resolve(Map<String, Object> base, Map<String, Object> given) {
    Map<String, Object> m = new LinkedHashMap<>(base);
    boolean budgetGiven = given.containsKey("epochs") || given.containsKey("max_steps") || given.containsKey("max_minutes");
    if (budgetGiven) {
      m.put("epochs", UNLIMITED_EPOCHS);
      m.put("max_steps", 0);
      m.put("max_minutes", 0.0);
    } else if (!m.containsKey("epochs") && !m.containsKey("max_steps") && !m.containsKey("max_minutes")) {
      m.put("epochs", UNLIMITED_EPOCHS);
      m.put("max_steps", DEFAULT_STEPS);
    }
    given.forEach((key, value) -> {
      if (key.equals("model") && value instanceof Map<?, ?> overrides && m.get("model") instanceof Map<?, ?> old) {
        Map<Object, Object> merged = new LinkedHashMap<>(old);
        merged.putAll(overrides);
        m.put("model", merged);
      } else {
        m.put(key, value);
      }
    });
    if (!given.containsKey("eval_every") && !(base.containsKey("eval_every") && !budgetGiven)) {
      long steps = ((Number) m.getOrDefault("max_steps", 0)).longValue();
      m.put("eval_every", steps > 0 ? Math.max(1, steps / 6) : 200);
    }
    return fromMap(m);
  }

  /** Reads a config file: a JSON object with the keys above. */
  static Map<String, Object> read(Path file) throws IOException {
    try {
      return JSON.std.mapFrom(Files.readString(file));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(file + ": expected a JSON object, found invalid JSON ("
          + String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("") + ")");
    }
  }

  private static CharLmConfig fromMap(Map<String, Object> all) {
    Map<String, Object> rest = new LinkedHashMap<>(all);
    Object data = rest.remove("data");
    if (data != null && !(data instanceof String)) {
      throw new IllegalArgumentException("data: expected a file name, found " + data);
    }
    int seqLen = integer(rest.remove("seq_len"), "seq_len");
    int evalEvery = integer(rest.remove("eval_every"), "eval_every");
    double temperature = number(rest.remove("temperature"), "temperature");
    Object init = rest.remove("init");
    Object initRadius = rest.remove("init_radius");
    try {
      return new CharLmConfig((String) data, seqLen, evalEvery, temperature, Init.parse(String.valueOf(init)),
          initRadius == null ? 0 : number(initRadius, "init_radius"), TrainConfig.fromJson(JSON.std.asString(rest)));
    } catch (IOException e) {
      throw new IllegalStateException("config: cannot write JSON: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw e.getMessage().contains("unknown key")
          ? new IllegalArgumentException(e.getMessage() + " (and for a language model: data, eval_every, init, init_radius, seq_len, temperature)", e)
          : e;
    }
  }

  private static int integer(Object v, String key) {
    if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() != ((Number) v).intValue()) {
      throw new IllegalArgumentException(key + ": expected an integer, found " + v);
    }
    return ((Number) v).intValue();
  }

  private static double number(Object v, String key) {
    if (!(v instanceof Number n)) {
      throw new IllegalArgumentException(key + ": expected a number, found " + v);
    }
    return n.doubleValue();
  }

  /** The whole config as one JSON object, the form {@link #read} and {@code --config} accept. */
  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    if (data != null) {
      m.put("data", data);
    }
    m.put("seq_len", seqLen);
    m.put("eval_every", evalEvery);
    m.put("temperature", temperature);
    m.put("init", init.id());
    if (initRadius > 0) {
      m.put("init_radius", initRadius);
    }
    try {
      m.putAll(JSON.std.mapFrom(train.toJson()));
    } catch (IOException e) {
      throw new IllegalStateException("config: cannot read back the training config: " + e.getMessage(), e);
    }
    return m;
  }

  String toJson() {
    try {
      return JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT).asString(toMap()) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException("config: cannot write JSON: " + e.getMessage(), e);
    }
  }

  String cell() { return train.model().cell(); }
  int hidden() { return train.model().hiddenSize(); }
  int layers() { return train.model().numLayers(); }
  double dropout() { return train.model().dropout(); }
}
