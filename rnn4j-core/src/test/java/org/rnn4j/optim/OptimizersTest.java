package org.rnn4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.rnn4j.tensor.Parameters;

/**
 * Three steps of every optimizer on L = ½(1·θ₀² + 4·θ₁²) from θ = (1, −0.5), against values
 * derived in float64 from PyTorch's documented update rules (the pseudo-code of each
 * {@code torch.optim} class, as restated in each class header; see {@code expected} below).
 */
class OptimizersTest {
  private static final float[] CURVATURE = {1f, 4f};

  private static Parameters quadratic() {
    Parameters.Builder b = new Parameters.Builder();
    b.add("w", 2);
    Parameters p = b.build();
    p.values()[0] = 1f;
    p.values()[1] = -0.5f;
    return p;
  }

  private static void step(Optimizer opt, Parameters p) {
    for (int i = 0; i < 2; i++) {
      p.grads()[i] = CURVATURE[i] * p.values()[i];
    }
    opt.step(p);
  }

  private static void assertSteps(Optimizer opt, double[][] expected) {
    Parameters p = quadratic();
    for (double[] e : expected) {
      step(opt, p);
      assertThat(p.values()[0]).as(opt.name()).isCloseTo((float) e[0], within(2e-6f));
      assertThat(p.values()[1]).as(opt.name()).isCloseTo((float) e[1], within(2e-6f));
    }
  }

  // Expected values: e.g. SGD with λ = 0.1, lr = 0.1: g = (1 + 0.1)·1 = 1.1, θ₀ = 1 − 0.11 = 0.89, …
  @Test
  void sgdWithWeightDecay() {
    assertSteps(Optimizers.create("sgd", 0.1, Map.of("weight_decay", 0.1)),
        new double[][] {{0.89, -0.295}, {0.7921, -0.17405}, {0.704969, -0.1026895}});
  }

  @Test
  void sgdWithMomentum() {
    assertSteps(Optimizers.create("momentum", 0.1, Map.of("weight_decay", 0.1)),
        new double[][] {{0.89, -0.295}, {0.6931, 0.01045}, {0.439649, 0.2810705}});
  }

  @Test
  void nesterov() {
    assertSteps(Optimizers.create("nesterov", 0.1),
        new double[][] {{0.81, -0.12}, {0.5751, 0.1332}, {0.327321, 0.216648}});
  }

  @Test
  void adagrad() {
    assertSteps(Optimizers.create("adagrad", 0.5, Map.of("initial_accumulator", 0.1, "weight_decay", 0.1)),
        new double[][] {{0.5194627689, -0.005844736212}, {0.2961271411, -6.870732699e-05},
            {0.1727484353, -8.076840888e-07}});
  }

  @Test
  void rmsprop() {
    assertSteps(Optimizers.create("rmsprop", 0.01),
        new double[][] {{0.90000001, -0.400000005}, {0.8329179753, -0.337339171}, {0.779982282, -0.2904332183}});
  }

  @Test
  void rmspropCenteredWithMomentumAndWeightDecay() {
    assertSteps(Optimizers.create("rmsprop", 0.01,
            Map.of("alpha", 0.9, "momentum", 0.5, "centered", true, "weight_decay", 0.1)),
        new double[][] {{0.9666666677, -0.4666666672}, {0.924923478, -0.4253616962}, {0.8824183673, -0.3840296695}});
  }

  @Test
  void adamWithL2WeightDecay() {
    assertSteps(Optimizers.create("adam", 0.1, Map.of("weight_decay", 0.1)),
        new double[][] {{0.9000000009, -0.4000000005}, {0.8004122295, -0.3011874206}, {0.7015862742, -0.2048712509}});
  }

  @Test
  void adamWWithDecoupledWeightDecay() {
    double[][] expected = {{0.890000001, -0.3950000005}, {0.781571857, -0.2923387032}, {0.6751012232, -0.1934156027}};
    assertSteps(Optimizers.create("adamw", 0.1, Map.of("weight_decay", 0.1)), expected);
    assertSteps(Adam.adamW(0.1, 0.1), expected);
  }

  @Test
  void exportedStateContinuesExactlyInAFreshOptimizer() {
    for (String name : Optimizers.NAMES) {
      Map<String, ?> options = name.equals("rmsprop") ? Map.of("momentum", 0.5, "centered", true) : Map.of();
      Supplier<Optimizer> make = () -> Optimizers.create(name, 0.05, options);
      Parameters straight = quadratic();
      Optimizer a = make.get();
      for (int i = 0; i < 4; i++) {
        step(a, straight);
      }
      Parameters resumed = quadratic();
      Optimizer b = make.get();
      step(b, resumed);
      step(b, resumed);
      Optimizer rebuilt = Optimizers.create(b.name(), b.learningRate(), b.hyperParameters());
      rebuilt.importState(b.exportState());
      step(rebuilt, resumed);
      step(rebuilt, resumed);
      assertThat(resumed.values()).as(name).containsExactly(straight.values());
      assertThat(rebuilt.exportState().step()).isEqualTo(4);
    }
  }

  @Test
  void importRejectsForeignState() {
    Optimizer adam = Optimizers.create("adam", 0.1);
    Parameters p = quadratic();
    step(adam, p);
    assertThatThrownBy(() -> Optimizers.create("rmsprop", 0.1).importState(adam.exportState()))
        .hasMessageContaining("rmsprop state: expected buffers [square_avg]")
        .hasMessageContaining("found [exp_avg, exp_avg_sq]");
  }

  @Test
  void badNamesAndOptionsAreNamed() {
    assertThatThrownBy(() -> Optimizers.create("lbfgs", 0.1))
        .hasMessageContaining("optimizer: expected one of [adagrad, adam, adamw, momentum, nesterov, rmsprop, sgd]")
        .hasMessageContaining("found 'lbfgs'");
    assertThatThrownBy(() -> Optimizers.create("adam", 0.1, Map.of("momentum", 0.9)))
        .hasMessageContaining("adam options: expected only [beta1, beta2, eps, weight_decay], found unknown [momentum]");
    assertThatThrownBy(() -> Optimizers.create("rmsprop", 0.1, Map.of("centered", 1)))
        .hasMessageContaining("rmsprop option 'centered': expected true or false, found 1");
    assertThatThrownBy(() -> Optimizers.create("adagrad", -1))
        .hasMessageContaining("adagrad: expected lr > 0");
  }
}
