package org.rnn4j.model;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rnn4j.cell.Activation;
import org.rnn4j.cell.Cells;
import org.rnn4j.layer.Fusion;
import org.rnn4j.layer.Init;
import org.rnn4j.loss.Loss;
import org.rnn4j.loss.OutputActivation;

/**
 * Everything needed to rebuild a model: stored in its file's {@code __metadata__}, with
 * PyTorch's keys for the recurrent part and {@code rnn4j.*} keys for the rest.
 *
 * @param tokenInput whether inputs are token indices in [0, inputSize) (looked up, as one-hot)
 * @param fusion how a bidirectional layer combines its directions (PyTorch: concat)
 * @param dropout probability of dropping each output of every layer but the last, in training
 * @param outputSize width O of the dense head; 0 means no head (outputs are the hidden states)
 * @param init the weight initialisation (see {@link Init}); PyTorch's by default
 * @param initRadius after {@code init}, each square gate block of every W_hh is scaled to this
 *     spectral radius ({@link org.rnn4j.layer.SpectralScale}); 0 leaves the scheme's weights as they are
 * @param learnedInit whether the initial states are trained parameters ({@code h0_l0}, ...)
 */
public record ModelConfig(
    String cell, Activation nonlinearity, int inputSize, boolean tokenInput, int hiddenSize, int numLayers,
    boolean bidirectional, Fusion fusion, double dropout, boolean bias, boolean learnedInit, Init init,
    double initRadius, int outputSize, OutputActivation output, String loss, Reduction reduction, Mapping mapping) {

  /** How the summed loss is turned into the reported loss (and its gradient). */
  public enum Reduction {
    /** Σ over all output positions. */
    SUM,
    /** Σ divided by the number (total mask weight) of output positions, as PyTorch's "mean" for CE. */
    MEAN;

    public static Reduction parse(String s) {
      return switch (s.toLowerCase(java.util.Locale.ROOT)) {
        case "sum" -> SUM;
        case "mean" -> MEAN;
        default -> throw new IllegalArgumentException("reduction: expected sum or mean, found '" + s + "'");
      };
    }

    /** The total weight of {@code rows} output positions: Σ weight, or rows when weight is null (all ones). */
    public static double weightSum(float[] weight, int rows) {
      if (weight == null) {
        return rows;
      }
      double norm = 0;
      for (float w : weight) {
        norm += w;
      }
      return norm;
    }

    /**
     * {@code loss} on {@code rows} rows of z against y, reduced: returns Σ weight·loss (SUM) or that
     * divided by {@code norm}, the rows' total weight (MEAN), and adds the same reduction of dL/dz
     * into dz (which the caller has zeroed). The one reduction every model with a per-row loss uses.
     */
    public double lossAndGradient(Loss loss, float[] z, int rows, int o, float[] y, boolean indexTarget, float[] weight,
        double norm, float[] dz) {
      double total = loss.forward(z, rows, o, y, indexTarget, weight, dz);
      double scale = this == MEAN ? 1.0 / Math.max(norm, 1e-12) : 1.0;
      if (scale != 1.0) {
        for (int i = 0; i < rows * o; i++) {
          dz[i] *= (float) scale;
        }
      }
      return total * scale;
    }
  }

  public ModelConfig {
    Cells.factory(cell, nonlinearity); // validates the name
    positive("input_size", inputSize);
    positive("hidden_size", hiddenSize);
    positive("num_layers", numLayers);
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("dropout: expected a probability in [0, 1), found " + dropout);
    }
    if (!(initRadius >= 0) || Double.isInfinite(initRadius)) {
      throw new IllegalArgumentException("init_radius: expected a finite number >= 0 (0 = as initialised), found " + initRadius);
    }
    if (outputSize < 0) {
      throw new IllegalArgumentException("output_size: expected >= 0 (0 = no head), found " + outputSize);
    }
    if (tokenInput && mapping.kind() != Mapping.Kind.MANY_TO_MANY && mapping.kind() != Mapping.Kind.MANY_TO_ONE) {
      throw new IllegalArgumentException("token input: expected mapping many-to-many or many-to-one, found " + mapping.id());
    }
    Loss l = lossFunction(loss, output);
    if (l.output() != output) {
      throw new IllegalArgumentException("loss " + loss + ": expected output activation " + l.output().id()
          + ", found " + output.id());
    }
  }

  private static void positive(String name, int v) {
    if (v <= 0) {
      throw new IllegalArgumentException(name + ": expected a positive integer, found " + v);
    }
  }

  private static Loss lossFunction(String loss, OutputActivation output) {
    return Loss.parse(loss, output);
  }

  public Loss lossFunction() {
    return lossFunction(loss, output);
  }

  public int directions() {
    return bidirectional ? 2 : 1;
  }

  /** Width of the recurrent stack's output: D·H, or H when two directions are summed/averaged. */
  public int stackWidth() {
    return fusion == Fusion.CONCAT ? directions() * hiddenSize : hiddenSize;
  }

  /** Width of the model's output: the head's O, or the stack's width without a head. */
  public int outputWidth() {
    return outputSize > 0 ? outputSize : stackWidth();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.cell = cell; b.nonlinearity = nonlinearity; b.inputSize = inputSize; b.tokenInput = tokenInput; b.hiddenSize = hiddenSize;
    b.numLayers = numLayers; b.bidirectional = bidirectional; b.fusion = fusion; b.dropout = dropout; b.bias = bias; b.learnedInit = learnedInit; b.init = init;
    b.initRadius = initRadius;
    b.outputSize = outputSize; b.output = output; b.loss = loss; b.reduction = reduction; b.mapping = mapping;
    return b;
  }

  /** The file metadata: PyTorch's keys plus rnn4j's; all values strings. */
  public Map<String, String> toMetadata(String module) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("module", module);
    m.put("input_size", String.valueOf(inputSize));
    m.put("hidden_size", String.valueOf(hiddenSize));
    m.put("num_layers", String.valueOf(numLayers));
    m.put("bidirectional", String.valueOf(bidirectional));
    m.put("bias", String.valueOf(bias));
    if (module.equals("RNN")) {
      m.put("nonlinearity", nonlinearity.id());
    }
    m.put("rnn4j.cell", cell);
    m.put("rnn4j.token_input", String.valueOf(tokenInput));
    m.put("rnn4j.fusion", fusion.id());
    m.put("rnn4j.dropout", String.valueOf(dropout));
    m.put("rnn4j.nonlinearity", nonlinearity.id());
    m.put("rnn4j.learned_init", String.valueOf(learnedInit));
    m.put("rnn4j.init", init.id());
    if (initRadius > 0) {
      m.put("rnn4j.init_radius", String.valueOf(initRadius));
    }
    m.put("rnn4j.output_size", String.valueOf(outputSize));
    m.put("rnn4j.output_activation", output.id());
    m.put("rnn4j.loss", loss);
    m.put("rnn4j.reduction", reduction.name().toLowerCase(java.util.Locale.ROOT));
    m.put("rnn4j.mapping", mapping.id());
    if (readsFinalStates()) {
      m.put(READOUT_KEY, READOUT_FINAL_STATES);
    }
    return m;
  }

  /**
   * Metadata key of a bidirectional many-to-one model's readout: {@value #READOUT_FINAL_STATES}
   * (each direction after the whole sequence, see {@link RnnModel}). Files written before it
   * existed read both directions at the last step, which rnn4j no longer computes, so they are
   * refused rather than loaded with other outputs.
   */
  public static final String READOUT_KEY = "rnn4j.readout";
  public static final String READOUT_FINAL_STATES = "final-states";

  /**
   * Whether the head reads each direction's final state, fuse(→h_{len−1}, ←h_0) (a bidirectional
   * many-to-one model, see {@link org.rnn4j.layer.Bidirectional#readFinal}) rather than the top
   * layer's output at the output steps.
   */
  public boolean readsFinalStates() {
    return bidirectional && mapping.kind() == Mapping.Kind.MANY_TO_ONE;
  }

  /**
   * Rebuilds a config from file metadata. A plain PyTorch file (no rnn4j keys) becomes a
   * headless model whose loss is ½·Σ(output − target)².
   */
  public static ModelConfig fromMetadata(Map<String, String> m) {
    Builder b = builder();
    String module = require(m, "module");
    b.cell(m.containsKey("rnn4j.cell") ? m.get("rnn4j.cell") : Cells.kindOfModule(module)); // rnn4j's own modules name their cell
    b.nonlinearity(Activation.parse(m.getOrDefault("rnn4j.nonlinearity", m.getOrDefault("nonlinearity", "tanh"))));
    b.inputSize(integer(m, "input_size"));
    b.tokenInput(bool(m, "rnn4j.token_input", false));
    b.hiddenSize(integer(m, "hidden_size"));
    b.numLayers(integer(m, "num_layers"));
    b.bidirectional(bool(m, "bidirectional", false));
    b.fusion(Fusion.parse(m.getOrDefault("rnn4j.fusion", "concat")));
    b.dropout(number(m, "rnn4j.dropout", 0));
    b.bias(bool(m, "bias", true));
    b.learnedInit(bool(m, "rnn4j.learned_init", false));
    b.init(Init.parse(m.getOrDefault("rnn4j.init", "pytorch")));
    b.initRadius(number(m, "rnn4j.init_radius", 0));
    b.outputSize(m.containsKey("rnn4j.output_size") ? integer(m, "rnn4j.output_size") : 0);
    b.output(OutputActivation.parse(m.getOrDefault("rnn4j.output_activation", "identity")));
    b.loss(m.getOrDefault("rnn4j.loss", "mse"));
    b.reduction(Reduction.parse(m.getOrDefault("rnn4j.reduction", "sum")));
    b.mapping(Mapping.parse(m.getOrDefault("rnn4j.mapping", "many-to-many")));
    ModelConfig c = b.build();
    String readout = m.get(READOUT_KEY);
    if (c.readsFinalStates() && readout == null) {
      throw new IllegalArgumentException("a bidirectional many-to-one model from before rnn4j read each direction after the"
          + " whole sequence (no '" + READOUT_KEY + "' key): its head learned both directions at the last step, which"
          + " this version no longer computes; train it again");
    }
    if (readout != null && !(c.readsFinalStates() && readout.equals(READOUT_FINAL_STATES))) {
      throw new IllegalArgumentException("model metadata '" + READOUT_KEY + "': expected " + (c.readsFinalStates()
          ? READOUT_FINAL_STATES : "none (only a bidirectional many-to-one model has a readout)") + ", found '" + readout + "'");
    }
    return c;
  }

  private static String require(Map<String, String> m, String key) {
    String v = m.get(key);
    if (v == null) {
      throw new IllegalArgumentException("model metadata: expected key '" + key + "', found keys " + m.keySet());
    }
    return v;
  }

  private static int integer(Map<String, String> m, String key) {
    String v = require(m, key);
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("model metadata '" + key + "': expected an integer, found '" + v + "'");
    }
  }

  private static double number(Map<String, String> m, String key, double dflt) {
    String v = m.get(key);
    if (v == null) {
      return dflt;
    }
    try {
      return Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("model metadata '" + key + "': expected a number, found '" + v + "'");
    }
  }

  private static boolean bool(Map<String, String> m, String key, boolean dflt) {
    String v = m.get(key);
    if (v == null) {
      return dflt;
    }
    return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default -> throw new IllegalArgumentException("model metadata '" + key + "': expected true or false, found '" + v + "'");
    };
  }

  /** Defaults: Elman tanh, 1 layer, bias, zero initial state, MSE on an identity head, mean, many-to-many. */
  public static final class Builder {
    private String cell = "elman";
    private Activation nonlinearity = Activation.TANH;
    private int inputSize = 1;
    private boolean tokenInput;
    private int hiddenSize = 16;
    private int numLayers = 1;
    private boolean bidirectional;
    private Fusion fusion = Fusion.CONCAT;
    private double dropout;
    private boolean bias = true;
    private boolean learnedInit;
    private Init init = Init.PYTORCH;
    private double initRadius;
    private int outputSize = 1;
    private OutputActivation output = OutputActivation.IDENTITY;
    private String loss = "mse";
    private Reduction reduction = Reduction.MEAN;
    private Mapping mapping = Mapping.MANY_TO_MANY;

    public Builder cell(String v) { cell = v; return this; }
    public Builder nonlinearity(Activation v) { nonlinearity = v; return this; }
    public Builder inputSize(int v) { inputSize = v; return this; }
    public Builder tokenInput(boolean v) { tokenInput = v; return this; }
    public Builder hiddenSize(int v) { hiddenSize = v; return this; }
    public Builder numLayers(int v) { numLayers = v; return this; }
    public Builder bidirectional(boolean v) { bidirectional = v; return this; }
    public Builder fusion(Fusion v) { fusion = v; return this; }
    public Builder dropout(double v) { dropout = v; return this; }
    public Builder bias(boolean v) { bias = v; return this; }
    public Builder learnedInit(boolean v) { learnedInit = v; return this; }
    public Builder init(Init v) { init = v; return this; }
    public Builder initRadius(double v) { initRadius = v; return this; }
    public Builder outputSize(int v) { outputSize = v; return this; }
    public Builder output(OutputActivation v) { output = v; return this; }
    public Builder reduction(Reduction v) { reduction = v; return this; }
    public Builder mapping(Mapping v) { mapping = v; return this; }

    /** Sets the loss and the output activation it requires (ce → softmax, bce → sigmoid). */
    public Builder loss(String v) {
      loss = v;
      Loss l = Loss.parse(v, output);
      output = l.output();
      return this;
    }

    public ModelConfig build() {
      return new ModelConfig(cell, nonlinearity, inputSize, tokenInput, hiddenSize, numLayers, bidirectional, fusion, dropout, bias,
          learnedInit, init, initRadius, outputSize, output, loss, reduction, mapping);
    }
  }
}
