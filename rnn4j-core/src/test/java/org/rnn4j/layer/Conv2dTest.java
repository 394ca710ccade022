package org.rnn4j.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnn4j.cell.Activation;
import org.rnn4j.check.GradCheck;
import org.rnn4j.io.Npy;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.io.SafeTensorsFile;
import org.rnn4j.tensor.Parameters;
import org.rnn4j.tensor.Tensor;

/**
 * Conv2d and Pool2d: central finite differences of the random-weighted-sum loss L = Σ r_i y_i
 * (as {@link ConvGradCheckTest}), and the PyTorch reference cases of the frame front end.
 */
class Conv2dTest {
  static final int N = 2, C_IN = 2, C_OUT = 3, H = 6, W = 5;

  @ParameterizedTest(name = "K={0} stride={1} {2} {3}")
  @CsvSource({"3, 1, same, tanh", "3, 1, valid, identity", "4, 2, same, tanh", "2, 2, valid, sigmoid", "1, 1, same, tanh"})
  void conv2dGradientsMatchFiniteDifferences(int k, int stride, String padding, String act) {
    Conv2d conv = new Conv2d("frame_conv.0", C_IN, C_OUT, k, stride, padding.equals("same"), Activation.parse(act), H, W);
    Parameters.Builder pb = new Parameters.Builder();
    conv.declare(pb);
    Parameters p = pb.build();
    conv.bind(p);
    conv.initParams(new Random(1));
    float[] x = gaussian(new Random(2), N * C_IN * H * W);
    int outH = padding.equals("same") ? (H + stride - 1) / stride : (H - k) / stride + 1;
    assertThat(conv.outHeight()).isEqualTo(outH);
    float[] r = gaussian(new Random(3), N * C_OUT * outH * conv.outWidth());
    DoubleSupplier loss = () -> dot(conv.forward(x, N), r);
    loss.getAsDouble();
    float[] dx = conv.backward(r);
    assertThat(GradCheck.error(dx, 0, x, 0, x.length, GradCheck.EPSILON, loss)).as("input").isLessThan(GradCheck.TOLERANCE);
    float[] g = p.grads().clone();
    for (Parameters.Param prm : p.params().values()) {
      assertThat(GradCheck.error(g, prm.offset(), p.values(), prm.offset(), prm.size(), GradCheck.EPSILON, loss))
          .as(prm.name()).isLessThan(GradCheck.TOLERANCE);
    }
  }

  @ParameterizedTest(name = "{0} size={1} stride={2}")
  @CsvSource({"MAX, 2, 2", "MAX, 3, 1", "AVG, 2, 2", "AVG, 3, 2"})
  void pool2dGradientsMatchFiniteDifferences(Pool1d.Kind kind, int size, int stride) {
    Pool2d pool = new Pool2d(kind, size, stride, C_IN, H, W);
    // Distinct values 0.1 apart (a random permutation): no window's maximum changes within ±ε.
    float[] x = new float[N * C_IN * H * W];
    java.util.List<Integer> order = new java.util.ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      order.add(i);
    }
    java.util.Collections.shuffle(order, new Random(4));
    for (int i = 0; i < x.length; i++) {
      x[i] = 0.1f * order.get(i) - 5f;
    }
    float[] r = gaussian(new Random(5), N * C_IN * pool.outHeight() * pool.outWidth());
    DoubleSupplier loss = () -> dot(pool.forward(x, N), r);
    loss.getAsDouble();
    float[] dx = pool.backward(r);
    assertThat(GradCheck.error(dx, 0, x, 0, x.length, GradCheck.EPSILON, loss)).isLessThan(GradCheck.TOLERANCE);
  }

  /** The cases of reference/conv2d (made by its generate.py with PyTorch 1.13): output and gradients to 1e-4. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"conv2d_same_relu_max", "conv2d_stride2_sigmoid_avg"})
  void frameFrontEndMatchesPyTorch(String name) throws IOException, URISyntaxException {
    Path dir = Path.of(Conv2dTest.class.getResource("/reference/conv2d/" + name).toURI());
    SafeTensorsFile model = SafeTensors.read(dir.resolve("model.safetensors"));
    String[] frame = model.metadata().get("frame_shape").split(",");
    int c = Integer.parseInt(frame[0]), h = Integer.parseInt(frame[1]), w = Integer.parseInt(frame[2]);
    FrameConvFrontEnd conv = new FrameConvFrontEnd(model.metadata().get("spec"), c, h, w, 0);
    model.tensors().forEach((k, v) -> conv.parameters().set(k, v));
    Tensor input = Npy.read(dir.resolve("input.npy")); // (N, C, H, W): N frames, here T = N and B = 1
    int n = input.dim(0);
    Tensor out = conv.forward(input.reshape(n, 1, c * h * w));
    Tensor want = Npy.read(dir.resolve("expected/output.npy"));
    assertThat(relativeError(out.data(), want.data())).isLessThan(1e-4);
    Tensor target = Npy.read(dir.resolve("target.npy"));
    float[] dOut = new float[out.size()];
    for (int i = 0; i < dOut.length; i++) {
      dOut[i] = out.data()[i] - target.data()[i]; // d(0.5·Σ(y − target)²)/dy
    }
    conv.parameters().zeroGrads();
    Tensor dx = conv.backward(Tensor.of(dOut, out.shape()));
    assertThat(relativeError(dx.data(), Npy.read(dir.resolve("expected/grad_input.npy")).data())).isLessThan(1e-4);
    SafeTensorsFile grads = SafeTensors.read(dir.resolve("expected/grads.safetensors"));
    grads.tensors().forEach((k, v) -> assertThat(relativeError(conv.parameters().grad(k).data(), v.data())).as(k)
        .isLessThan(1e-4));
  }

  static double relativeError(float[] got, float[] want) {
    assertThat(got).hasSameSizeAs(want);
    double d = 0, n = 0;
    for (int i = 0; i < got.length; i++) {
      d += (got[i] - (double) want[i]) * (got[i] - (double) want[i]);
      n += want[i] * (double) want[i];
    }
    return Math.sqrt(d / n);
  }

  static float[] gaussian(Random rng, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) rng.nextGaussian();
    }
    return v;
  }

  static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < b.length; i++) {
      s += a[i] * (double) b[i];
    }
    return s;
  }
}
