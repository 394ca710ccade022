package org.rnn4j.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnn4j.cell.Activation;
import org.rnn4j.check.GradCheck;
import org.rnn4j.tensor.Parameters;

/**
 * Central finite differences (ε = 1e-2; 1e-3 for ReLU, whose kink a larger step can cross) of the
 * random-weighted-sum loss L = Σ r_i y_i for Conv1d and Pool1d; error per tensor
 * ‖analytic − numeric‖ / max(‖analytic‖, ‖numeric‖) below {@link GradCheck#TOLERANCE}.
 */
class ConvGradCheckTest {
  static final int B = 2, C_IN = 3, C_OUT = 4, K = 3;

  @ParameterizedTest(name = "T={0} stride={1} {2} {3}")
  @CsvSource({"7, 1, valid, tanh", "7, 1, same, tanh", "8, 2, valid, identity", "8, 2, same, tanh", "6, 2, same, relu",
      "1, 1, same, tanh"})
  void conv1dGradientsMatchFiniteDifferences(int t, int stride, String padding, String act) {
    Activation a = Activation.parse(act);
    double eps = a == Activation.RELU ? 1e-3 : GradCheck.EPSILON;
    Conv1d conv = new Conv1d("conv.0", C_IN, C_OUT, K, stride, padding.equals("same"), a);
    Parameters.Builder pb = new Parameters.Builder();
    conv.declare(pb);
    Parameters p = pb.build();
    conv.bind(p);
    conv.initParams(new Random(1));
    float[] x = gaussian(new Random(2), t * B * C_IN);
    if (a == Activation.RELU) { // redraw until no pre-activation lies within reach of a ±ε step of the kink
      Conv1d linear = new Conv1d("conv.0", C_IN, C_OUT, K, stride, padding.equals("same"), Activation.IDENTITY);
      linear.bind(p);
      for (int seed = 3; minAbs(linear.forward(x, t, B)) < 0.01; seed++) {
        x = gaussian(new Random(seed), t * B * C_IN);
      }
    }
    float[] input = x;
    int tOut = conv.outputSteps(t);
    assertThat(tOut).isEqualTo(padding.equals("same") ? (t + stride - 1) / stride : (t - K) / stride + 1);
    float[] r = gaussian(new Random(3), tOut * B * C_OUT);
    DoubleSupplier loss = () -> dot(conv.forward(input, t, B), r);

    loss.getAsDouble();
    float[] dx = new float[input.length];
    conv.backward(r, dx);
    assertThat(GradCheck.error(dx, 0, input, 0, input.length, eps, loss)).as("input").isLessThan(GradCheck.TOLERANCE);
    float[] g = p.grads().clone();
    for (Parameters.Param prm : p.params().values()) {
      assertThat(GradCheck.error(g, prm.offset(), p.values(), prm.offset(), prm.size(), eps, loss)).as(prm.name())
          .isLessThan(GradCheck.TOLERANCE);
    }
  }

  @ParameterizedTest(name = "{0} size={1} stride={2}")
  @CsvSource({"MAX, 2, 2", "MAX, 3, 1", "AVG, 2, 2", "AVG, 3, 2"})
  void poolingGradientsMatchFiniteDifferences(Pool1d.Kind kind, int size, int stride) {
    int t = 9, c = 3;
    Pool1d pool = new Pool1d(kind, size, stride);
    // Distinct values 0.1 apart (a random permutation): no window's maximum changes within ±ε.
    float[] x = new float[t * B * c];
    java.util.List<Integer> order = new java.util.ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      order.add(i);
    }
    java.util.Collections.shuffle(order, new Random(4));
    for (int i = 0; i < x.length; i++) {
      x[i] = 0.1f * order.get(i) - 2f;
    }
    float[] r = gaussian(new Random(5), pool.outputSteps(t) * B * c);
    DoubleSupplier loss = () -> dot(pool.forward(x, t, B, c), r);
    loss.getAsDouble();
    float[] dx = pool.backward(r);
    assertThat(GradCheck.error(dx, 0, x, 0, x.length, GradCheck.EPSILON, loss)).isLessThan(GradCheck.TOLERANCE);
  }

  @Test
  void maxPoolingPicksTheMaximumAndAveragingTheMean() {
    float[] x = {1, 5, 3, 2}; // (T=4, B=1, C=1)
    assertThat(new Pool1d(Pool1d.Kind.MAX, 2, 2).forward(x, 4, 1, 1)).containsExactly(5, 3);
    assertThat(new Pool1d(Pool1d.Kind.AVG, 2, 1).forward(x, 4, 1, 1)).containsExactly(3, 4, 2.5f);
  }

  static double minAbs(float[] v) {
    double m = Double.MAX_VALUE;
    for (float f : v) {
      m = Math.min(m, Math.abs(f));
    }
    return m;
  }

  static double dot(float[] y, float[] r) {
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      s += (double) y[i] * r[i];
    }
    return s;
  }

  static float[] gaussian(Random rng, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) rng.nextGaussian();
    }
    return v;
  }
}
