package org.rnn4j.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.rnn4j.cell.Activation;
import org.rnn4j.layer.Linear;
import org.rnn4j.loss.Loss;
import org.rnn4j.model.ModelConfig.Reduction;
import org.rnn4j.tensor.Parameters;
import org.rnn4j.tensor.ShapeException;
import org.rnn4j.tensor.Tensor;

/**
 * Output-only recurrence: the output of step t − 1 is the only thing step t receives from the
 * past, with no hidden-to-hidden weights. For the input {@code x_t = [ŷ_{t−1}; c_t]} that
 * {@link OutputFeedback} builds (the fed-back output, O values, then C condition values),
 *
 * <pre>
 *   h_t = f(W_y ŷ_{t−1} + W_x c_t + b)    (B, H)    input.weight (H, O + C) = [W_y  W_x], input.bias (H)
 *   o_t = f_o(W_o h_t + b_o)              (B, O)    head.weight (O, H), head.bias (O)
 * </pre>
 *
 * Under teacher forcing ŷ_{t−1} = y*_{t−1} is known before the run, so the steps do not depend
 * on each other: {@link #lossAndGradient} runs every step of every sequence as T·B rows of one
 * GEMM per layer, and its backward has no loop over time (δz from the loss; δh = (δz W_o) ⊙
 * f'(h); each layer's weight gradient is one GEMM over all T·B rows). Free-running generation
 * ({@link OutputFeedback#generate}) calls {@link #step} and feeds each output back. f is the
 * config's nonlinearity; the config must be one unidirectional layer of dense inputs with a head
 * (its cell is not used). Files carry {@code rnn4j.recurrence = output}.
 */
public final class OutputRecurrentModel implements Trainable<Batch> {
  /** The metadata key and value that mark an output-recurrence model file. */
  public static final String RECURRENCE_KEY = "rnn4j.recurrence", RECURRENCE_OUTPUT = "output";

  private final ModelConfig config;
  private final Activation f;
  private final Linear input;
  private final Linear head;
  private final Loss loss;
  private final Parameters params;

  // Saved by forward for backward: the inputs (T·B, O + C) and the hidden activations h (T·B, H).
  private float[] inputs, hidden;
  /** Arrays of a training step kept for the next one: z (T·B, O), δz (T·B, O), δh (T·B, H). */
  private float[] zBuffer, dzBuffer, dhBuffer;

  /** A model with nn.Linear's default initialisation (uniform ±1/√fan_in) from a seeded generator. */
  public OutputRecurrentModel(ModelConfig config, long seed) {
    this(config);
    Random rng = new Random(seed);
    input.initParams(rng);
    head.initParams(rng);
  }

  /** A model with all parameters zero, to be filled (e.g. from a file). */
  public OutputRecurrentModel(ModelConfig config) {
    if (config.mapping().kind() != Mapping.Kind.MANY_TO_MANY || config.tokenInput() || config.outputSize() <= 0
        || config.numLayers() != 1 || config.bidirectional() || config.dropout() > 0) {
      throw new IllegalArgumentException("output recurrence: expected one unidirectional many-to-many layer with dense"
          + " inputs, a head and no dropout, found mapping " + config.mapping().id() + ", token input "
          + config.tokenInput() + ", output size " + config.outputSize() + ", layers " + config.numLayers()
          + (config.bidirectional() ? ", bidirectional" : "") + ", dropout " + config.dropout());
    }
    this.config = config;
    this.f = config.nonlinearity();
    this.input = new Linear("input", config.inputSize(), config.hiddenSize());
    this.head = new Linear("head", config.hiddenSize(), config.outputSize());
    this.loss = config.lossFunction();
    Parameters.Builder b = new Parameters.Builder();
    input.declare(b);
    head.declare(b);
    this.params = b.build();
    input.bind(params);
    head.bind(params);
  }

  public ModelConfig config() { return config; }

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
    Map<String, String> m = new LinkedHashMap<>(config.toMetadata("OutputRecurrent"));
    m.put(RECURRENCE_KEY, RECURRENCE_OUTPUT);
    return m;
  }

  /** Outputs (T, B, O) after the output activation for inputs x (T, B, O + C), every step at once. */
  public Tensor forward(Tensor x) {
    x.requireShape("input (T, B, I)", -1, -1, config.inputSize());
    int t = x.dim(0), b = x.dim(1), o = config.outputSize();
    float[] out = new float[t * b * o];
    config.output().apply(preActivation(x.data(), t * b), t * b, o, out);
    return Tensor.of(out, t, b, o);
  }

  /**
   * One step of free-running generation for B sequences: x_t (B, O + C) as a flat array; returns
   * the outputs (B, O) after the output activation. Nothing is carried from call to call.
   */
  public float[] step(float[] xt) {
    int in = config.inputSize();
    if (xt.length == 0 || xt.length % in != 0) {
      throw new ShapeException("step input: expected B·" + in + " values, found " + xt.length);
    }
    return forward(Tensor.of(xt, 1, xt.length / in, in)).data();
  }

  /** Forward, loss and backward: accumulates (+=) the parameter gradients and returns the reduced loss. */
  @Override
  public double lossAndGradient(Batch batch) {
    if (batch.lengths() != null || batch.initial() != null) {
      throw new IllegalArgumentException("output recurrence: expected a batch without lengths or initial states, found "
          + (batch.lengths() != null ? "lengths" : "initial states"));
    }
    Tensor x = batch.x(), y = batch.y();
    x.requireShape("input (T, B, I)", -1, -1, config.inputSize());
    int t = x.dim(0), b = x.dim(1), o = config.outputSize(), rows = t * b;
    boolean indexTarget = y.rank() == 2;
    if (indexTarget) {
      y.requireShape("class-index target (T, B)", t, b);
    } else {
      y.requireShape("target (T, B, O)", t, b, o);
    }
    float[] z = preActivation(x.data(), rows);
    float[] weight = null;
    if (batch.mask() != null) {
      batch.mask().requireShape("mask (T, B)", t, b);
      weight = batch.mask().data();
    }
    float[] dz = dzBuffer = sized(dzBuffer, rows * o);
    Arrays.fill(dz, 0f); // the loss adds into it
    double reduced = config.reduction().lossAndGradient(loss, z, rows, o, y.data(), indexTarget, weight,
        Reduction.weightSum(weight, rows), dz);
    float[] dh = dhBuffer = sized(dhBuffer, rows * config.hiddenSize());
    head.backward(hidden, 0, dz, 0, rows, dh, 0, false); // δW_o += δzᵀ h, δb_o += Σ δz, δh = δz W_o (written whole)
    for (int i = 0; i < dh.length; i++) {
      dh[i] *= f.derivFromOutput(hidden[i]); // δ(pre) = δh ⊙ f'(pre), from h itself
    }
    input.backward(inputs, dh, rows, null); // [δW_y δW_x] += δ(pre)ᵀ x, δb += Σ δ(pre)
    return reduced;
  }

  /** Runs both layers on n rows of inputs; returns the head's pre-activations (n, O). */
  private float[] preActivation(float[] x, int n) {
    if (n == 0) {
      throw new ShapeException("input: expected at least one time step and sequence, found none");
    }
    inputs = x;
    hidden = sized(hidden, n * config.hiddenSize());
    input.forward(x, n, hidden);
    f.apply(hidden, 0, hidden, 0, hidden.length);
    float[] z = zBuffer = sized(zBuffer, n * config.outputSize());
    head.forward(hidden, n, z);
    return z;
  }

  /** {@code buf} when it holds n floats, else a new array of n (every use writes it whole or clears it). */
  private static float[] sized(float[] buf, int n) {
    return buf != null && buf.length == n ? buf : new float[n];
  }
}
