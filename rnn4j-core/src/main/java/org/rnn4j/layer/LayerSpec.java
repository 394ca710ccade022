package org.rnn4j.layer;

/**
 * The shape and options of a recurrent layer: one {@link Recurrent} direction, or a whole
 * {@link RecurrentStack}. Each default is stated once, in {@link #of}; change one with the
 * {@code with…} methods:
 *
 * <pre>
 *   LayerSpec.of(inputSize, hidden)        1 layer, one direction, concat, no dropout, biases,
 *                                          dense input, zero initial states
 *     .withLayers(2).withBidirectional(true).withDropout(0.2)
 * </pre>
 *
 * @param inputSize I: the input width, or the vocabulary size when {@code tokenInput}
 * @param hidden H: the state width of each direction
 * @param layers L: stacked layers (a {@link Recurrent} takes one)
 * @param bidirectional whether each layer also runs in reverse (a {@link Recurrent} runs one direction)
 * @param fusion how a bidirectional layer combines its directions' outputs; ignored with one direction
 * @param dropout probability of dropping each output of every layer but the last, in training
 * @param bias whether the layers have {@code bias_ih} and {@code bias_hh}
 * @param tokenInput whether the first layer reads (T, B) token indices in [0, inputSize)
 *     instead of (T, B, I) vectors (see {@link InputProjection#lookup})
 * @param learnedInit whether the initial states are trained parameters ({@code h0_l0}, ...)
 */
public record LayerSpec(int inputSize, int hidden, int layers, boolean bidirectional, Fusion fusion, double dropout,
    boolean bias, boolean tokenInput, boolean learnedInit) {

  public LayerSpec {
    positive("input_size", inputSize);
    positive("hidden_size", hidden);
    positive("num_layers", layers);
    if (fusion == null) {
      throw new IllegalArgumentException("fusion: expected concat, sum, average or tanh, found null");
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("dropout: expected a probability in [0, 1), found " + dropout);
    }
  }

  private static void positive(String name, int v) {
    if (v <= 0) {
      throw new IllegalArgumentException(name + ": expected a positive integer, found " + v);
    }
  }

  /** One layer, one direction, dense input, biases, zero initial states, no dropout. */
  public static LayerSpec of(int inputSize, int hidden) {
    return new LayerSpec(inputSize, hidden, 1, false, Fusion.CONCAT, 0, true, false, false);
  }

  public LayerSpec withInputSize(int v) {
    return new LayerSpec(v, hidden, layers, bidirectional, fusion, dropout, bias, tokenInput, learnedInit);
  }

  public LayerSpec withLayers(int v) {
    return new LayerSpec(inputSize, hidden, v, bidirectional, fusion, dropout, bias, tokenInput, learnedInit);
  }

  public LayerSpec withBidirectional(boolean v) {
    return new LayerSpec(inputSize, hidden, layers, v, fusion, dropout, bias, tokenInput, learnedInit);
  }

  public LayerSpec withFusion(Fusion v) {
    return new LayerSpec(inputSize, hidden, layers, bidirectional, v, dropout, bias, tokenInput, learnedInit);
  }

  public LayerSpec withDropout(double v) {
    return new LayerSpec(inputSize, hidden, layers, bidirectional, fusion, v, bias, tokenInput, learnedInit);
  }

  public LayerSpec withBias(boolean v) {
    return new LayerSpec(inputSize, hidden, layers, bidirectional, fusion, dropout, v, tokenInput, learnedInit);
  }

  public LayerSpec withTokenInput(boolean v) {
    return new LayerSpec(inputSize, hidden, layers, bidirectional, fusion, dropout, bias, v, learnedInit);
  }

  public LayerSpec withLearnedInit(boolean v) {
    return new LayerSpec(inputSize, hidden, layers, bidirectional, fusion, dropout, bias, tokenInput, v);
  }

  public int directions() {
    return bidirectional ? 2 : 1;
  }

  /** The fusion in effect: {@link Fusion#CONCAT} with one direction (there is nothing to combine). */
  public Fusion effectiveFusion() {
    return bidirectional ? fusion : Fusion.CONCAT;
  }

  /** Width of each layer's output: 2H for concatenated directions, else H. */
  public int outputSize() {
    return effectiveFusion() == Fusion.CONCAT ? directions() * hidden : hidden;
  }

  /**
   * The spec of one direction of layer l of a stack: one layer, one direction, no dropout; layer
   * 0 reads this spec's input, the others the previous layer's output (never tokens).
   */
  public LayerSpec unit(int l) {
    if (l < 0 || l >= layers) {
      throw new IllegalArgumentException("layer: expected an index in [0, " + layers + "), found " + l);
    }
    return new LayerSpec(l == 0 ? inputSize : outputSize(), hidden, 1, false, Fusion.CONCAT, 0, bias,
        tokenInput && l == 0, learnedInit);
  }
}
