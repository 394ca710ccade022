package org.rnn4j.model;

import java.util.Random;
import org.rnn4j.layer.Linear;
import org.rnn4j.layer.RecurrentStack;
import org.rnn4j.loss.Loss;
import org.rnn4j.model.ModelConfig.Reduction;
import org.rnn4j.tensor.Parameters;
import org.rnn4j.tensor.ShapeException;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.cell.Cells;

/**
 * A recurrent stack, an optional dense head {@code o_t = f_o(W_o h_t + b_o)} at the output
 * steps the mapping chooses, and a loss. Holds the workspaces of its last forward call, so one
 * instance trains one batch at a time.
 */
public final class RnnModel {
  private final ModelConfig config;
  private final RecurrentStack stack;
  private final Linear head; // null when outputSize == 0
  private final Loss loss;
  private final Parameters params;

  // Saved by forward for backward.
  private Mapping.Layout layout;
  private Tensor input;
  private float[] headIn; // (T_out·B, D·H)

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
    this.stack = new RecurrentStack(Cells.factory(config.cell(), config.nonlinearity()), config.inputSize(),
        config.hiddenSize(), config.numLayers(), config.bidirectional(), config.fusion(), config.dropout(),
        config.bias(), config.learnedInit(), seed);
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
      stack.initParams(rng);
      if (head != null) {
        head.initParams(rng);
      }
    }
  }

  /** Training mode turns dropout on; inference (the default) turns it off. */
  public void setTraining(boolean on) {
    stack.setTraining(on);
  }

  public ModelConfig config() { return config; }
  public Parameters parameters() { return params; }
  public RecurrentStack stack() { return stack; }

  /** What one forward call computed: outputs after f_o, all hidden outputs, final states. */
  public record Output(Tensor output, Tensor hidden, Tensor[] finalStates) {}

  /** Gradients with respect to the inputs of one batch (parameter gradients go to the buffer). */
  public record InputGradients(Tensor x, Tensor[] initial) {}

  /** Runs the model; {@code outSteps} is T_out (use {@link Mapping#defaultOutputSteps}). */
  public Output forward(Tensor x, int outSteps, Tensor[] initial) {
    float[] z = forwardPreActivation(x, outSteps, initial);
    int rows = layout.outputSteps().length * layout.batch();
    int o = config.outputWidth();
    float[] out = new float[rows * o];
    loss.output().apply(z, rows, o, out);
    int t = layout.steps(), b = layout.batch(), dh = stack.outputSize();
    float[] hidden = new float[t * b * dh];
    System.arraycopy(stack.forwardOutput(), 0, hidden, 0, hidden.length);
    Tensor[] finals = new Tensor[stack.states()];
    for (int k = 0; k < finals.length; k++) {
      finals[k] = Tensor.of(stack.finalState(k), stack.units().size(), b, config.hiddenSize());
    }
    return new Output(Tensor.of(out, layout.outputSteps().length, b, o), Tensor.of(hidden, t, b, dh), finals);
  }

  public Output forward(Tensor x) {
    int t = x.rank() == 3 ? x.dim(0) : 0;
    return forward(x, config.mapping().defaultOutputSteps(t), null);
  }

  /**
   * Forward, loss and backward for one batch. Accumulates (+=) parameter gradients into the
   * buffer (the caller zeroes them) and returns the reduced loss with the input gradients.
   */
  public double lossAndGradient(Batch batch, InputGradients[] inputGrads) {
    int b = batch.size();
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
    float[] z = forwardPreActivation(batch.x(), outSteps, batch.initial());
    int rows = outSteps * b;
    float[] weight = null;
    double norm = rows;
    if (batch.mask() != null) {
      batch.mask().requireShape("mask (T_out, B)", outSteps, b);
      weight = batch.mask().data();
      norm = 0;
      for (float w : weight) {
        norm += w;
      }
    }
    float[] dz = new float[rows * o];
    double total = loss.forward(z, rows, o, y.data(), indexTarget, weight, dz);
    double scale = config.reduction() == Reduction.MEAN ? 1.0 / Math.max(norm, 1e-12) : 1.0;
    if (scale != 1.0) {
      for (int i = 0; i < dz.length; i++) {
        dz[i] *= (float) scale;
      }
    }
    InputGradients g = backward(dz, inputGrads != null);
    if (inputGrads != null) {
      inputGrads[0] = g;
    }
    return total * scale;
  }

  private float[] forwardPreActivation(Tensor x, int outSteps, Tensor[] initial) {
    Mapping mapping = config.mapping();
    if (mapping.vectorInput()) {
      if (x.rank() == 3 && x.dim(0) == 1) {
        x = x.reshape(x.dim(1), x.dim(2));
      }
      x.requireShape("input (B, I)", -1, config.inputSize());
    } else {
      x.requireShape("input (T, B, I)", -1, -1, config.inputSize());
      if (x.dim(0) == 0) {
        throw new ShapeException("input (T, B, I): expected at least one time step, found T = 0");
      }
    }
    this.input = x;
    this.layout = mapping.layout(x, outSteps);
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
    float[] hidden = stack.forward(layout.input(), t, b, init);
    int[] steps = layout.outputSteps();
    int dh = stack.outputSize();
    int rows = steps.length * b;
    headIn = new float[rows * dh];
    for (int i = 0; i < steps.length; i++) {
      System.arraycopy(hidden, steps[i] * b * dh, headIn, i * b * dh, b * dh);
    }
    if (head == null) {
      return headIn.clone();
    }
    float[] z = new float[rows * config.outputSize()];
    head.forward(headIn, rows, z);
    return z;
  }

  /** Backward from dL/dz at the output steps; returns dL/dx and dL/d(initial states). */
  private InputGradients backward(float[] dz, boolean wantInputGrads) {
    int[] steps = layout.outputSteps();
    int b = layout.batch(), t = layout.steps(), dh = stack.outputSize();
    int rows = steps.length * b;
    float[] dHeadIn;
    if (head == null) {
      dHeadIn = dz;
    } else {
      dHeadIn = new float[rows * dh];
      head.backward(headIn, dz, rows, dHeadIn);
    }
    float[] dHidden = new float[t * b * dh];
    for (int i = 0; i < steps.length; i++) {
      int dst = steps[i] * b * dh;
      for (int j = 0; j < b * dh; j++) {
        dHidden[dst + j] += dHeadIn[i * b * dh + j];
      }
    }
    float[] dFull = wantInputGrads ? new float[layout.input().length] : null;
    float[][] dInit = null;
    if (wantInputGrads) {
      dInit = new float[stack.states()][stack.units().size() * b * config.hiddenSize()];
    }
    stack.backward(dHidden, null, dFull, dInit);
    if (!wantInputGrads) {
      return null;
    }
    Tensor[] di = new Tensor[dInit.length];
    for (int k = 0; k < di.length; k++) {
      di[k] = Tensor.of(dInit[k], stack.units().size(), b, config.hiddenSize());
    }
    return new InputGradients(config.mapping().inputGradient(dFull, input), di);
  }
}
