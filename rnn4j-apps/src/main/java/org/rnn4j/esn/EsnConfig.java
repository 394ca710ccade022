package org.rnn4j.esn;

/**
 * Settings of an echo state network; immutable, validated on construction. Start from
 * {@link #builder()} (the defaults below) and change what differs.
 *
 * @param units            reservoir size N
 * @param spectralRadius   ρ the reservoir matrix W is rescaled to (largest |eigenvalue|)
 * @param leak             leak rate a in (0, 1]; 1 is the plain (non-leaky) ESN
 * @param inputScaling     W_in input columns are U[−s, s]
 * @param biasScaling      W_in bias column is U[−b, b]
 * @param connectivity     fraction of nonzero entries of W, in (0, 1]
 * @param ridge            λ of the ridge readout (and P₀ = I/λ of the online RLS readout), > 0
 * @param washout          initial steps whose states are discarded before fitting the readout
 * @param feedback         whether y_{t−1} is fed back into the reservoir through W_fb
 * @param feedbackScaling  W_fb entries are U[−f, f]
 * @param online           train the readout with recursive least squares instead of the closed form
 * @param seed             the one seed every random draw (weights, and task data) derives from
 */
public record EsnConfig(int units, double spectralRadius, double leak, double inputScaling, double biasScaling,
    double connectivity, double ridge, int washout, boolean feedback, double feedbackScaling, boolean online,
    long seed) {

  public EsnConfig {
    if (units <= 0) {
      throw new IllegalArgumentException("units: expected a positive integer, found " + units);
    }
    positiveFinite("spectral radius", spectralRadius);
    if (!(leak > 0 && leak <= 1)) {
      throw new IllegalArgumentException("leak: expected a value in (0, 1], found " + leak);
    }
    nonNegativeFinite("input scaling", inputScaling);
    nonNegativeFinite("bias scaling", biasScaling);
    if (!(connectivity > 0 && connectivity <= 1)) {
      throw new IllegalArgumentException("connectivity: expected a fraction in (0, 1], found " + connectivity);
    }
    positiveFinite("ridge", ridge);
    if (washout < 0) {
      throw new IllegalArgumentException("washout: expected >= 0 steps, found " + washout);
    }
    nonNegativeFinite("feedback scaling", feedbackScaling);
  }

  private static void positiveFinite(String name, double v) {
    if (!(v > 0 && Double.isFinite(v))) {
      throw new IllegalArgumentException(name + ": expected a positive finite number, found " + v);
    }
  }

  private static void nonNegativeFinite(String name, double v) {
    if (!(v >= 0 && Double.isFinite(v))) {
      throw new IllegalArgumentException(name + ": expected a finite number >= 0, found " + v);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these settings. */
  public Builder toBuilder() {
    return new Builder().units(units).spectralRadius(spectralRadius).leak(leak).inputScaling(inputScaling)
        .biasScaling(biasScaling).connectivity(connectivity).ridge(ridge).washout(washout).feedback(feedback)
        .feedbackScaling(feedbackScaling).online(online).seed(seed);
  }

  /** Defaults: a general-purpose reservoir for standardised (mean 0, std 1) one-dimensional series. */
  public static final class Builder {
    private int units = 200;
    private double spectralRadius = 0.9;
    private double leak = 1.0;
    private double inputScaling = 0.5;
    private double biasScaling = 0.2;
    private double connectivity = 0.1;
    private double ridge = 1e-6;
    private int washout = 100;
    private boolean feedback = false;
    private double feedbackScaling = 0.1;
    private boolean online = false;
    private long seed = 1;

    public Builder units(int v) { units = v; return this; }
    public Builder spectralRadius(double v) { spectralRadius = v; return this; }
    public Builder leak(double v) { leak = v; return this; }
    public Builder inputScaling(double v) { inputScaling = v; return this; }
    public Builder biasScaling(double v) { biasScaling = v; return this; }
    public Builder connectivity(double v) { connectivity = v; return this; }
    public Builder ridge(double v) { ridge = v; return this; }
    public Builder washout(int v) { washout = v; return this; }
    public Builder feedback(boolean v) { feedback = v; return this; }
    public Builder feedbackScaling(double v) { feedbackScaling = v; return this; }
    public Builder online(boolean v) { online = v; return this; }
    public Builder seed(long v) { seed = v; return this; }

    public EsnConfig build() {
      return new EsnConfig(units, spectralRadius, leak, inputScaling, biasScaling, connectivity, ridge, washout,
          feedback, feedbackScaling, online, seed);
    }
  }
}
