package org.rnn4j.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.rnn4j.layer.Linear;
import org.rnn4j.loss.Loss;
import org.rnn4j.model.ModelConfig.Reduction;
import org.rnn4j.tensor.Parameters;
import org.rnn4j.tensor.ShapeException;
import org.rnn4j.tensor.Tensor;

/**
 * A feed-forward network over a fixed window of the last W input steps: the baseline that
 * shows what recurrence adds. At every step t, with zeros before the sequence starts,
 *
 * <pre>
 *   u_t = [x_{t−W+1}; …; x_t]            (B, W·I)
 *   a_t = tanh(W_1 u_t + b_1)            (B, H)       hidden.weight (H, W·I), hidden.bias (H)
 *   o_t = f_o(W_o a_t + b_o)             (B, O)       head.weight (O, H), head.bias (O)
 * </pre>
 *
 * The same weights serve every step, as a 1-D convolution of width W followed by a pointwise
 * layer: nothing reaches step t from before t − W + 1, so what the output depends on must fit
 * in the window. Many-to-many only; the output activation, loss and reduction are the
 * {@link ModelConfig}'s (its cell, layers and directions are not used). Backward:
 * δz from the loss, δa = δz W_o, δ(pre) = δa ⊙ (1 − a²), and each Linear's weight gradients.
 */
public final class WindowNetwork implements Trainable<Batch> {
  private final ModelConfig config;
  private final int window;
  private final Linear hidden;
  private final Linear head;
  private final Loss loss;
  private final Parameters params;

  // Saved by forward for backward: the windows u (T·B, W·I) and the hidden activations a (T·B, H).
  private float[] windows, activations;

  /** A network with nn.Linear's default initialisation (uniform ±1/√fan_in) from a seeded generator. */
  public WindowNetwork(ModelConfig config, int window, long seed) {
    if (window < 1) {
      throw new IllegalArgumentException("window: expected a number of steps >= 1, found " + window);
    }
    if (config.mapping().kind() != Mapping.Kind.MANY_TO_MANY || config.tokenInput() || config.outputSize() <= 0) {
      throw new IllegalArgumentException("window network: expected a many-to-many model with dense inputs and a head,"
          + " found mapping " + config.mapping().id() + ", token input " + config.tokenInput() + ", output size "
          + config.outputSize());
    }
    this.config = config;
    this.window = window;
    this.hidden = new Linear("hidden", window * config.inputSize(), config.hiddenSize());
    this.head = new Linear("head", config.hiddenSize(), config.outputSize());
    this.loss = config.lossFunction();
    Parameters.Builder b = new Parameters.Builder();
    hidden.declare(b);
    head.declare(b);
    this.params = b.build();
    hidden.bind(params);
    head.bind(params);
    Random rng = new Random(seed);
    hidden.initParams(rng);
    head.initParams(rng);
  }

  public ModelConfig config() { return config; }
  public int window() { return window; }

  @Override
  public Parameters parameters() { return params; }

  /** No dropout: training and inference are the same. */
  @Override
  public void setTraining(boolean on) {}

  @Override
  public long positions(Batch batch) {
    return (long) batch.x().dim(0) * batch.x().dim(1);
  }

  @Override
  public Map<String, String> fileMetadata() {
    Map<String, String> m = new LinkedHashMap<>(config.toMetadata("WindowNetwork"));
    m.put("rnn4j.window", String.valueOf(window));
    return m;
  }

  /** Outputs (T, B, O) after the output activation, for inputs x (T, B, I). */
  public Tensor forward(Tensor x) {
    int t = x.dim(0), b = x.dim(1), o = config.outputSize();
    float[] z = preActivation(x);
    float[] out = new float[t * b * o];
    config.output().apply(z, t * b, o, out);
    return Tensor.of(out, t, b, o);
  }

  /** Forward, loss and backward: accumulates (+=) the parameter gradients and returns the reduced loss. */
  @Override
  public double lossAndGradient(Batch batch) {
    if (batch.lengths() != null || batch.initial() != null) {
      throw new IllegalArgumentException("window network: expected a batch without lengths or initial states, found "
          + (batch.lengths() != null ? "lengths" : "initial states"));
    }
    Tensor x = batch.x(), y = batch.y();
    float[] z = preActivation(x);
    int t = x.dim(0), b = x.dim(1), o = config.outputSize(), rows = t * b;
    boolean indexTarget = y.rank() == 2;
    if (indexTarget) {
      y.requireShape("class-index target (T, B)", t, b);
    } else {
      y.requireShape("target (T, B, O)", t, b, o);
    }
    float[] weight = null;
    if (batch.mask() != null) {
      batch.mask().requireShape("mask (T, B)", t, b);
      weight = batch.mask().data();
    }
    float[] dz = new float[rows * o];
    double reduced = config.reduction().lossAndGradient(loss, z, rows, o, y.data(), indexTarget, weight,
        Reduction.weightSum(weight, rows), dz);
    int h = config.hiddenSize();
    float[] da = new float[rows * h];
    head.backward(activations, dz, rows, da); // δW_o += δzᵀ a, δb_o += Σ δz, δa = δz W_o
    for (int i = 0; i < da.length; i++) {
      da[i] *= 1 - activations[i] * activations[i];
    }
    hidden.backward(windows, da, rows, null); // δW_1 += δ(pre)ᵀ u, δb_1 += Σ δ(pre)
    return reduced;
  }

  /** Builds the windows and runs both layers; returns the head's pre-activations (T·B, O). */
  private float[] preActivation(Tensor x) {
    x.requireShape("input (T, B, I)", -1, -1, config.inputSize());
    int t = x.dim(0), b = x.dim(1), in = config.inputSize(), width = window * in;
    if (t == 0) {
      throw new ShapeException("input: expected at least one time step, found T = 0");
    }
    windows = new float[t * b * width];
    for (int s = 0; s < t; s++) {
      for (int r = 0; r < b; r++) {
        for (int j = 0; j < window; j++) {
          int from = s - (window - 1) + j; // the step at window slot j; before 0: zeros
          if (from >= 0) {
            System.arraycopy(x.data(), (from * b + r) * in, windows, (s * b + r) * width + j * in, in);
          }
        }
      }
    }
    int rows = t * b;
    activations = new float[rows * config.hiddenSize()];
    hidden.forward(windows, rows, activations);
    for (int i = 0; i < activations.length; i++) {
      activations[i] = (float) Math.tanh(activations[i]);
    }
    float[] z = new float[rows * config.outputSize()];
    head.forward(activations, rows, z);
    return z;
  }
}
