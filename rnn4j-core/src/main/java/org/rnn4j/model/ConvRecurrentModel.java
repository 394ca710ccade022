package org.rnn4j.model;

import java.util.Map;
import org.rnn4j.layer.ConvFrontEnd;
import org.rnn4j.math.Rng;
import org.rnn4j.tensor.Parameters;
import org.rnn4j.tensor.Tensor;

/**
 * A convolutional front end in front of a recurrent model, composed without changing either:
 * x (T, B, C_in) → conv stack → features (T', B, C) → {@link RnnModel} (whose input size is C).
 * Backward runs the recurrent model's BPTT, takes its input gradient dL/d(features) and sends it
 * through the conv stack. Both parts keep their parameters in one flat buffer (the recurrent
 * model's, then the conv stack's), so the one {@link org.rnn4j.train.Trainer} clips the whole
 * gradient by one norm and one optimizer steps it.
 *
 * <p>The recurrent model must read dense sequences (not tokens, not one vector); strides and
 * pooling shorten time, so its targets are those of the shortened sequence (many-to-one fits
 * naturally). Per-sequence lengths are not supported.
 */
public final class ConvRecurrentModel implements Trainable<Batch> {
  private final ConvFrontEnd conv;
  private final RnnModel rnn;
  private final Parameters params;

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
    // The recurrent part first, so its parameters keep their offsets.
    this.params = Parameters.concat(rnn.parameters(), conv.parameters());
    rnn.bind(params);
    conv.bind(params);
  }

  /** A new model: conv stack {@code spec} on {@code inChannels}, then the configured RNN reading its output. */
  public static ConvRecurrentModel create(String spec, int inChannels, ModelConfig.Builder rnnConfig, long seed) {
    ConvFrontEnd conv = new ConvFrontEnd(spec, inChannels, seed);
    return new ConvRecurrentModel(conv, new RnnModel(rnnConfig.inputSize(conv.outChannels()).build(), seed + 1));
  }

  public ConvFrontEnd conv() { return conv; }
  public RnnModel rnn() { return rnn; }

  @Override
  public Parameters parameters() { return params; }

  @Override
  public void setTraining(boolean on) {
    rnn.setTraining(on);
  }

  @Override
  public long positions(Batch batch) {
    return rnn.positions(batch);
  }

  @Override
  public Rng trainingRng() {
    return rnn.trainingRng();
  }

  /** The recurrent model's config plus the conv stack's spec and input channels. */
  @Override
  public Map<String, String> fileMetadata() {
    Map<String, String> meta = rnn.fileMetadata();
    meta.put(SPEC_KEY, conv.spec());
    meta.put(IN_CHANNELS_KEY, String.valueOf(conv.inChannels()));
    return meta;
  }

  /** Metadata keys of the conv stack in a model file. */
  public static final String SPEC_KEY = "rnn4j.conv", IN_CHANNELS_KEY = "rnn4j.conv_in_channels";

  /** Outputs for x (T, B, C_in), with the recurrent model's default number of output steps. */
  public RnnModel.Output forward(Tensor x) {
    return rnn.forward(conv.forward(x));
  }

  /** Loss and gradients (accumulated into the buffer) for one batch. */
  @Override
  public double lossAndGradient(Batch batch) {
    return lossAndGradient(batch, null);
  }

  /**
   * As above; when {@code dx} is not null, {@code dx[0]} receives dL/dx (T, B, C_in).
   * Accumulates (+=) into the parameter buffer; the caller zeroes it.
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
}
