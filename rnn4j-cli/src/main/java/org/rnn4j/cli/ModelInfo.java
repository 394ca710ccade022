package org.rnn4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.rnn4j.cell.Cells;
import org.rnn4j.classify.FeatureEncoding;
import org.rnn4j.classify.Labels;
import org.rnn4j.classify.SequenceClassifier;
import org.rnn4j.classify.SequenceEncoding;
import org.rnn4j.classify.TokenEncoding;
import org.rnn4j.data.Vocabulary;
import org.rnn4j.io.ModelFile;
import org.rnn4j.io.SafeTensorsFile;
import org.rnn4j.lm.CharModel;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.train.Checkpoint;

/**
 * What a model file is, read from its metadata keys and tensor shapes alone (no model is built,
 * nothing in the file is run), for every kind rnn4j writes and, generically, for any other
 * safetensors file: kinds added later, or by other tools, get their tensors and metadata keys.
 */
final class ModelInfo {
  static final String CLASSIFIER = "classifier", SEQ2SEQ = "seq2seq", ESN = "esn", CONV = "conv-rnn", CHAR_LM = "char-lm",
      FORECASTER = "forecaster", RNN = "rnn", PYTORCH = "pytorch", UNKNOWN = "unknown";

  private static final Map<String, String> WORDS = Map.of(
      CLASSIFIER, "sequence classifier (rnn train --classify)",
      SEQ2SEQ, "encoder-decoder with attention (rnn seq2seq)",
      ESN, "echo state network (rnn esn)",
      CONV, "convolutional front end + recurrent model (rnn cnn-task)",
      CHAR_LM, "character language model (rnn train)",
      FORECASTER, "time-series forecaster (rnn train --forecast)",
      RNN, "recurrent model (rnn task, rnn train --task or --inputs)",
      PYTORCH, "PyTorch RNN/LSTM/GRU state_dict",
      UNKNOWN, "safetensors file of a kind rnn4j does not know");

  private ModelInfo() {}

  /** The kind of model in a file, from its metadata keys; a checkpoint's is the kind of its model. */
  static String kind(Map<String, String> m) {
    if (m.containsKey(SequenceClassifier.KIND_KEY)) {
      return CLASSIFIER;
    } else if (m.containsKey("rnn4j.seq2seq")) {
      return SEQ2SEQ;
    } else if (m.keySet().stream().anyMatch(k -> k.startsWith("rnn4j.esn"))) {
      return ESN;
    } else if (m.containsKey("rnn4j.conv")) {
      return CONV;
    } else if (m.containsKey(CharModel.VOCABULARY_KEY)) {
      return CHAR_LM;
    } else if (m.containsKey("rnn4j.series.features")) {
      return FORECASTER;
    } else if (m.containsKey("module")) {
      return m.containsKey("rnn4j.cell") ? RNN : PYTORCH;
    }
    return UNKNOWN;
  }

  static boolean checkpoint(Map<String, String> m) {
    return m.containsKey(Checkpoint.FORMAT_KEY);
  }

  /** "a character language model (rnn train)", or "a training checkpoint of a ...", for error messages. */
  static String describeKind(Map<String, String> m) {
    return (checkpoint(m) ? "a training checkpoint of a " : "a ") + WORDS.get(kind(m));
  }

  /** The description {@code rnn info} prints, in order; also its JSON object. */
  static Map<String, Object> describe(Path file, long bytes, SafeTensorsFile f) {
    Map<String, String> m = f.metadata();
    String kind = kind(m);
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("file", file.toString());
    info.put("bytes", bytes);
    if (checkpoint(m)) {
      info.put("kind", "checkpoint");
      info.put("of", kind);
      info.put("description", "training checkpoint of a " + WORDS.get(kind));
    } else {
      info.put("kind", kind);
      info.put("description", WORDS.get(kind));
    }
    info.put("format", m.getOrDefault(ModelFile.FORMAT_KEY, "1 (no version key)"));
    if (m.containsKey("module") && !kind.equals(SEQ2SEQ) && !kind.equals(ESN)) {
      info.put("model", safely(() -> recurrent(ModelConfig.fromMetadata(m))));
    }
    if (kind.equals(CONV)) {
      info.put("conv", m.get("rnn4j.conv") + " (input channels " + m.get("rnn4j.conv_in_channels") + ")");
    } else if (kind.equals(CHAR_LM)) {
      info.put("vocabulary", safely(() -> Vocabulary.fromJson(m.get(CharModel.VOCABULARY_KEY)).size()));
    } else if (kind.equals(FORECASTER)) {
      info.put("series", prefixed(m, "rnn4j.series."));
    } else if (kind.equals(CLASSIFIER)) {
      info.put("classifier", safely(() -> classifier(m)));
    } else if (kind.equals(SEQ2SEQ)) {
      if (m.containsKey("seq2seq.source_vocab") && m.containsKey("seq2seq.target_vocab")) {
        info.put("vocabulary", safely(() -> "source " + Vocabulary.fromJson(m.get("seq2seq.source_vocab")).size() + ", target "
            + Vocabulary.fromJson(m.get("seq2seq.target_vocab")).size()));
      }
      info.put("settings", prefixed(m, "seq2seq."));
    } else if (kind.equals(ESN)) {
      info.put("settings", prefixed(m, "rnn4j.esn"));
    }
    tensors(f, info);
    info.put("provenance", provenance(m));
    if (kind.equals(UNKNOWN)) {
      info.put("metadata_keys", new ArrayList<>(m.keySet()));
    }
    return info;
  }

  private static Map<String, Object> recurrent(ModelConfig c) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("cell", c.cell());
    if (Cells.WITH_NONLINEARITY.contains(c.cell().split(":")[0])) {
      r.put("nonlinearity", c.nonlinearity().id());
    }
    r.put("input", c.tokenInput() ? "tokens of " + c.inputSize() : c.inputSize() + " features");
    r.put("hidden", c.hiddenSize());
    r.put("layers", c.numLayers());
    r.put("directions", c.directions() + (c.bidirectional() ? " (" + c.fusion().id() + ")" : ""));
    if (c.dropout() > 0) {
      r.put("dropout", c.dropout());
    }
    r.put("head", c.outputSize() == 0 ? "none (outputs are the hidden states)"
        : c.outputSize() + " " + c.output().id());
    r.put("loss", c.loss());
    r.put("mapping", c.mapping().id());
    return r;
  }

  private static Map<String, Object> classifier(Map<String, String> m) {
    Map<String, Object> c = new LinkedHashMap<>();
    Labels labels = Labels.fromJson(m.get(SequenceClassifier.PREFIX + "labels"));
    SequenceEncoding e = SequenceEncoding.fromMetadata(m);
    if (e instanceof TokenEncoding t) {
      c.put("tokens", t.level().id());
      c.put("vocabulary", t.inputSize() + " (with the unknown token)");
    } else if (e instanceof FeatureEncoding features) {
      c.put("features", features.features());
      c.put("sequence_id", features.idColumn());
    }
    c.put("classes", labels.size());
    c.put("labels", labels.names());
    return c;
  }

  /** Parameter count and shapes of the model's tensors; a checkpoint's optimizer state apart. */
  private static void tensors(SafeTensorsFile f, Map<String, Object> info) {
    Map<String, Object> shapes = new LinkedHashMap<>();
    long parameters = 0, stateValues = 0;
    int stateTensors = 0;
    for (Map.Entry<String, Tensor> t : f.tensors().entrySet()) {
      if (t.getKey().startsWith(ModelFile.OPTIMIZER_PREFIX) || t.getKey().startsWith(ModelFile.EXTRA_PREFIX)) {
        stateTensors++;
        stateValues += t.getValue().size();
        continue;
      }
      parameters += t.getValue().size();
      List<Integer> shape = new ArrayList<>();
      for (int d : t.getValue().shape()) {
        shape.add(d);
      }
      shapes.put(t.getKey(), shape);
    }
    info.put("parameters", parameters);
    info.put("tensors", shapes);
    if (stateTensors > 0) {
      info.put("training_state", String.format(Locale.ROOT, "%,d values in %d tensors (optimizer, carried state)", stateValues,
          stateTensors));
    }
  }

  /** Where the file came from: best step and score, checkpoint position, steps trained. */
  private static Map<String, Object> provenance(Map<String, String> m) {
    Map<String, Object> p = new LinkedHashMap<>();
    boolean checkpoint = checkpoint(m);
    if (checkpoint) {
      p.put("checkpoint_step", m.get("train.step"));
      p.put("next_epoch", m.get("train.epoch")); // where a resumed run goes on
      p.put("optimizer", m.get("optim.name"));
    }
    String bestStep = m.get("train.best_step");
    if (bestStep != null && !bestStep.startsWith("-")) { // a checkpoint before any validation holds -1
      p.put("best_step", bestStep);
      p.put("best_score", m.get("train.best_score"));
    }
    if (m.containsKey("rnn4j.trained_steps")) {
      p.put("trained_steps", m.get("rnn4j.trained_steps"));
    }
    if (m.containsKey("train.elapsed_seconds")) {
      p.put("training_seconds", m.get("train.elapsed_seconds"));
    }
    if (p.isEmpty()) {
      p.put("training", "no training metadata in the file");
    }
    return p;
  }

  /** The metadata entries under a prefix, long values shortened. */
  private static Map<String, Object> prefixed(Map<String, String> m, String prefix) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        out.put(k, v.length() > 60 ? v.substring(0, 60) + "…" : v);
      }
    });
    return out;
  }

  /** A value read from metadata, or why it could not be read: describing a file never fails on one odd key. */
  private static Object safely(Supplier<Object> read) {
    try {
      return read.get();
    } catch (IllegalArgumentException | NullPointerException e) {
      return "unreadable: " + e.getMessage();
    }
  }

  /** Prints {@link #describe}'s map: one "key  value" line each, maps as "k v, k v", tensors one per line. */
  static void print(Map<String, Object> info, PrintWriter out) {
    info.forEach((key, value) -> {
      if (key.equals("tensors") && value instanceof Map<?, ?> tensors) {
        tensors.forEach((name, shape) -> out.printf("  %-28s %s%n", name, shape));
      } else {
        out.printf("%-14s %s%n", key, text(value));
      }
    });
  }

  private static String text(Object value) {
    if (value instanceof Map<?, ?> map) {
      List<String> parts = new ArrayList<>();
      map.forEach((k, v) -> parts.add(k + " " + text(v)));
      return String.join(", ", parts);
    } else if (value instanceof List<?> list) {
      List<String> parts = new ArrayList<>();
      list.forEach(v -> parts.add(String.valueOf(v)));
      return String.join(", ", parts);
    } else if (value instanceof Long n) {
      return String.format(Locale.ROOT, "%,d", n);
    }
    return String.valueOf(value);
  }
}
