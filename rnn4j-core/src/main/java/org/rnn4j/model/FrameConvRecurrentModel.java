package org.rnn4j.model;

import java.util.Map;
import org.rnn4j.layer.FrameConvFrontEnd;
import org.rnn4j.math.Rng;
import org.rnn4j.tensor.Parameters;
import org.rnn4j.tensor.Tensor;

/**
 * A 2-D CNN applied to every frame, then a recurrent model over the per-frame features (the
 * long-term recurrent convolutional network): frames x (T, B, C·H·W) → {@link FrameConvFrontEnd}
 * → features (T, B, F) → {@link RnnModel} (input size F). Backward runs the recurrent model's
 * BPTT, takes dL/d(features) and sends it back through the convolutions of every frame. As in
 * {@link ConvRecurrentModel}, both parts share one flat buffer (the recurrent model's parameters
 * first), so the one {@link org.rnn4j.train.Trainer} clips and steps them together. The
 * recurrent model reads dense, equal-length sequences.
 */
public final class FrameConvRecurrentModel implements Trainable<Batch> {
  /** Metadata keys of the front end in a model file: its canonical spec and the frame shape "C,H,W". */
  public static final String SPEC_KEY = "rnn4j.frame_conv", FRAME_KEY = "rnn4j.frame_shape";

  private final FrameConvFrontEnd conv;
  private final RnnModel rnn;
  private final Parameters params;

  public FrameConvRecurrentModel(FrameConvFrontEnd conv, RnnModel rnn) {
    ModelConfig c = rnn.config();
    if (c.tokenInput() || c.mapping().vectorInput()) {
      throw new IllegalArgumentException("frame conv front end: expected a recurrent model that reads dense sequences,"
          + " found " + (c.tokenInput() ? "token input" : "mapping " + c.mapping().id()));
    }
    if (c.inputSize() != conv.outputSize()) {
      throw new IllegalArgumentException("frame conv front end: expected the recurrent input size to equal the features"
          + " per frame " + conv.outputSize() + ", found " + c.inputSize());
    }
    this.conv = conv;
    this.rnn = rnn;
    this.params = Parameters.concat(rnn.parameters(), conv.parameters());
    rnn.bind(params);
    conv.bind(params);
  }

  /** A new model: front end {@code spec} on frames (C, H, W), then the configured RNN reading its features. */
  public static FrameConvRecurrentModel create(String spec, int channels, int height, int width,
      ModelConfig.Builder rnnConfig, long seed) {
    FrameConvFrontEnd conv = new FrameConvFrontEnd(spec, channels, height, width, seed);
    return new FrameConvRecurrentModel(conv, new RnnModel(rnnConfig.inputSize(conv.outputSize()).build(), seed + 1));
  }

  public FrameConvFrontEnd conv() { return conv; }
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

  /** The recurrent model's config plus the front end's spec and frame shape. */
  @Override
  public Map<String, String> fileMetadata() {
    Map<String, String> meta = rnn.fileMetadata();
    int[] f = conv.frameShape();
    meta.put(SPEC_KEY, conv.spec());
    meta.put(FRAME_KEY, f[0] + "," + f[1] + "," + f[2]);
    return meta;
  }

  /** Outputs for frames x (T, B, C·H·W), with the recurrent model's default number of output steps. */
  public RnnModel.Output forward(Tensor x) {
    return rnn.forward(conv.forward(x));
  }

  @Override
  public double lossAndGradient(Batch batch) {
    return lossAndGradient(batch, null);
  }

  /**
   * Loss and gradients (accumulated into the buffer; the caller zeroes it); when {@code dx} is
   * not null, {@code dx[0]} receives dL/dx (T, B, C·H·W).
   */
  public double lossAndGradient(Batch batch, Tensor[] dx) {
    if (batch.lengths() != null) {
      throw new IllegalArgumentException("frame conv front end: expected equal-length sequences, found per-sequence lengths");
    }
    Tensor features = conv.forward(batch.x());
    boolean needFeatureGrad = !conv.isEmpty() || dx != null;
    RnnModel.InputGradients[] ig = needFeatureGrad ? new RnnModel.InputGradients[1] : null;
    double loss = rnn.lossAndGradient(new Batch(features, batch.y(), batch.mask(), batch.initial()), ig);
    if (needFeatureGrad) {
      Tensor d = conv.backward(ig[0].x());
      if (dx != null) {
        dx[0] = d;
      }
    }
    return loss;
  }
}
