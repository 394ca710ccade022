package org.rnn4j.layer;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.rnn4j.tensor.Parameters;
import org.rnn4j.tensor.Tensor;

/**
 * A 2-D convolutional front end applied to every frame of an image sequence, the front end of the
 * long-term recurrent convolutional network (Donahue et al. 2015): x (T, B, C·H·W), each step one
 * frame of C channels, H rows and W columns (channel-major, then row-major), → features
 * (T, B, C'·H'·W'), each frame's last feature maps flattened in the same order, for a recurrent
 * model. The same weights serve every frame; all T·B frames go through each layer at once.
 *
 * <p>Layers: {@link Conv2d}, each optionally followed by {@link Pool2d}, with the spec syntax of
 * {@link ConvFrontEnd} read in two dimensions (kernels and pooling windows are square), e.g.
 * {@code 8k3-same-relu-max2,8k3-same-relu-max2}; {@code none} is the empty stack (the frames
 * pass through flattened). Parameters {@code frame_conv.{i}.weight} (C_out, C_in, K, K) and
 * {@code frame_conv.{i}.bias} (C_out), in a buffer of their own until {@link #bind}.
 */
public final class FrameConvFrontEnd {
  private final String spec;
  private final int channels, height, width;
  private final List<Conv2d> convs = new ArrayList<>();
  private final List<Pool2d> pools = new ArrayList<>(); // null entries: no pooling after that layer
  private final int outputSize;
  private Parameters params;
  private int lastSteps, lastBatch;

  /** A front end for frames (channels, height, width); weights from a seeded generator (PyTorch's default). */
  public FrameConvFrontEnd(String spec, int channels, int height, int width, long seed) {
    List<ConvFrontEnd.LayerSpec> layers = ConvFrontEnd.parse(spec);
    this.spec = ConvFrontEnd.canonical(layers);
    this.channels = channels;
    this.height = height;
    this.width = width;
    Parameters.Builder b = new Parameters.Builder();
    int c = channels, h = height, w = width;
    for (int i = 0; i < layers.size(); i++) {
      ConvFrontEnd.LayerSpec l = layers.get(i);
      Conv2d conv = new Conv2d("frame_conv." + i, c, l.channels(), l.kernel(), l.stride(), l.same(), l.activation(), h, w);
      conv.declare(b);
      convs.add(conv);
      c = l.channels();
      h = conv.outHeight();
      w = conv.outWidth();
      Pool2d pool = l.pool() == null ? null : new Pool2d(l.pool(), l.poolSize(), l.poolStride(), c, h, w);
      pools.add(pool);
      if (pool != null) {
        h = pool.outHeight();
        w = pool.outWidth();
      }
    }
    this.outputSize = c * h * w;
    this.params = b.build();
    Random rng = new Random(seed);
    for (Conv2d conv : convs) {
      conv.bind(params);
      conv.initParams(rng);
    }
  }

  /** Moves the parameters into {@code shared}, which holds them under the same names (see {@link Parameters#concat}). */
  public void bind(Parameters shared) {
    params = shared;
    convs.forEach(conv -> conv.bind(shared));
  }

  /** The canonical spec ("none" for the empty stack). */
  public String spec() { return spec; }
  /** The frame shape (C, H, W) the front end reads. */
  public int[] frameShape() { return new int[] {channels, height, width}; }
  /** Features per frame, C'·H'·W': the recurrent model's input size. */
  public int outputSize() { return outputSize; }
  public Parameters parameters() { return params; }
  public boolean isEmpty() { return convs.isEmpty(); }

  /** Features (T, B, C'·H'·W') from frames x (T, B, C·H·W). */
  public Tensor forward(Tensor x) {
    x.requireShape("frames (T, B, C·H·W)", -1, -1, channels * height * width);
    lastSteps = x.dim(0);
    lastBatch = x.dim(1);
    int n = lastSteps * lastBatch;
    float[] h = x.data();
    for (int i = 0; i < convs.size(); i++) {
      h = convs.get(i).forward(h, n);
      if (pools.get(i) != null) {
        h = pools.get(i).forward(h, n);
      }
    }
    return Tensor.of(convs.isEmpty() ? h.clone() : h, lastSteps, lastBatch, outputSize);
  }

  /** Accumulates the parameter gradients from δfeatures (T, B, C'·H'·W') of the last forward; returns δx. */
  public Tensor backward(Tensor dFeatures) {
    float[] d = dFeatures.data();
    for (int i = convs.size() - 1; i >= 0; i--) {
      if (pools.get(i) != null) {
        d = pools.get(i).backward(d);
      }
      d = convs.get(i).backward(d);
    }
    return Tensor.of(convs.isEmpty() ? d.clone() : d, lastSteps, lastBatch, channels * height * width);
  }
}
