package org.rnn4j.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.rnn4j.layer.LayerSpec;
import org.rnn4j.layer.Linear;
import org.rnn4j.layer.RecurrentStack;
import org.rnn4j.layer.SpectralScale;
import org.rnn4j.loss.Loss;
import org.rnn4j.loss.SequenceLoss;
import org.rnn4j.math.Kernels;
import org.rnn4j.math.Rng;
import org.rnn4j.model.ModelConfig.Reduction;
import org.rnn4j.tensor.Parameters;
import org.rnn4j.tensor.ShapeException;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.cell.Cells;

/**
 * A recurrent stack, an optional dense head {@code o_t = f_o(W_o h_t + b_o)} at the output
 * steps the mapping chooses, and a loss. Many-to-one reads each row's own last step, len − 1; a
 * bidirectional many-to-one model reads each direction after the whole sequence, fuse(→h_{len−1},
 * ←h_0), as Keras' {@code return_sequences=False} and PyTorch's {@code h_n} do. Holds the
 * workspaces of its last forward call, so one instance trains one batch at a time.
 */
public final class RnnModel implements Trainable<Batch> {
  private final ModelConfig config;
  private final RecurrentStack stack;
  private final Linear head; // null when outputSize == 0
  private final Loss loss;
  private SequenceLoss sequenceLoss; // when set, trains in place of loss
  private Parameters params;

  // Saved by forward for backward.
  private Mapping.Layout layout;
  private Tensor input;
  private float[] headIn; // (T_out·B, D·H); the stack's output itself when outputsAreAllSteps()
  /** Arrays of a training step kept for the next one (each is megabytes per step otherwise). */
  private float[] zBuffer, dzBuffer, dHiddenBuffer;
  private int[] lengths; // of the last forward, or null
  private float[] lastOutput; // of the last forward(..) call, for backward(dL/dy); null after a training call
  private double lossWeight; // of the last lossAndGradient

  /**
   * A new model with PyTorch's default initialisation from a seeded generator (the seed also
   * starts the dropout masks' generator).
   */
  public RnnModel(ModelConfig config, long seed) {
    this(config, seed, true);
  }

  /** A model with all parameters zero, to be filled (e.g. from a file). */
  public RnnModel(ModelConfig config) {
    this(config, 0L, false);
  }

  private RnnModel(ModelConfig config, long seed, boolean initialise) {
    this.config = config;
    this.stack = new RecurrentStack(Cells.factory(config.cell(), config.nonlinearity()), layerSpec(config), seed);
    this.head = config.outputSize() > 0 ? new Linear("head", stack.outputSize(), config.outputSize()) : null;
    this.loss = config.lossFunction();
    Parameters.Builder b = new Parameters.Builder();
    stack.declare(b);
    if (head != null) {
      head.declare(b);
    }
    this.params = b.build();
    stack.bind(params);
    if (head != null) {
      head.bind(params);
    }
    if (initialise) {
      Random rng = new Random(seed);
      stack.initParams(rng, config.init());
      if (config.initRadius() > 0) {
        SpectralScale.scaleRecurrent(params, stack.units(), config.initRadius());
      }
      if (head != null) {
        head.initParams(rng);
      }
    }
  }

  /** The recurrent part of a model config. */
  static LayerSpec layerSpec(ModelConfig c) {
    return new LayerSpec(c.inputSize(), c.hiddenSize(), c.numLayers(), c.bidirectional(), c.fusion(), c.dropout(),
        c.bias(), c.tokenInput(), c.learnedInit());
  }

  /** Training mode turns dropout on; inference (the default) turns it off. */
  @Override
  public void setTraining(boolean on) {
    stack.setTraining(on);
  }

  public ModelConfig config() { return config; }
  Linear head() { return head; }

  /**
   * The current weights packed for streaming inference, to share among any number of steppers
   * and threads (see {@link PackedModel}); pack once, and again after the weights change.
   */
  public PackedModel packed() {
    return new PackedModel(this);
  }

  /** A streaming stepper for {@code batch} sequences on freshly packed weights (see {@link Stepper}). */
  public Stepper stepper(int batch) {
    return packed().stepper(batch);
  }
  @Override
  public Parameters parameters() { return params; }

  /** Moves the parameters into {@code shared} (same names), for a model composed around this one. */
  void bind(Parameters shared) {
    params = shared;
    stack.bind(shared);
    if (head != null) {
      head.bind(shared);
    }
  }
  public RecurrentStack stack() { return stack; }

  /** What one forward call computed: outputs after f_o, all hidden outputs, final states. */
  public record Output(Tensor output, Tensor hidden, Tensor[] finalStates) {}

  /** Gradients with respect to the inputs of one batch (parameter gradients go to the buffer). */
  public record InputGradients(Tensor x, Tensor[] initial) {}

  /** Runs the model; {@code outSteps} is T_out (use {@link Mapping#defaultOutputSteps}). */
  public Output forward(Tensor x, int outSteps, Tensor[] initial) {
    return forward(x, outSteps, initial, null);
  }

  /** As above, with each sequence's own length (see {@link Batch#lengths}), or null. */
  public Output forward(Tensor x, int outSteps, Tensor[] initial, int[] lengths) {
    float[] z = forwardPreActivation(x, outSteps, initial, lengths);
    int rows = layout.outputSteps().length * layout.batch();
    int o = config.outputWidth();
    float[] out = new float[rows * o];
    loss.output().apply(z, rows, o, out);
    lastOutput = out;
    int t = layout.steps(), b = layout.batch(), dh = stack.outputSize();
    float[] hidden = new float[t * b * dh];
    System.arraycopy(stack.forwardOutput(), 0, hidden, 0, hidden.length);
    return new Output(Tensor.of(out, layout.outputSteps().length, b, o), Tensor.of(hidden, t, b, dh), finalStates());
  }

  public Output forward(Tensor x) {
    int t = config.mapping().vectorInput() ? 0 : x.dim(0);
    return forward(x, config.mapping().defaultOutputSteps(t), null);
  }

  /**
   * One step of a stateful stream: x_t (B, I) (or (B) tokens) and the carried states (null to
   * start from the model's initial state); returns the output (1, B, O) and the new states.
   * Running a sequence step by step gives exactly what one call over the whole sequence gives.
   */
  public Output step(Tensor xt, Tensor[] state) {
    if (config.mapping().kind() != Mapping.Kind.MANY_TO_MANY) {
      throw new IllegalArgumentException("step: expected a many-to-many model, found mapping " + config.mapping().id());
    }
    int[] shape = xt.shape();
    int[] seq = new int[shape.length + 1];
    seq[0] = 1;
    System.arraycopy(shape, 0, seq, 1, shape.length);
    return forward(xt.reshape(seq), 1, state);
  }

  /** The final states (L·D, B, H) of the last forward or training call, one per carried state. */
  public Tensor[] finalStates() {
    Tensor[] finals = new Tensor[stack.states()];
    for (int k = 0; k < finals.length; k++) {
      finals[k] = Tensor.of(stack.finalState(k), stack.units().size(), layout.batch(), config.hiddenSize());
    }
    return finals;
  }

  /** The batch size of an input for this model's mapping and input kind. */
  private int batchSize(Tensor x) {
    if (config.mapping().vectorInput()) {
      return x.rank() == 3 ? x.dim(1) : x.dim(0);
    }
    return x.rank() >= 2 ? x.dim(1) : 0;
  }

  /** {@link #lossAndGradient(Batch, InputGradients[])} without input gradients. */
  @Override
  public double lossAndGradient(Batch batch) {
    return lossAndGradient(batch, null);
  }

  /**
   * The number (total mask weight) of output positions the last {@link #lossAndGradient} summed
   * over, the divisor of the {@link Reduction#MEAN} reduction. Parts of a batch trained apart
   * (e.g. on several machines) with {@link Reduction#SUM} give the whole batch's mean as
   * Σ losses / Σ weights.
   */
  public double lossWeight() {
    return lossWeight;
  }

  /** (T, B, I) sequences and (T, B) tokens: T·B; a (B, I) vector per sequence: B. */
  @Override
  public long positions(Batch batch) {
    int[] xs = batch.x().shape();
    return xs.length == 3 || config.tokenInput() ? (long) xs[0] * xs[1] : xs[0];
  }

  @Override
  public Rng trainingRng() {
    return stack.dropoutRng();
  }

  /** The config under PyTorch's and rnn4j's keys; a mutable copy. */
  @Override
  public Map<String, String> fileMetadata() {
    return new LinkedHashMap<>(config.toMetadata(stack.units().get(0).cell().module()));
  }

  /**
   * Trains with a loss on the whole output sequence in place of the config's per-step loss (null
   * goes back to it): {@link #lossAndGradient} then runs the model over the mapping's default
   * output steps, hands the head's pre-activations z (T_out, B, O), the batch's targets {@code y}
   * and its {@code lengths} (many-to-many only) to {@code l}, and back-propagates the dL/dz it
   * returns; so the {@link org.rnn4j.train.Trainer} trains it as any other model. A batch for it
   * has no mask. The config's output activation still shapes {@link #forward}'s outputs. {@link
   * #lossWeight} is then B (a sequence loss reduces over sequences). The loss is not part of the
   * model's file: set it again on a loaded or resumed model.
   */
  public void setSequenceLoss(SequenceLoss l) {
    sequenceLoss = l;
  }

  /**
   * Backward from an externally computed dL/dy, y (T_out, B, O) the outputs of the last {@link
   * #forward} call (after the output activation): accumulates (+=) dL/dθ into the gradient buffer
   * (the caller zeroes it) and returns dL/dx and dL/d(initial states). The custom-loss route for
   * a loop of one's own; call {@link #setTraining}(true) before the forward call for dropout.
   */
  public InputGradients backward(Tensor dOutput) {
    if (lastOutput == null) {
      throw new IllegalStateException("backward: expected a forward(..) call before it (a training call replaced its outputs)");
    }
    int rows = layout.outputSteps().length * layout.batch(), o = config.outputWidth();
    dOutput.requireShape("dL/dy (T_out, B, O)", layout.outputSteps().length, layout.batch(), o);
    float[] dz = new float[rows * o];
    loss.output().backward(lastOutput, dOutput.data(), rows, o, dz);
    return backward(dz, true);
  }

  /**
   * Forward, loss and backward for one batch. Accumulates (+=) parameter gradients into the
   * buffer (the caller zeroes them) and returns the reduced loss with the input gradients.
   */
  public double lossAndGradient(Batch batch, InputGradients[] inputGrads) {
    double total = sequenceLoss != null ? sequenceLossForward(batch) : stepLossForward(batch);
    lastOutput = null;
    InputGradients g = backward(dzBuffer, inputGrads != null);
    if (inputGrads != null) {
      inputGrads[0] = g;
    }
    return total;
  }

  /** Forward and the sequence loss over the mapping's default output steps; dL/dz left in dzBuffer. */
  private double sequenceLossForward(Batch batch) {
    if (batch.mask() != null) {
      throw new IllegalArgumentException("mask: expected none with a sequence loss, found " + batch.mask().shapeString());
    }
    int outSteps = config.mapping().defaultOutputSteps(config.mapping().vectorInput() ? 0 : batch.x().dim(0));
    float[] z = forwardPreActivation(batch.x(), outSteps, batch.initial(), batch.lengths());
    int b = layout.batch(), o = config.outputWidth();
    lossWeight = b;
    dzBuffer = sized(dzBuffer, outSteps * b * o);
    int[] len = config.mapping().kind() == Mapping.Kind.MANY_TO_MANY ? batch.lengths() : null;
    return sequenceLoss.lossAndGradient(Tensor.of(z, outSteps, b, o), batch.y(), len, dzBuffer);
  }

  /** Forward and the config's per-step loss, reduced; dL/dz left in dzBuffer. */
  private double stepLossForward(Batch batch) {
    int b = batchSize(batch.x());
    int o = config.outputWidth();
    boolean manyToOne = config.mapping().kind() == Mapping.Kind.MANY_TO_ONE;
    // Targets: (T_out, B, O) values or (T_out, B) class indices; many-to-one also takes (B, O) / (B).
    Tensor y = batch.y();
    if (manyToOne && y.rank() == 1) {
      y = y.reshape(1, y.dim(0)); // (B) class indices
    } else if (manyToOne && y.rank() == 2 && y.hasShape(b, o) && !(y.hasShape(1, b) && config.loss().equals("ce"))) {
      y = y.reshape(1, b, o); // (B, O) values
    }
    boolean indexTarget = y.rank() == 2;
    if (indexTarget) {
      y.requireShape("class-index target (T_out, B)", -1, b);
    } else {
      y.requireShape("target (T_out, B, O)", -1, b, o);
    }
    int outSteps = y.dim(0);
    float[] z = forwardPreActivation(batch.x(), outSteps, batch.initial(), batch.lengths());
    int rows = outSteps * b;
    float[] weight = null;
    if (batch.mask() != null) {
      batch.mask().requireShape("mask (T_out, B)", outSteps, b);
      weight = batch.mask().data().clone();
    }
    if (batch.lengths() != null && !manyToOne) { // padded steps are not part of the loss
      weight = weight != null ? weight : filled(rows, 1f);
      for (int t = 0; t < outSteps; t++) {
        for (int r = 0; r < b; r++) {
          if (t >= batch.lengths()[r]) {
            weight[t * b + r] = 0f;
          }
        }
      }
    }
    lossWeight = Reduction.weightSum(weight, rows);
    float[] dz = dzBuffer = zeroed(dzBuffer, rows * o);
    return config.reduction().lossAndGradient(loss, z, rows, o, y.data(), indexTarget, weight, lossWeight, dz);
  }

  private static float[] filled(int n, float v) {
    float[] a = new float[n];
    java.util.Arrays.fill(a, v);
    return a;
  }

  private float[] forwardPreActivation(Tensor x, int outSteps, Tensor[] initial, int[] lengths) {
    Mapping mapping = config.mapping();
    if (mapping.vectorInput()) {
      if (x.rank() == 3 && x.dim(0) == 1) {
        x = x.reshape(x.dim(1), x.dim(2));
      }
      x.requireShape("input (B, I)", -1, config.inputSize());
    } else if (config.tokenInput()) {
      x.requireShape("token input (T, B)", -1, -1);
      requireTokens(x);
    } else {
      x.requireShape("input (T, B, I)", -1, -1, config.inputSize());
    }
    if (!mapping.vectorInput() && x.dim(0) == 0) {
      throw new ShapeException("input: expected at least one time step, found T = 0");
    }
    this.input = x;
    this.layout = mapping.layout(config.tokenInput() ? x.reshape(x.dim(0), x.dim(1), 1) : x, outSteps);
    this.lengths = lengths;
    if (lengths != null) {
      requireLengths(lengths, x);
    }
    int t = layout.steps(), b = layout.batch();
    float[][] init = null;
    if (initial != null) {
      init = new float[stack.states()][];
      String[] names = {"h0", "c0"};
      for (int k = 0; k < init.length; k++) {
        if (k < initial.length && initial[k] != null) {
          initial[k].requireShape(names[k] + " (L·D, B, H)", stack.units().size(), b, config.hiddenSize());
          init[k] = initial[k].data();
        }
      }
    }
    float[] hidden = stack.forward(layout.input(), t, b, init, lengths);
    int[] steps = layout.outputSteps();
    int dh = stack.outputSize();
    int rows = steps.length * b;
    if (outputsAreAllSteps()) { // the head reads the stack's output where it lies
      headIn = hidden;
    } else if (config.readsFinalStates()) { // fuse(→h_{len−1}, ←h_0), see Bidirectional#readFinal
      headIn = stack.readFinal(); // (B, W)
    } else {
      headIn = new float[rows * dh];
      for (int i = 0; i < steps.length; i++) {
        for (int r = 0; r < b; r++) {
          System.arraycopy(hidden, (outputStep(steps, i, r) * b + r) * dh, headIn, (i * b + r) * dh, dh);
        }
      }
    }
    if (head == null) {
      return Arrays.copyOf(headIn, rows * dh);
    }
    float[] z = zBuffer = sized(zBuffer, rows * config.outputSize()); // written whole
    head.forward(headIn, rows, z);
    return z;
  }

  /** Whether output i of every row is hidden step i (many-to-many aligned). */
  private boolean outputsAreAllSteps() {
    int[] steps = layout.outputSteps();
    if (steps.length != layout.steps() || lengths != null && config.mapping().kind() == Mapping.Kind.MANY_TO_ONE
        || config.readsFinalStates()) {
      return false;
    }
    for (int i = 0; i < steps.length; i++) {
      if (steps[i] != i) {
        return false;
      }
    }
    return true;
  }

  /** {@code buf} when it holds n floats (old contents kept), else a new array of n. */
  private static float[] sized(float[] buf, int n) {
    return buf != null && buf.length == n ? buf : new float[n];
  }

  /** {@link #sized}, cleared. */
  private static float[] zeroed(float[] buf, int n) {
    float[] a = sized(buf, n);
    Arrays.fill(a, 0f);
    return a;
  }

  /** The step whose hidden state feeds output i of row r: many-to-one reads each row's own last step. */
  private int outputStep(int[] steps, int i, int r) {
    return lengths != null && config.mapping().kind() == Mapping.Kind.MANY_TO_ONE ? lengths[r] - 1 : steps[i];
  }

  private void requireTokens(Tensor x) {
    float[] d = x.data();
    for (int i = 0; i < d.length; i++) {
      if (d[i] != (int) d[i] || d[i] < 0 || d[i] >= config.inputSize()) {
        throw new IllegalArgumentException("token input: expected integer indices in [0, " + config.inputSize()
            + "), found " + d[i] + " at flat index " + i);
      }
    }
  }

  private void requireLengths(int[] len, Tensor x) {
    Mapping.Kind k = config.mapping().kind();
    if (k != Mapping.Kind.MANY_TO_MANY && k != Mapping.Kind.MANY_TO_ONE) {
      throw new IllegalArgumentException("lengths: expected a many-to-many or many-to-one model, found " + config.mapping().id());
    }
    int t = x.dim(0), b = x.dim(1);
    if (len.length != b) {
      throw new ShapeException("lengths: expected " + b + " entries (one per sequence), found " + len.length);
    }
    for (int r = 0; r < b; r++) {
      if (len[r] < 1 || len[r] > t) {
        throw new IllegalArgumentException("lengths: expected values in [1, " + t + "], found " + len[r] + " for sequence " + r);
      }
    }
  }

  /** Backward from dL/dz at the output steps; returns dL/dx and dL/d(initial states). */
  private InputGradients backward(float[] dz, boolean wantInputGrads) {
    int[] steps = layout.outputSteps();
    int b = layout.batch(), t = layout.steps(), dh = stack.outputSize();
    int rows = steps.length * b;
    float[] dHidden; // dL/d(stack output), (T, B, D·H)
    float[][] dFinal = null; // dL/d(final states), (L·D, B, H): only a bidirectional many-to-one model's
    if (head != null && outputsAreAllSteps()) {
      dHidden = dHiddenBuffer = sized(dHiddenBuffer, t * b * dh);
      head.backward(headIn, 0, dz, 0, rows, dHidden, 0, false); // written whole
    } else {
      dHidden = dHiddenBuffer = zeroed(dHiddenBuffer, t * b * dh);
      float[] dHeadIn = dz;
      if (head != null) {
        dHeadIn = new float[rows * dh];
        head.backward(headIn, 0, dz, 0, rows, dHeadIn, 0, false);
      }
      if (config.readsFinalStates()) { // δ goes to the top pair's final states, see Bidirectional#readFinal
        dFinal = stack.readFinalBackward(dHeadIn);
      } else {
        for (int i = 0; i < steps.length; i++) {
          for (int r = 0; r < b; r++) {
            int dst = (outputStep(steps, i, r) * b + r) * dh, src = (i * b + r) * dh;
            Kernels.pointwise().addTo(dHeadIn, src, dHidden, dst, dh);
          }
        }
      }
    }
    float[] dFull = wantInputGrads ? new float[layout.input().length] : null;
    float[][] dInit = null;
    if (wantInputGrads) {
      dInit = new float[stack.states()][stack.units().size() * b * config.hiddenSize()];
    }
    stack.backward(dHidden, dFinal, dFull, dInit);
    if (!wantInputGrads) {
      return null;
    }
    Tensor[] di = new Tensor[dInit.length];
    for (int k = 0; k < di.length; k++) {
      di[k] = Tensor.of(dInit[k], stack.units().size(), b, config.hiddenSize());
    }
    Tensor dx = config.tokenInput() ? null : config.mapping().inputGradient(dFull, input);
    return new InputGradients(dx, di);
  }
}
