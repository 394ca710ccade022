package org.rnn4j.seq2seq;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.rnn4j.cell.Activation;
import org.rnn4j.cell.Cell;
import org.rnn4j.layer.Direction;
import org.rnn4j.layer.LayerSpec;
import org.rnn4j.layer.Linear;
import org.rnn4j.layer.Recurrent;
import org.rnn4j.layer.RecurrentCall;
import org.rnn4j.layer.RecurrentContext;
import org.rnn4j.tensor.Parameters;

/**
 * The decoder, run one step at a time: with attention the input or output of step t depends on
 * the decoder state, and greedy and beam decoding choose step t's input from step t−1's output.
 *
 * <pre>
 *   x_t = [E y_{t−1}; C]                        none: the encoder's final state C at every step
 *   x_t = [E y_{t−1}; c_t], c_t = attend(s_{t−1})   additive (Bahdanau: context enters the input)
 *   x_t = E y_{t−1}                             dot, general
 *   s_t = cell(x_t, s_{t−1})
 *   r_t = s_t                                   none
 *   r_t = [s_t; c_t]                            additive (the paper's readout also sees c_t)
 *   r_t = tanh(W_c [c_t; s_t] + b_c), c_t = attend(s_t)   dot, general (Luong: context enters the output)
 *   z_t = W_o r_t + b_o                         logits (B, V)
 * </pre>
 *
 * Each step runs the library's {@link Recurrent} layer with T = 1 from the previous step's
 * state: one layer, with a {@link RecurrentContext} per step that keeps that step's workspace
 * for backward, so BPTT through the decoder is the layer's own exact backward, chained through
 * dInitial. Letters: T steps, B batch, S source
 * steps, H decoder state, K encoder state, E embedding, V target vocabulary, I = E (+ K) input,
 * R readout width.
 */
final class Decoder {
  private static final String SUFFIX = "_decoder";
  private final AttentionKind kind;
  private final int embeddingWidth, hidden, encoderWidth, inputWidth, readoutWidth;
  private final Embedding embedding;
  private final Recurrent unit;
  private final List<RecurrentContext> contexts = new ArrayList<>(); // contexts.get(t) runs step t
  private final Attention attention; // null for NONE
  private final Linear combine; // W_c, dot and general only
  private final Linear out;
  private final int carried; // 1 (h) or 2 (h, c)

  // Workspaces for up to T steps of B rows.
  private int batch, capacitySteps = -1;
  private int[] inputs = new int[0]; // y_{t−1} (T, B)
  private float[][] x; // [t] (B, I): each step's context keeps a reference for its backward
  private float[][][] states; // [t][k] (B, H): the carried states before step t
  private float[] context; // C (B, K), none only; not copied
  private float[] attended; // c_t (T, B, K)
  private float[] combined; // [c_t; s_t] (T, B, K+H), dot and general
  private float[] readout; // r_t (T, B, R)
  private float[] unitOut, zeros; // (B, H)
  private RecurrentCall[] calls; // [t] step t: x[t] from states[t] into unitOut

  Decoder(Seq2SeqConfig c, Supplier<Cell> cells) {
    this.kind = c.attention();
    this.embeddingWidth = c.embedding();
    this.hidden = c.hidden();
    this.encoderWidth = c.encoderOutput();
    this.embedding = new Embedding("target_embedding", c.targetVocabulary(), c.embedding());
    boolean luong = kind == AttentionKind.DOT || kind == AttentionKind.GENERAL;
    this.inputWidth = embeddingWidth + (luong ? 0 : encoderWidth);
    this.readoutWidth = kind == AttentionKind.ADDITIVE ? hidden + encoderWidth : hidden;
    this.attention = Attention.create(kind, hidden, encoderWidth, c.attentionSize());
    this.combine = luong ? new Linear("combine", encoderWidth + hidden, hidden) : null;
    this.out = new Linear("out", readoutWidth, c.targetVocabulary());
    this.unit = new Recurrent(cells.get(), LayerSpec.of(inputWidth, hidden), Direction.FORWARD, SUFFIX);
    this.carried = unit.cell().states();
  }

  int carriedStates() { return carried; }

  // The parts, for the inference-only step of Seq2SeqStepper.
  AttentionKind kind() { return kind; }
  int embeddingWidth() { return embeddingWidth; }
  int inputWidth() { return inputWidth; }
  int readoutWidth() { return readoutWidth; }
  Embedding embedding() { return embedding; }
  Recurrent unit() { return unit; }
  Linear combine() { return combine; }
  Linear out() { return out; }

  void declare(Parameters.Builder b) {
    embedding.declare(b);
    unit.declare(b);
    if (attention != null) {
      attention.declare(b);
    }
    if (combine != null) {
      combine.declare(b);
    }
    out.declare(b);
  }

  void bind(Parameters p) {
    embedding.bind(p);
    unit.bind(p);
    if (attention != null) {
      attention.bind(p);
    }
    if (combine != null) {
      combine.bind(p);
    }
    out.bind(p);
  }

  void initParams(Random rng) {
    embedding.initParams(rng);
    unit.initParams(rng);
    if (attention != null) {
      attention.initParams(rng);
    }
    if (combine != null) {
      combine.initParams(rng);
    }
    out.initParams(rng);
  }

  /** Attention weights α (T, B, S) of the steps run since {@link #begin}, or null without attention. */
  float[] attentionWeights() {
    return attention == null ? null : attention.weights();
  }

  /**
   * Starts a sequence of up to T steps of B rows: encoder states (S, B, K), context C (B, K),
   * initial states [k] (B, H) (copied).
   */
  void begin(float[] encoderStates, int s, float[] context, float[][] initial, int t, int b) {
    if (t > capacitySteps || b != batch) {
      batch = b;
      capacitySteps = t;
      inputs = new int[t * b];
      x = new float[t][b * inputWidth];
      states = new float[t + 1][carried][b * hidden];
      attended = new float[t * b * encoderWidth];
      combined = new float[t * b * (encoderWidth + hidden)];
      readout = new float[t * b * readoutWidth];
      unitOut = new float[b * hidden];
      zeros = new float[b * hidden];
      calls = new RecurrentCall[t];
      for (int step = 0; step < t; step++) {
        calls[step] = RecurrentCall.of(x[step], 1, b, unitOut, hidden).from(states[step]);
      }
    }
    while (contexts.size() < t) {
      contexts.add(unit.newContext());
    }
    for (int k = 0; k < carried; k++) {
      System.arraycopy(initial[k], 0, states[0][k], 0, b * hidden);
    }
    this.context = context;
    if (attention != null) {
      attention.begin(encoderStates, s, b, t);
    }
  }

  /** Step t with inputs y_{t−1} = tokens[off .. off+B); leaves r_t for {@link #stepLogits}. */
  void step(int t, int[] tokens, int off) {
    int b = batch, h = hidden, kw = encoderWidth, i = inputWidth;
    System.arraycopy(tokens, off, inputs, t * b, b);
    float[] xt = x[t];
    embedding.forward(tokens, off, b, xt, 0, i, 0);
    if (kind == AttentionKind.NONE) {
      for (int r = 0; r < b; r++) {
        System.arraycopy(context, r * kw, xt, r * i + embeddingWidth, kw);
      }
    } else if (kind == AttentionKind.ADDITIVE) {
      attention.forward(t, states[t][0], 0, attended, t * b * kw, kw);
      for (int r = 0; r < b; r++) {
        System.arraycopy(attended, (t * b + r) * kw, xt, r * i + embeddingWidth, kw);
      }
    }
    RecurrentContext ctx = contexts.get(t);
    unit.forward(ctx, calls[t]);
    for (int k = 0; k < carried; k++) {
      ctx.finalState(k, states[t + 1][k], 0);
    }
    float[] st = states[t + 1][0];
    int rw = readoutWidth;
    switch (kind) {
      case NONE -> System.arraycopy(st, 0, readout, t * b * rw, b * h);
      case ADDITIVE -> {
        for (int r = 0; r < b; r++) {
          System.arraycopy(st, r * h, readout, (t * b + r) * rw, h);
          System.arraycopy(attended, (t * b + r) * kw, readout, (t * b + r) * rw + h, kw);
        }
      }
      case DOT, GENERAL -> {
        int cw = kw + h;
        attention.forward(t, st, 0, combined, t * b * cw, cw);
        for (int r = 0; r < b; r++) {
          System.arraycopy(st, r * h, combined, (t * b + r) * cw + kw, h);
        }
        combine.forward(combined, t * b * cw, b, readout, t * b * rw);
        for (int j = t * b * rw; j < (t + 1) * b * rw; j++) {
          readout[j] = Activation.tanh(readout[j]);
        }
      }
    }
  }

  /** Logits z_t (B, V) of step t into z from zOff. */
  void stepLogits(int t, float[] z, int zOff) {
    out.forward(readout, t * batch * readoutWidth, batch, z, zOff);
  }

  /** Logits of steps 0 .. T−1 at once, (T·B, V). */
  void allLogits(int t, float[] z) {
    out.forward(readout, 0, t * batch, z, 0);
  }

  /** Makes row r of the states before step t a copy of row rows[r] (beam search picks its parents). */
  void selectRows(int t, int[] rows) {
    for (int k = 0; k < carried; k++) {
      float[] old = states[t][k].clone();
      for (int r = 0; r < rows.length; r++) {
        System.arraycopy(old, rows[r] * hidden, states[t][k], r * hidden, hidden);
      }
    }
  }

  /**
   * Backward through steps T−1 … 0 from δz (T·B, V). Accumulates the parameter gradients,
   * δ(encoder states) into dEncoder (S, B, K), δC into dContext (B, K) and δ(initial state k)
   * into dInitial[k] (B, H).
   */
  void backward(int t, float[] dLogits, float[] dEncoder, float[] dContext, float[][] dInitial) {
    int b = batch, h = hidden, kw = encoderWidth, i = inputWidth, rw = readoutWidth, cw = kw + h;
    float[] dReadout = new float[t * b * rw];
    out.backward(readout, 0, dLogits, 0, t * b, dReadout, 0);
    float[][] dState = new float[carried][b * h]; // δ(state after the step being undone)
    float[][] dPrev = new float[carried][b * h];
    float[] dx = new float[b * i];
    float[] dAttended = new float[b * kw];
    float[] dCombined = new float[b * cw];
    for (int step = t - 1; step >= 0; step--) {
      float[] ds = dState[0];
      int rOff = step * b * rw;
      switch (kind) {
        case NONE -> addRows(dReadout, rOff, rw, 0, ds, h, 0, b, h);
        case ADDITIVE -> {
          addRows(dReadout, rOff, rw, 0, ds, h, 0, b, h);
          Arrays.fill(dAttended, 0f);
          addRows(dReadout, rOff, rw, h, dAttended, kw, 0, b, kw);
        }
        case DOT, GENERAL -> {
          for (int j = rOff; j < rOff + b * rw; j++) {
            dReadout[j] *= 1f - readout[j] * readout[j]; // through tanh
          }
          Arrays.fill(dCombined, 0f);
          combine.backward(combined, step * b * cw, dReadout, rOff, b, dCombined, 0);
          addRows(dCombined, 0, cw, kw, ds, h, 0, b, h);
          attention.backward(step, states[step + 1][0], 0, dCombined, 0, cw, ds, 0, dEncoder);
        }
      }
      for (float[] d : dPrev) {
        Arrays.fill(d, 0f);
      }
      Arrays.fill(dx, 0f);
      unit.backward(contexts.get(step), zeros, dState, dx, dPrev);
      embedding.backward(inputs, step * b, b, dx, 0, i, 0);
      if (kind == AttentionKind.NONE) {
        addRows(dx, 0, i, embeddingWidth, dContext, kw, 0, b, kw);
      } else if (kind == AttentionKind.ADDITIVE) {
        addRows(dx, 0, i, embeddingWidth, dAttended, kw, 0, b, kw);
        attention.backward(step, states[step][0], 0, dAttended, 0, kw, dPrev[0], 0, dEncoder);
      }
      float[][] swap = dState;
      dState = dPrev;
      dPrev = swap;
    }
    for (int k = 0; k < carried; k++) {
      for (int j = 0; j < b * h; j++) {
        dInitial[k][j] += dState[k][j];
      }
    }
    if (attention != null) {
      attention.endBackward(dEncoder);
    }
  }

  /** dst[r, dstCol + j] += src[srcOff + r·srcStride + srcCol + j] for B rows of n columns. */
  private static void addRows(float[] src, int srcOff, int srcStride, int srcCol, float[] dst, int dstStride, int dstCol,
      int b, int n) {
    for (int r = 0; r < b; r++) {
      int s = srcOff + r * srcStride + srcCol, d = r * dstStride + dstCol;
      for (int j = 0; j < n; j++) {
        dst[d + j] += src[s + j];
      }
    }
  }
}
