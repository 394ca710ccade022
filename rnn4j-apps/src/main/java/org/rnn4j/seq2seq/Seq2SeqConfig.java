package org.rnn4j.seq2seq;

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
