package org.rnn4j.esn;

import java.util.Arrays;
import java.util.Random;

/**
 * Echo state network (Jaeger 2001): a fixed random recurrent reservoir and a trained linear readout.
 * <pre>
 *   x_t = (1 − a) x_{t−1} + a tanh(W_in [1; u_t] + W x_{t−1} + W_fb y_{t−1})   (W_fb term only with feedback)
 *   y_t = W_out [1; u_t; x_t]
 * </pre>
 * Shapes: x (N), u (I), y (O); W (N × N) sparse, rescaled so that max |λ(W)| = ρ; W_in (N × (1+I));
 * W_fb (N × O); W_out (O × D), D = 1 + I + N. Only W_out is trained: ridge regression in closed
 * form, or recursive least squares online. With feedback, training feeds the true y_{t−1} (teacher
 * forcing); {@link #predict} and {@link #generate} feed the network's own previous output.
 * Every random draw comes from {@link EsnConfig#seed()}.
 */
public final class EchoStateNetwork {
  private final EsnConfig config;
  private final int inputs;
  private final int outputs;
  private final SparseMatrix reservoir;   // W (N, N), already rescaled to ρ
  private final double[][] inputWeights;  // W_in (N, 1 + I); column 0 is the bias
  private final double[][] feedbackWeights; // W_fb (N, O), or null without feedback
  private final double radiusBefore;
  private final double radiusAfter;
  private double[][] eigenvalues;         // of the rescaled W, {re, im}; computed lazily above EIGEN_MAX_UNITS
  private double[][] readout;             // W_out (O, D), null until fitted

  private final double[] state;           // x (N): carried from fit into predict and generate
  private final double[] lastOutput;      // y_{t−1} (O): the last target in training, then own outputs
  private final double[] preActivation;   // (N) workspace

  /** A new network: the reservoir, input and feedback weights drawn from the config's seed; the readout not yet fitted. */
  public EchoStateNetwork(EsnConfig config, int inputs, int outputs) {
    this(config, inputs, outputs, draw(config, inputs, outputs), null);
  }

  /** The fixed weights and what was measured of the reservoir. */
  private record Weights(SparseMatrix reservoir, double[][] input, double[][] feedback, double radiusBefore, double radiusAfter,
      double[][] eigenvalues) {}

  private EchoStateNetwork(EsnConfig config, int inputs, int outputs, Weights w, double[][] readout) {
    this.config = config;
    this.inputs = inputs;
    this.outputs = outputs;
    this.reservoir = w.reservoir();
    this.inputWeights = w.input();
    this.feedbackWeights = w.feedback();
    this.radiusBefore = w.radiusBefore();
    this.radiusAfter = w.radiusAfter();
    this.eigenvalues = w.eigenvalues();
    this.readout = readout;
    int n = config.units();
    this.state = new double[n];
    this.lastOutput = new double[outputs];
    this.preActivation = new double[n];
  }

  /**
   * Every weight is a float32 value (held as a double), as in every rnn4j model file, so that a
   * saved network ({@link EsnModelFile}) computes exactly what this one computes.
   */
  private static Weights draw(EsnConfig config, int inputs, int outputs) {
    if (inputs <= 0 || outputs <= 0) {
      throw new IllegalArgumentException("echo state network: expected positive input and output sizes, found "
          + inputs + " and " + outputs);
    }
    int n = config.units();
    Random rng = new Random(config.seed());
    SparseMatrix raw = SparseMatrix.random(n, config.connectivity(), rng);
    double[][] input = uniform(n, 1 + inputs, rng, config.biasScaling(), config.inputScaling());
    double[][] feedback = config.feedback() ? uniform(n, outputs, rng, config.feedbackScaling(), config.feedbackScaling()) : null;
    long powerSeed = rng.nextLong();

    boolean dense = n <= SpectralRadius.EIGEN_MAX_UNITS;
    double before = dense ? SpectralRadius.of(SpectralRadius.eigenvalues(raw.toDense())) : SpectralRadius.powerIteration(raw, powerSeed);
    if (before == 0) {
      throw new IllegalArgumentException("reservoir: expected a nonzero spectral radius to rescale, found 0"
          + " (units " + n + ", connectivity " + config.connectivity() + "); raise the connectivity");
    }
    SparseMatrix reservoir = raw.scaled(config.spectralRadius() / before).toFloat32();
    if (dense) {
      double[][] eigenvalues = SpectralRadius.eigenvalues(reservoir.toDense());
      return new Weights(reservoir, input, feedback, before, SpectralRadius.of(eigenvalues), eigenvalues);
    }
    return new Weights(reservoir, input, feedback, before, SpectralRadius.powerIteration(reservoir, powerSeed), null);
  }

  /**
   * A fitted network from its parts (as {@link EsnModelFile} reads them), with the spectral radii
   * measured when it was made; the state starts at zero.
   */
  static EchoStateNetwork restore(EsnConfig config, int inputs, int outputs, SparseMatrix reservoir, double[][] inputWeights,
      double[][] feedbackWeights, double[][] readout, double radiusBefore, double radiusAfter) {
    return new EchoStateNetwork(config, inputs, outputs,
        new Weights(reservoir, inputWeights, feedbackWeights, radiusBefore, radiusAfter, null), readout);
  }

  /** Entries U[−s, s]: s = firstColumnScale in column 0, otherwise scale. */
  private static double[][] uniform(int rows, int cols, Random rng, double firstColumnScale, double scale) {
    double[][] m = new double[rows][cols];
    for (double[] row : m) {
      for (int j = 0; j < cols; j++) {
        row[j] = (float) ((j == 0 ? firstColumnScale : scale) * (2 * rng.nextDouble() - 1));
      }
    }
    return m;
  }

  public EsnConfig config() { return config; }
  public int inputs() { return inputs; }
  public int outputs() { return outputs; }

  /** The spectral radius of the raw random W, measured before rescaling. */
  public double spectralRadiusBefore() { return radiusBefore; }

  /** The spectral radius of W measured again after rescaling (≈ the requested ρ). */
  public double spectralRadiusAfter() { return radiusAfter; }

  /** The rescaled reservoir W. */
  public SparseMatrix reservoir() { return reservoir; }

  /** W_in (N × (1 + I)), column 0 the bias, copied. */
  public double[][] inputWeights() { return copy(inputWeights); }

  /** W_fb (N × O), copied; null without feedback. */
  public double[][] feedbackWeights() { return feedbackWeights == null ? null : copy(feedbackWeights); }

  /** Eigenvalues {re, im} of the rescaled W (computed on first use for reservoirs above EIGEN_MAX_UNITS). */
  public double[][] eigenvalues() {
    if (eigenvalues == null) {
      eigenvalues = SpectralRadius.eigenvalues(reservoir.toDense());
    }
    return eigenvalues;
  }

  /** The trained readout W_out (O × D), copied. */
  public double[][] readout() {
    requireFitted();
    return copy(readout);
  }

  private static double[][] copy(double[][] m) {
    return Arrays.stream(m).map(double[]::clone).toArray(double[][]::new);
  }

  /**
   * Runs the reservoir from the zero state over u (T × I) with teacher forcing of y (T × O), drops
   * the first {@code washout} states and fits W_out to the rest. Returns the readout's outputs on
   * the kept training steps ((T − washout) × O); the state is kept, so {@link #predict} continues.
   */
  public double[][] fit(double[][] u, double[][] y) {
    requireShape("input", u, inputs);
    requireShape("target", y, outputs);
    if (u.length != y.length || u.length <= config.washout()) {
      throw new IllegalArgumentException("training data: expected equal numbers of input and target steps, more"
          + " than the washout " + config.washout() + ", found " + u.length + " and " + y.length);
    }
    Arrays.fill(state, 0);
    Arrays.fill(lastOutput, 0);
    int kept = u.length - config.washout();
    double[][] z = new double[kept][];
    RecursiveLeastSquares rls = config.online() ? new RecursiveLeastSquares(1 + inputs + config.units(), outputs,
        config.ridge()) : null;
    for (int t = 0; t < u.length; t++) {
      step(u[t], lastOutput);
      System.arraycopy(y[t], 0, lastOutput, 0, outputs); // teacher forcing: the true y_t feeds step t+1
      if (t >= config.washout()) {
        z[t - config.washout()] = extended(u[t]);
        if (rls != null) {
          rls.update(z[t - config.washout()], y[t]);
        }
      }
    }
    readout = rls != null ? rls.weights()
        : RidgeRegression.fit(z, Arrays.copyOfRange(y, config.washout(), y.length), config.ridge());
    for (double[] row : readout) {
      for (int i = 0; i < row.length; i++) {
        row[i] = (float) row[i]; // float32, as the model file stores it
      }
    }
    double[][] out = new double[kept][];
    for (int t = 0; t < kept; t++) {
      out[t] = apply(z[t]);
    }
    return out;
  }

  /**
   * Resets the state and runs the reservoir over u (T × I), feeding back the true y (T × O) as
   * {@link #fit} does, without changing the readout: {@link #predict} and {@link #generate} then
   * continue from the end (e.g. a loaded network warmed up on the latest data).
   */
  public void drive(double[][] u, double[][] y) {
    requireShape("input", u, inputs);
    requireShape("target", y, outputs);
    if (u.length != y.length) {
      throw new IllegalArgumentException("drive: expected equal numbers of input and target steps, found " + u.length
          + " and " + y.length);
    }
    Arrays.fill(state, 0);
    Arrays.fill(lastOutput, 0);
    for (int t = 0; t < u.length; t++) {
      step(u[t], lastOutput);
      System.arraycopy(y[t], 0, lastOutput, 0, outputs);
    }
  }

  /** Continues from the current state over u (T × I); feedback uses the network's own outputs. */
  public double[][] predict(double[][] u) {
    requireFitted();
    requireShape("input", u, inputs);
    double[][] out = new double[u.length][outputs]; // the result, allocated before the steps: a step allocates nothing
    for (int t = 0; t < u.length; t++) {
      advance(u[t], out[t]);
    }
    return out;
  }

  /**
   * Free run for series models (I = O, input u_t = the previous value): each output becomes the
   * next input, starting from the last output of {@link #fit} or {@link #predict}.
   */
  public double[][] generate(int steps) {
    requireFitted();
    if (inputs != outputs) {
      throw new IllegalArgumentException("generate: expected as many inputs as outputs (the output is fed back"
          + " as the next input), found " + inputs + " and " + outputs);
    }
    double[][] out = new double[steps][outputs];
    for (int t = 0; t < steps; t++) {
      advance(t == 0 ? lastOutput : out[t - 1], out[t]); // out[t − 1] is lastOutput's value, and stays unchanged
    }
    return out;
  }

  /** One step on u, its output into y (O), which becomes the feedback of the next step. */
  private void advance(double[] u, double[] y) {
    step(u, lastOutput);
    for (int o = 0; o < outputs; o++) { // y = W_out [1; u; x], summed in that order
      double[] w = readout[o];
      double s = 0;
      s += w[0];
      for (int j = 0; j < inputs; j++) {
        s += w[1 + j] * u[j];
      }
      for (int i = 0; i < state.length; i++) {
        s += w[1 + inputs + i] * state[i];
      }
      y[o] = s;
    }
    System.arraycopy(y, 0, lastOutput, 0, outputs);
  }

  /** x ← (1 − a) x + a tanh(W_in [1; u] + W x + W_fb yPrevious). */
  private void step(double[] u, double[] yPrevious) {
    int n = config.units();
    for (int i = 0; i < n; i++) {
      double[] win = inputWeights[i];
      double s = win[0];
      for (int j = 0; j < inputs; j++) {
        s += win[j + 1] * u[j];
      }
      if (feedbackWeights != null) {
        for (int o = 0; o < outputs; o++) {
          s += feedbackWeights[i][o] * yPrevious[o];
        }
      }
      preActivation[i] = s;
    }
    reservoir.multiplyAdd(state, preActivation); // uses x_{t−1}; state is overwritten only below
    double a = config.leak();
    for (int i = 0; i < n; i++) {
      state[i] = (1 - a) * state[i] + a * Math.tanh(preActivation[i]);
    }
  }

  /** z = [1; u; x] (D). */
  private double[] extended(double[] u) {
    double[] z = new double[1 + inputs + state.length];
    z[0] = 1;
    System.arraycopy(u, 0, z, 1, inputs);
    System.arraycopy(state, 0, z, 1 + inputs, state.length);
    return z;
  }

  private double[] apply(double[] z) {
    double[] y = new double[outputs];
    for (int o = 0; o < outputs; o++) {
      double s = 0;
      for (int i = 0; i < z.length; i++) {
        s += readout[o][i] * z[i];
      }
      y[o] = s;
    }
    return y;
  }

  private void requireFitted() {
    if (readout == null) {
      throw new IllegalStateException("echo state network: expected a fitted readout, found none (call fit first)");
    }
  }

  private static void requireShape(String name, double[][] v, int width) {
    for (int t = 0; t < v.length; t++) {
      if (v[t].length != width) {
        throw new IllegalArgumentException(name + " step " + t + ": expected " + width + " values, found " + v[t].length);
      }
      for (double x : v[t]) {
        if (!Double.isFinite(x)) {
          throw new IllegalArgumentException(name + " step " + t + ": expected finite values, found " + x);
        }
      }
    }
  }
}
