package org.rnn4j.seq2seq;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rnn4j.cell.Activation;
import org.rnn4j.cell.Cells;

/**
 * An encoder–decoder's shape. {@code hidden} is the decoder's state size H; the encoder runs
 * {@code encoderLayers} layers of {@code encoderHidden} units per direction, so its states are
 * K = D·encoderHidden wide. When K ≠ H a bridge maps the encoder's final state to the decoder's
 * initial state. The target vocabulary reserves {@link Seq2Seq#BOS} and {@link Seq2Seq#EOS}.
 */
public record Seq2SeqConfig(int sourceVocabulary, int targetVocabulary, int embedding, String cell, int hidden,
    int encoderHidden, int encoderLayers, boolean bidirectional, AttentionKind attention, int attentionSize) {

  public Seq2SeqConfig {
    if (sourceVocabulary <= 0 || targetVocabulary <= 2 || embedding <= 0 || hidden <= 0 || encoderHidden <= 0
        || encoderLayers <= 0 || attentionSize <= 0) {
      throw new IllegalArgumentException("seq2seq config: expected positive sizes and a target vocabulary of more than"
          + " the 2 reserved tokens, found source vocabulary " + sourceVocabulary + ", target vocabulary "
          + targetVocabulary + ", embedding " + embedding + ", hidden " + hidden + ", encoder hidden " + encoderHidden
          + ", encoder layers " + encoderLayers + ", attention size " + attentionSize);
    }
    Cells.factory(cell, Activation.TANH); // rejects unknown cells here, with the list of known ones
  }

  /** Width K of the encoder states the decoder attends to. */
  public int encoderOutput() {
    return (bidirectional ? 2 : 1) * encoderHidden;
  }

  /**
   * A lower bound of the parameter values this config needs (embeddings, output layer, the
   * recurrent weights' smallest blocks, additive attention), computed without allocating, so a
   * loader can refuse a file whose sizes its tensors cannot hold.
   */
  public double leastParameterValues() {
    double e = embedding, h = hidden, he = encoderHidden, d = bidirectional ? 2 : 1;
    double least = (double) sourceVocabulary * e + (double) targetVocabulary * (e + h) + encoderLayers * d * he * he
        + d * he * e + h * h;
    return least + (attention == AttentionKind.ADDITIVE ? (double) attentionSize * (h + encoderOutput()) : 0);
  }

  /** Metadata key marking a sequence-to-sequence model file; the other keys follow under {@code seq2seq.}. */
  public static final String KIND_KEY = "rnn4j.seq2seq";
  private static final String PREFIX = "seq2seq.";

  /** The config as model-file metadata, read back by {@link #fromMetadata}. */
  public Map<String, String> toMetadata() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(KIND_KEY, "1");
    m.put(PREFIX + "source_vocabulary", Integer.toString(sourceVocabulary));
    m.put(PREFIX + "target_vocabulary", Integer.toString(targetVocabulary));
    m.put(PREFIX + "embedding", Integer.toString(embedding));
    m.put(PREFIX + "cell", cell);
    m.put(PREFIX + "hidden", Integer.toString(hidden));
    m.put(PREFIX + "encoder_hidden", Integer.toString(encoderHidden));
    m.put(PREFIX + "encoder_layers", Integer.toString(encoderLayers));
    m.put(PREFIX + "bidirectional", Boolean.toString(bidirectional));
    m.put(PREFIX + "attention", attention.id());
    m.put(PREFIX + "attention_size", Integer.toString(attentionSize));
    return m;
  }

  /** Reads {@link #toMetadata}; a missing or malformed key is named in the error. */
  public static Seq2SeqConfig fromMetadata(Map<String, String> m) {
    if (!"1".equals(m.get(KIND_KEY))) {
      throw new IllegalArgumentException("expected a sequence-to-sequence model (metadata '" + KIND_KEY + "' = 1), found "
          + (m.containsKey(KIND_KEY) ? "'" + m.get(KIND_KEY) + "'" : "no such key"));
    }
    String b = require(m, "bidirectional");
    if (!b.equals("true") && !b.equals("false")) {
      throw new IllegalArgumentException("metadata '" + PREFIX + "bidirectional': expected true or false, found '" + b + "'");
    }
    return new Seq2SeqConfig(integer(m, "source_vocabulary"), integer(m, "target_vocabulary"), integer(m, "embedding"),
        require(m, "cell"), integer(m, "hidden"), integer(m, "encoder_hidden"), integer(m, "encoder_layers"),
        Boolean.parseBoolean(b), AttentionKind.parse(require(m, "attention")), integer(m, "attention_size"));
  }

  private static String require(Map<String, String> m, String key) {
    String v = m.get(PREFIX + key);
    if (v == null) {
      throw new IllegalArgumentException("expected metadata key '" + PREFIX + key + "', found none");
    }
    return v;
  }

  private static int integer(Map<String, String> m, String key) {
    String v = require(m, key);
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("metadata '" + PREFIX + key + "': expected an integer, found '" + v + "'");
    }
  }

  public static Builder builder(int sourceVocabulary, int targetVocabulary) {
    return new Builder(sourceVocabulary, targetVocabulary);
  }

  /**
   * Defaults: 16-wide embeddings, Elman cells, H = 64, a one-layer bidirectional encoder of H/2
   * units per direction (so K = H and no bridge is needed), additive attention of size H.
   */
  public static final class Builder {
    private final int sourceVocabulary, targetVocabulary;
    private int embedding = 16, hidden = 64, encoderHidden, encoderLayers = 1, attentionSize;
    private String cell = "elman";
    private boolean bidirectional = true;
    private AttentionKind attention = AttentionKind.ADDITIVE;

    private Builder(int sourceVocabulary, int targetVocabulary) {
      this.sourceVocabulary = sourceVocabulary;
      this.targetVocabulary = targetVocabulary;
    }

    public Builder embedding(int e) { embedding = e; return this; }
    public Builder cell(String c) { cell = c; return this; }
    public Builder hidden(int h) { hidden = h; return this; }
    /** Units per encoder direction; 0 (default) means H / D. */
    public Builder encoderHidden(int h) { encoderHidden = h; return this; }
    public Builder encoderLayers(int l) { encoderLayers = l; return this; }
    public Builder bidirectional(boolean b) { bidirectional = b; return this; }
    public Builder attention(AttentionKind a) { attention = a; return this; }
    /** Width A of the additive score's hidden layer; 0 (default) means H. */
    public Builder attentionSize(int a) { attentionSize = a; return this; }

    public Seq2SeqConfig build() {
      int enc = encoderHidden > 0 ? encoderHidden : Math.max(1, hidden / (bidirectional ? 2 : 1));
      return new Seq2SeqConfig(sourceVocabulary, targetVocabulary, embedding, cell, hidden, enc, encoderLayers,
          bidirectional, attention, attentionSize > 0 ? attentionSize : hidden);
    }
  }
}
