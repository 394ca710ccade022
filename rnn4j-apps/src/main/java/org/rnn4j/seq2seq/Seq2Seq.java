package org.rnn4j.seq2seq;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.rnn4j.cell.Activation;
import org.rnn4j.cell.Cell;
import org.rnn4j.cell.Cells;
import org.rnn4j.data.Vocabulary;
import org.rnn4j.layer.Linear;
import org.rnn4j.layer.LayerSpec;
import org.rnn4j.layer.RecurrentStack;
import org.rnn4j.loss.SoftmaxCrossEntropy;
import org.rnn4j.model.Trainable;
import org.rnn4j.tensor.Parameters;

/**
 * Encoder–decoder (Sutskever et al. 2014; Cho et al. 2014) with optional attention (Bahdanau et
 * al. 2015; Luong et al. 2015):
 *
 * <pre>
 *   h_1 … h_S = encoder(E_src x_1 … x_S)        RecurrentStack, states (S, B, K), K = D·H_enc
 *   C = [final forward state; final reverse state] of the top layer      (B, K), per carried state
 *   s_0 = C, or tanh(W_b C + b_b) when K ≠ H    the bridge, one per carried state (h, and c for LSTM)
 *   z_1 … z_T = decoder(BOS, y_1 … y_{T−1} | s_0, h_1 … h_S)   teacher forcing, see {@link Decoder}
 *   L = mean over the target tokens of −log softmax(z_t)[y_t]     y ends with EOS; padding after it is not counted
 * </pre>
 *
 * Parameters: the encoder keeps {@code torch.nn.RNN}'s names ({@code weight_ih_l0},
 * {@code _reverse}); the decoder's layer is {@code weight_ih_decoder} …; then
 * {@code source_embedding.weight}, {@code target_embedding.weight}, {@code bridge.weight}
 * ({@code bridge_c.weight} for the cell state), {@code attention.*}, {@code combine.*},
 * {@code out.*}. One instance runs one batch at a time.
 */
public final class Seq2Seq implements Trainable<Seq2SeqBatch> {
  /** Reserved target tokens: the decoder's first input, and the end of every target. */
  public static final int BOS = 0, EOS = 1;
  /** The reserved names of a target vocabulary, at ids {@link #BOS} and {@link #EOS}. */
  public static final List<String> TARGET_RESERVED = List.of(Vocabulary.BOS, Vocabulary.EOS);

  private final Seq2SeqConfig config;
  private final Seq2SeqText text; // null for a model of token ids only
  private final Supplier<Cell> cells;
  private final Embedding sourceEmbedding;
  private final RecurrentStack encoder;
  private final Linear[] bridges; // per carried state, or null when K = H
  private final Decoder decoder;
  private final Parameters params;

  // Saved by forward for backward.
  private int[] source = new int[0];
  private int sourceSteps, batch;
  private float[] sourceX = new float[0]; // (S, B, E)
  private float[][] contexts; // C per carried state (B, K)
  private float[][] initial; // s_0 per carried state (B, H)

  /** A model of token ids only (no vocabularies in its file). */
  public Seq2Seq(Seq2SeqConfig config, long seed) {
    this(config, null, seed);
  }

  /** A model of text: its file carries {@code text}, whose vocabulary sizes must be the config's. */
  public Seq2Seq(Seq2SeqConfig config, Seq2SeqText text, long seed) {
    if (text != null && (text.source().size() != config.sourceVocabulary()
        || text.target().size() != config.targetVocabulary())) {
      throw new IllegalArgumentException("seq2seq: expected vocabularies of the config's sizes " + config.sourceVocabulary()
          + " and " + config.targetVocabulary() + ", found " + text.source().size() + " and " + text.target().size());
    }
    this.config = config;
    this.text = text;
    this.cells = Cells.factory(config.cell(), Activation.TANH);
    this.sourceEmbedding = new Embedding("source_embedding", config.sourceVocabulary(), config.embedding());
    this.encoder = newEncoder(seed);
    this.decoder = new Decoder(config, cells);
    int carried = decoder.carriedStates();
    if (config.encoderOutput() == config.hidden()) {
      this.bridges = null;
    } else {
      this.bridges = new Linear[carried];
      for (int k = 0; k < carried; k++) {
        bridges[k] = new Linear(k == 0 ? "bridge" : "bridge_c", config.encoderOutput(), config.hidden());
      }
    }
    Parameters.Builder b = new Parameters.Builder();
    sourceEmbedding.declare(b);
    encoder.declare(b);
    if (bridges != null) {
      Arrays.stream(bridges).forEach(l -> l.declare(b));
    }
    decoder.declare(b);
    this.params = b.build();
    sourceEmbedding.bind(params);
    encoder.bind(params);
    if (bridges != null) {
      Arrays.stream(bridges).forEach(l -> l.bind(params));
    }
    decoder.bind(params);
    Random rng = new Random(seed);
    sourceEmbedding.initParams(rng);
    encoder.initParams(rng);
    if (bridges != null) {
      Arrays.stream(bridges).forEach(l -> l.initParams(rng));
    }
    decoder.initParams(rng);
  }

  public Seq2SeqConfig config() { return config; }

  /** The vocabularies and generation bound, or null for a model of token ids only. */
  public Seq2SeqText text() { return text; }

  @Override
  public Parameters parameters() { return params; }

  /** No dropout: training and inference run the same computation. */
  @Override
  public void setTraining(boolean on) {}

  /** The target tokens the loss is taken over (padding excluded). */
  @Override
  public long positions(Seq2SeqBatch batch) {
    return batch.targetTokens();
  }

  /** The config and, for a model of text, its {@link Seq2SeqText}: a file alone rebuilds and runs the model. */
  @Override
  public Map<String, String> fileMetadata() {
    Map<String, String> m = config.toMetadata();
    if (text != null) {
      m.putAll(text.toMetadata());
    }
    return m;
  }
  Decoder decoder() { return decoder; }

  /** An encoder of this model's shape with workspaces of its own (not yet bound to parameters). */
  private RecurrentStack newEncoder(long seed) {
    return new RecurrentStack(cells, LayerSpec.of(config.embedding(), config.encoderHidden())
        .withLayers(config.encoderLayers()).withBidirectional(config.bidirectional()), seed);
  }

  /** A second encoder on this model's weights, with workspaces of its own: one per {@link Seq2SeqStepper}. */
  RecurrentStack encoderCopy() {
    RecurrentStack copy = newEncoder(0);
    copy.bind(params);
    return copy;
  }

  /**
   * The current weights laid out once for decoding on any number of threads (see
   * {@link PackedSeq2Seq}); pack again after the weights change.
   */
  public PackedSeq2Seq packed() {
    return new PackedSeq2Seq(this);
  }

  /** Attention weights α (T, B, S) of the last run's decoder steps, or null without attention. */
  public float[] attentionWeights() {
    return decoder.attentionWeights();
  }

  /**
   * Teacher-forced forward, loss and backward for one batch. Accumulates (+=) the parameter
   * gradients (the caller zeroes them) and returns the mean cross-entropy per target token.
   * Padding steps (past a row's target length) have weight 0: they add nothing to the loss or
   * the gradients, and the mean is over the real tokens.
   */
  @Override
  public double lossAndGradient(Seq2SeqBatch data) {
    int t = data.targetSteps(), b = data.batch(), v = config.targetVocabulary();
    int[] inputs = new int[t * b]; // y_{t−1}: BOS, then the target shifted by one step
    Arrays.fill(inputs, 0, b, BOS);
    System.arraycopy(data.target(), 0, inputs, b, (t - 1) * b);
    encode(data.source(), data.sourceSteps(), b, t);
    for (int step = 0; step < t; step++) {
      decoder.step(step, inputs, step * b);
    }
    float[] z = new float[t * b * v];
    decoder.allLogits(t, z);
    float[] targets = new float[t * b], weights = new float[t * b];
    for (int i = 0; i < targets.length; i++) {
      targets[i] = data.target()[i];
      weights[i] = i / b < data.targetLengths()[i % b] ? 1f : 0f;
    }
    float[] dz = new float[z.length];
    double loss = new SoftmaxCrossEntropy().forward(z, t * b, v, targets, true, weights, dz);
    float scale = 1f / data.targetTokens();
    for (int i = 0; i < dz.length; i++) {
      dz[i] *= scale;
    }
    backward(t, dz);
    return loss * scale;
  }

  /** Runs the encoder over source (S, B) and starts the decoder for up to T steps. */
  void encode(int[] tokens, int s, int b, int t) {
    requireSource(tokens, s, b);
    source = tokens.clone();
    sourceSteps = s;
    batch = b;
    if (sourceX.length < s * b * config.embedding()) {
      sourceX = new float[s * b * config.embedding()];
    }
    Encoded encoded = encode(encoder, sourceX, tokens, s, b);
    contexts = encoded.contexts();
    initial = encoded.initial();
    decoder.begin(encoded.states(), s, contexts[0], initial, t, b);
  }

  /** What the encoder gives the decoder: states (S, B, K), and per carried state C (B, K) and s_0 (B, H). */
  record Encoded(float[] states, float[][] contexts, float[][] initial) {}

  void requireSource(int[] tokens, int s, int b) {
    if (tokens.length != s * b) {
      throw new IllegalArgumentException("source: expected " + s * b + " token ids (S = " + s + ", B = " + b
          + "), found " + tokens.length);
    }
  }

  /**
   * Runs {@code stack} (this model's encoder or a copy of it) over source (S, B), embedded into
   * sourceX (at least S·B·E floats); the states are the stack's buffer, valid until its next call.
   */
  Encoded encode(RecurrentStack stack, float[] sourceX, int[] tokens, int s, int b) {
    int e = config.embedding(), kw = config.encoderOutput(), h = config.hidden();
    sourceEmbedding.forward(tokens, 0, s * b, sourceX, 0, e, 0);
    float[] states = stack.forward(sourceX, s, b, null);
    int carried = decoder.carriedStates();
    float[][] contexts = new float[carried][b * kw];
    float[][] initial = new float[carried][];
    for (int k = 0; k < carried; k++) {
      float[] finals = stack.finalState(k); // (L·D, B, H_enc)
      int he = config.encoderHidden(), dirs = stack.directions(), top = (stack.layers() - 1) * dirs;
      for (int d = 0; d < dirs; d++) {
        for (int r = 0; r < b; r++) {
          System.arraycopy(finals, ((top + d) * b + r) * he, contexts[k], r * kw + d * he, he);
        }
      }
      if (bridges == null) {
        initial[k] = contexts[k];
      } else {
        initial[k] = new float[b * h];
        bridges[k].forward(contexts[k], b, initial[k]);
        for (int i = 0; i < initial[k].length; i++) {
          initial[k][i] = Activation.tanh(initial[k][i]);
        }
      }
    }
    return new Encoded(states, contexts, initial);
  }

  private void backward(int t, float[] dz) {
    int s = sourceSteps, b = batch, kw = config.encoderOutput(), h = config.hidden();
    int carried = decoder.carriedStates();
    float[] dEncoder = new float[s * b * kw];
    float[][] dContexts = new float[carried][b * kw];
    float[][] dInitial = new float[carried][b * h];
    decoder.backward(t, dz, dEncoder, dContexts[0], dInitial);
    int he = config.encoderHidden(), dirs = encoder.directions(), top = (encoder.layers() - 1) * dirs;
    float[][] dFinal = new float[carried][encoder.layers() * dirs * b * he];
    for (int k = 0; k < carried; k++) {
      if (bridges == null) {
        for (int i = 0; i < b * kw; i++) {
          dContexts[k][i] += dInitial[k][i];
        }
      } else {
        float[] dPre = new float[b * h];
        for (int i = 0; i < dPre.length; i++) {
          dPre[i] = dInitial[k][i] * (1f - initial[k][i] * initial[k][i]); // through tanh
        }
        bridges[k].backward(contexts[k], dPre, b, dContexts[k]);
      }
      for (int d = 0; d < dirs; d++) {
        for (int r = 0; r < b; r++) {
          System.arraycopy(dContexts[k], r * kw + d * he, dFinal[k], ((top + d) * b + r) * he, he);
        }
      }
    }
    float[] dSourceX = new float[s * b * config.embedding()];
    encoder.backward(dEncoder, dFinal, dSourceX, null);
    sourceEmbedding.backward(source, 0, s * b, dSourceX, 0, config.embedding(), 0);
  }
}
