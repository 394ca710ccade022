package org.rnn4j.esn;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.rnn4j.data.Metrics;

/**
 * The echo-state benchmarks: Mackey–Glass (τ = 17) and any series as one-step-ahead forecasts,
 * and NARMA10 as an input→output system. Metric NRMSE = RMSE / std(target) on the test part.
 * Defaults per task were tuned by measurement (see docs/library.md, "Echo state networks").
 */
public final class EsnBenchmark {
  public static final List<String> TASKS = List.of("mackey-glass", "narma10");

  /** Fraction of a forecast series (the end, in time order) held out for testing. */
  public static final double TEST_FRACTION = 0.2;
  static final int MACKEY_GLASS_LENGTH = 3000;
  static final int NARMA_TRAIN = 4000;
  static final int NARMA_TEST = 1000;

  private EsnBenchmark() {}

  /**
   * @param baselineName what the baseline predicts (persistence: ŷ_{t+1} = s_t; mean: the training mean)
   * @param testPrediction predictions on the test part, in the series' own units
   * @param mean the network's units → the series': value = output · std + mean (0 and 1 when the data is used as is)
   * @param std see {@code mean}
   */
  public record Result(String task, EchoStateNetwork network, double trainNrmse, double testNrmse, double baseline,
      String baselineName, double[] testPrediction, double[] testTruth, double mean, double std, double seconds) {}

  /** The tuned defaults of a task; "csv" (any other name) gets the general defaults of {@link EsnConfig.Builder}. */
  public static EsnConfig.Builder defaults(String task) {
    return switch (task) {
      case "mackey-glass" -> EsnConfig.builder().units(200).spectralRadius(0.95).leak(1.0).inputScaling(0.5)
          .ridge(1e-8);
      case "narma10" -> EsnConfig.builder().units(200).spectralRadius(0.95).leak(1.0).inputScaling(0.2)
          .ridge(1e-7);
      default -> EsnConfig.builder();
    };
  }

  public static Result run(String task, EsnConfig config) {
    return switch (task) {
      case "mackey-glass" -> forecast(task, MackeyGlass.series(MACKEY_GLASS_LENGTH), config);
      case "narma10" -> narma10(config);
      default -> throw new IllegalArgumentException("esn task: expected one of " + String.join(", ", TASKS)
          + ", found '" + task + "'");
    };
  }

  /**
   * One-step-ahead forecast of a series: input s_t (standardised by the training part's mean and
   * std), target s_{t+1}; the last {@link #TEST_FRACTION} of the steps is the test part, predicted
   * by continuing the reservoir state from the end of training. Baseline: persistence.
   */
  public static Result forecast(String name, double[] series, EsnConfig config) {
    long start = System.nanoTime();
    int pairs = series.length - 1;
    int train = (int) Math.round(pairs * (1 - TEST_FRACTION));
    if (train <= config.washout() + 1 || pairs - train < 2) {
      throw new IllegalArgumentException(name + ": expected a series long enough for washout " + config.washout()
          + " plus training and a " + Math.round(100 * TEST_FRACTION) + "% test part, found " + series.length
          + " values");
    }
    // float32, as a saved network's metadata keeps them, so a loaded one standardises new data identically
    double mean = (float) Arrays.stream(series, 0, train + 1).average().orElseThrow();
    double std = (float) Math.sqrt(Arrays.stream(series, 0, train + 1).map(v -> (v - mean) * (v - mean)).average()
        .orElseThrow());
    if (!(std > 0)) {
      throw new IllegalArgumentException(name + ": expected a training part that varies, found a constant " + mean);
    }
    double[][] u = new double[pairs][1];
    double[][] y = new double[pairs][1];
    for (int t = 0; t < pairs; t++) {
      u[t][0] = (series[t] - mean) / std;
      y[t][0] = (series[t + 1] - mean) / std;
    }
    EchoStateNetwork esn = new EchoStateNetwork(config, 1, 1);
    double[][] fitted = esn.fit(Arrays.copyOf(u, train), Arrays.copyOf(y, train));
    double[][] predicted = esn.predict(Arrays.copyOfRange(u, train, pairs));
    double trainNrmse = nrmse(column(fitted), column(Arrays.copyOfRange(y, config.washout(), train)));
    double[] truth = Arrays.copyOfRange(series, train + 1, series.length);
    double[] prediction = column(predicted);
    for (int i = 0; i < prediction.length; i++) {
      prediction[i] = prediction[i] * std + mean;
    }
    double[] persistence = Arrays.copyOfRange(series, train, series.length - 1);
    return new Result(name, esn, trainNrmse, nrmse(prediction, truth), nrmse(persistence, truth), "persistence",
        prediction, truth, mean, std, seconds(start));
  }

  /**
   * Continues a series with a network fitted by {@link #forecast} (standardised by its {@code
   * mean} and {@code std}): the reservoir is driven from zero over the whole series, then runs
   * free, each forecast becoming the next input. Returns the next {@code steps} values in the
   * series' units.
   */
  public static double[] continueSeries(EchoStateNetwork esn, double[] series, double mean, double std, int steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("--steps: expected a positive integer, found " + steps);
    }
    int washout = esn.config().washout();
    if (series.length <= washout + 1) {
      throw new IllegalArgumentException("series: expected more than " + (washout + 1) + " values to warm the reservoir up "
          + "(its washout is " + washout + "), found " + series.length);
    }
    double[][] u = new double[series.length - 1][1];
    double[][] y = new double[series.length - 1][1];
    for (int t = 0; t < u.length; t++) {
      u[t][0] = (series[t] - mean) / std;
      y[t][0] = (series[t + 1] - mean) / std;
    }
    esn.drive(u, y);
    double[][] next = esn.generate(steps);
    double[] values = new double[steps];
    for (int k = 0; k < steps; k++) {
      values[k] = next[k][0] * std + mean;
    }
    return values;
  }

  /** NARMA10 from {@code new Random(31·seed + 17)}; baseline: the mean of the training targets. */
  public static Result narma10(EsnConfig config) {
    long start = System.nanoTime();
    Narma10.Data data = Narma10.generate(NARMA_TRAIN + NARMA_TEST, new Random(31 * config.seed() + 17));
    double[][] u = rows(data.input());
    double[][] y = rows(data.target());
    EchoStateNetwork esn = new EchoStateNetwork(config, 1, 1);
    double[][] fitted = esn.fit(Arrays.copyOf(u, NARMA_TRAIN), Arrays.copyOf(y, NARMA_TRAIN));
    double[] prediction = column(esn.predict(Arrays.copyOfRange(u, NARMA_TRAIN, u.length)));
    double[] truth = Arrays.copyOfRange(data.target(), NARMA_TRAIN, u.length);
    double trainNrmse = nrmse(column(fitted), Arrays.copyOfRange(data.target(), config.washout(), NARMA_TRAIN));
    double[] mean = new double[truth.length];
    Arrays.fill(mean, Arrays.stream(data.target(), 0, NARMA_TRAIN).average().orElseThrow());
    return new Result("narma10", esn, trainNrmse, nrmse(prediction, truth), nrmse(mean, truth), "training mean",
        prediction, truth, 0, 1, seconds(start));
  }

  /** NRMSE = RMSE / std(target), via the shared helper of the sine task. */
  public static double nrmse(double[] prediction, double[] target) {
    return Metrics.nrmse(toFloat(prediction), toFloat(target));
  }

  private static float[] toFloat(double[] v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return f;
  }

  private static double[][] rows(double[] v) {
    double[][] out = new double[v.length][];
    for (int t = 0; t < v.length; t++) {
      out[t] = new double[] {v[t]};
    }
    return out;
  }

  private static double[] column(double[][] v) {
    double[] out = new double[v.length];
    for (int t = 0; t < v.length; t++) {
      out[t] = v[t][0];
    }
    return out;
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
