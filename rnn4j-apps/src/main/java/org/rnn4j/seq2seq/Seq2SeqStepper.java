package org.rnn4j.seq2seq;

import org.rnn4j.cell.Activation;
import org.rnn4j.layer.RecurrentCall;
import org.rnn4j.layer.RecurrentContext;
import org.rnn4j.layer.RecurrentStack;

/**
 * Decoding for B rows one step at a time, on weights packed once ({@link PackedSeq2Seq}) and
 * workspaces of its own: {@link #begin} encodes a source (per sequence: the encoder's run and a
 * few small arrays), then each {@link #step} feeds y_{t−1} and returns the logits z_t, and
 * allocates nothing. It is the inference-only twin of the decoder's training step (the same
 * equations, see {@link Decoder}): one forward-only context whose state is carried from step to
 * step instead of one context per step kept for backward, and the products on the packed
 * weights, which give the same floats. A stepper is used by one thread at a time; give each
 * thread its own.
 *
 * <p>Letters: B rows, S source steps, H decoder state, K encoder state, I decoder input, R
 * readout width, V target vocabulary.
 */
public final class Seq2SeqStepper {
  private final PackedSeq2Seq packed;
  private final Seq2Seq model;
  private final Decoder decoder;
  private final RecurrentStack encoder; // the model's weights, this stepper's workspaces
  private final Attention attention; // likewise; null for NONE
  private final RecurrentContext unitContext; // the decoder layer's, forward only
  private final AttentionKind kind;
  private final int hidden, encoderWidth, embeddingWidth, inputWidth, readoutWidth, vocabulary;
  private final float[][] state; // [k] (B, H): the carried states after the last step

  // Sized for B at the first begin of each B.
  private int batch;
  private float[] sourceX = new float[0]; // (S, B, E)
  private float[] context; // C (B, K), the encoder's; NONE only
  private float[] x; // x_t (B, I)
  private float[] unitOut; // (B, H), the layer's output (the state is read from its context)
  private float[] attended; // c_t (B, K), additive only
  private float[] combined; // [c_t; s_t] (B, K+H), dot and general only
  private float[] readout; // r_t (B, R)
  private float[] z; // logits (B, V)
  private float[] rowCopy; // (B, H), for selectRows
  private RecurrentCall call;

  Seq2SeqStepper(PackedSeq2Seq packed) {
    this.packed = packed;
    this.model = packed.model();
    this.decoder = model.decoder();
    Seq2SeqConfig c = model.config();
    this.encoder = model.encoderCopy();
    this.kind = c.attention();
    this.hidden = c.hidden();
    this.encoderWidth = c.encoderOutput();
    this.embeddingWidth = decoder.embeddingWidth();
    this.inputWidth = decoder.inputWidth();
    this.readoutWidth = decoder.readoutWidth();
    this.vocabulary = c.targetVocabulary();
    this.attention = Attention.create(kind, hidden, encoderWidth, c.attentionSize());
    if (attention != null) {
      attention.bind(model.parameters());
    }
    this.unitContext = decoder.unit().newInferenceContext();
    this.state = new float[decoder.carriedStates()][0];
  }

  /** V, the width of each row of logits. */
  public int vocabulary() {
    return vocabulary;
  }

  /** B of the sequence begun last. */
  public int batch() {
    return batch;
  }

  /** Encodes source (S, B) token ids and sets the decoder to its initial state s_0. */
  public void begin(int[] source, int s, int b) {
    model.requireSource(source, s, b);
    if (s < 1 || b < 1) {
      throw new IllegalArgumentException("source: expected at least one step and one row, found S = " + s + ", B = " + b);
    }
    if (b != batch) {
      batch = b;
      for (int k = 0; k < state.length; k++) {
        state[k] = new float[b * hidden];
      }
      x = new float[b * inputWidth];
      unitOut = new float[b * hidden];
      attended = new float[b * encoderWidth];
      combined = new float[b * (encoderWidth + hidden)];
      readout = new float[b * readoutWidth];
      z = new float[b * vocabulary];
      rowCopy = new float[b * hidden];
      call = RecurrentCall.of(x, 1, b, unitOut, hidden).from(state).withPacked(packed.unit());
    }
    int e = model.config().embedding();
    if (sourceX.length < s * b * e) {
      sourceX = new float[s * b * e];
    }
    Seq2Seq.Encoded encoded = model.encode(encoder, sourceX, source, s, b);
    for (int k = 0; k < state.length; k++) {
      System.arraycopy(encoded.initial()[k], 0, state[k], 0, b * hidden);
    }
    context = encoded.contexts()[0];
    if (attention != null) {
      attention.begin(encoded.states(), s, b, 1); // one query step's workspace, reused by every step
    }
  }

  /**
   * One step with inputs y_{t−1} = tokens[0 .. B): returns the logits z_t (B, V), a buffer of this
   * stepper overwritten by the next step.
   */
  public float[] step(int[] tokens) {
    int b = batch, h = hidden, kw = encoderWidth, i = inputWidth;
    decoder.embedding().forward(tokens, 0, b, x, 0, i, 0);
    if (kind == AttentionKind.NONE) {
      for (int r = 0; r < b; r++) {
        System.arraycopy(context, r * kw, x, r * i + embeddingWidth, kw);
      }
    } else if (kind == AttentionKind.ADDITIVE) { // the context enters the input: attend with s_{t−1}
      attention.forward(0, state[0], 0, attended, 0, kw);
      for (int r = 0; r < b; r++) {
        System.arraycopy(attended, r * kw, x, r * i + embeddingWidth, kw);
      }
    }
    decoder.unit().forward(unitContext, call);
    for (int k = 0; k < state.length; k++) {
      unitContext.finalState(k, state[k], 0);
    }
    float[] st = state[0];
    float[] rt = readout; // r_t (NONE: s_t itself)
    switch (kind) {
      case NONE -> rt = st;
      case ADDITIVE -> {
        int rw = readoutWidth;
        for (int r = 0; r < b; r++) {
          System.arraycopy(st, r * h, readout, r * rw, h);
          System.arraycopy(attended, r * kw, readout, r * rw + h, kw);
        }
      }
      case DOT, GENERAL -> { // the context enters the output: attend with s_t
        int cw = kw + h;
        attention.forward(0, st, 0, combined, 0, cw);
        for (int r = 0; r < b; r++) {
          System.arraycopy(st, r * h, combined, r * cw + kw, h);
        }
        decoder.combine().forward(combined, b, readout, packed.combine());
        for (int j = 0; j < b * readoutWidth; j++) {
          readout[j] = Activation.tanh(readout[j]);
        }
      }
    }
    decoder.out().forward(rt, b, z, packed.out());
    return z;
  }

  /** Makes row r of the carried states a copy of row rows[r], r < B (beam search keeps its best prefixes' states). */
  public void selectRows(int[] rows) {
    for (float[] s : state) {
      System.arraycopy(s, 0, rowCopy, 0, s.length);
      for (int r = 0; r < rows.length; r++) {
        System.arraycopy(rowCopy, rows[r] * hidden, s, r * hidden, hidden);
      }
    }
  }
}
