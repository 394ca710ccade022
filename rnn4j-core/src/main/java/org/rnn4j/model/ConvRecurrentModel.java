package org.rnn4j.model;

import org.rnn4j.layer.ConvFrontEnd;
import org.rnn4j.tensor.Parameters;
import org.rnn4j.tensor.Tensor;

/**
 * A convolutional front end in front of a recurrent model, composed without changing either:
 * x (T, B, C_in) → conv stack → features (T', B, C) → {@link RnnModel} (whose input size is C).
 * Backward runs the recurrent model's BPTT, takes its input gradient dL/d(features) and sends it
 * through the conv stack. The two parts keep their own parameter buffers; {@link
 * org.rnn4j.train.ConvTrainer} clips them by one global norm and steps one optimizer per buffer.
 *
 * <p>The recurrent model must read dense sequences (not tokens, not one vector); strides and
 * pooling shorten time, so its targets are those of the shortened sequence (many-to-one fits
 * naturally). Per-sequence lengths are not supported.
 */
public final class ConvRecurrentModel {
  private final ConvFrontEnd conv;
  private final RnnModel rnn;

  public ConvRecurrentModel(ConvFrontEnd conv, RnnModel rnn) {
    ModelConfig c = rnn.config();
    if (c.tokenInput() || c.mapping().vectorInput()) {
      throw new IllegalArgumentException("conv front end: expected a recurrent model that reads dense sequences, found "
          + (c.tokenInput() ? "token input" : "mapping " + c.mapping().id()));
    }
    if (c.inputSize() != conv.outChannels()) {
      throw new IllegalArgumentException("conv front end: expected the recurrent input size to equal the conv output channels "
          + conv.outChannels() + ", found " + c.inputSize());
    }
    this.conv = conv;
    this.rnn = rnn;
  }

  /** A new model: conv stack {@code spec} on {@code inChannels}, then the configured RNN reading its output. */
  public static ConvRecurrentModel create(String spec, int inChannels, ModelConfig.Builder rnnConfig, long seed) {
    ConvFrontEnd conv = new ConvFrontEnd(spec, inChannels, seed);
    return new ConvRecurrentModel(conv, new RnnModel(rnnConfig.inputSize(conv.outChannels()).build(), seed + 1));
  }

  public ConvFrontEnd conv() { return conv; }
  public RnnModel rnn() { return rnn; }

  public void zeroGrads() {
    conv.parameters().zeroGrads();
    rnn.parameters().zeroGrads();
  }

  /** Number of trainable values in both parts. */
  public int size() {
    return conv.parameters().size() + rnn.parameters().size();
  }

  /** Outputs for x (T, B, C_in), with the recurrent model's default number of output steps. */
  public RnnModel.Output forward(Tensor x) {
    return rnn.forward(conv.forward(x));
  }

  /** Loss and gradients (accumulated into both buffers) for one batch. */
  public double lossAndGradient(Batch batch) {
    return lossAndGradient(batch, null);
  }

  /**
   * As above; when {@code dx} is not null, {@code dx[0]} receives dL/dx (T, B, C_in).
   * Accumulates (+=) into both parameter buffers; the caller zeroes them.
   */
  public double lossAndGradient(Batch batch, Tensor[] dx) {
    if (batch.lengths() != null) {
      throw new IllegalArgumentException("conv front end: expected equal-length sequences, found per-sequence lengths");
    }
    Tensor features = conv.forward(batch.x());
    boolean needFeatureGrad = !conv.isEmpty() || dx != null;
    RnnModel.InputGradients[] ig = needFeatureGrad ? new RnnModel.InputGradients[1] : null;
    double loss = rnn.lossAndGradient(new Batch(features, batch.y(), batch.mask(), batch.initial()), ig);
    if (needFeatureGrad) {
      Tensor d = conv.isEmpty() ? ig[0].x() : conv.backward(ig[0].x());
      if (dx != null) {
        dx[0] = d;
      }
    }
    return loss;
  }

  /** Both buffers' parameters by name (conv first), for checks and files. */
  public java.util.Map<String, Tensor> namedValues() {
    java.util.Map<String, Tensor> m = new java.util.LinkedHashMap<>();
    for (Parameters p : new Parameters[] {conv.parameters(), rnn.parameters()}) {
      p.params().keySet().forEach(n -> m.put(n, p.value(n)));
    }
    return m;
  }
}
