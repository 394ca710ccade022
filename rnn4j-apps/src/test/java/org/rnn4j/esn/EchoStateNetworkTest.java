package org.rnn4j.esn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class EchoStateNetworkTest {

  @Test
  void spectralRadiusAfterScalingEqualsTheRequest() {
    for (double connectivity : new double[] {0.05, 1.0}) {
      EchoStateNetwork esn = new EchoStateNetwork(EsnConfig.builder().units(150).connectivity(connectivity)
          .spectralRadius(1.25).build(), 1, 1);
      double measured = SpectralRadius.of(SpectralRadius.eigenvalues(esn.reservoir().toDense()));
      assertThat(measured).isCloseTo(1.25, within(1.25e-6));
      assertThat(esn.spectralRadiusAfter()).isCloseTo(1.25, within(1.25e-6));
      assertThat(esn.spectralRadiusBefore()).isGreaterThan(0).isNotCloseTo(1.25, within(1e-3));
    }
  }

  @Test
  void powerIterationAgreesWithTheEigenDecomposition() {
    for (long seed = 1; seed <= 4; seed++) {
      SparseMatrix w = SparseMatrix.random(120, seed % 2 == 0 ? 0.1 : 1.0, new Random(seed));
      double exact = SpectralRadius.of(SpectralRadius.eigenvalues(w.toDense()));
      assertThat(SpectralRadius.powerIteration(w, 7)).as("seed " + seed).isCloseTo(exact, within(1e-8 * exact));
    }
    // a real dominant eigenvalue (diagonal), where the two-term fit degenerates to ‖Wx‖
    SparseMatrix diagonal = SparseMatrix.ofDense(3, new double[] {-3, 0, 0, 0, 1, 0, 0, 0, 0.5});
    assertThat(SpectralRadius.powerIteration(diagonal, 1)).isCloseTo(3, within(1e-9));
  }

  @Test
  void largeReservoirsAreScaledByPowerIteration() {
    EchoStateNetwork esn = new EchoStateNetwork(EsnConfig.builder().units(SpectralRadius.EIGEN_MAX_UNITS + 1)
        .connectivity(0.01).spectralRadius(0.8).build(), 1, 1);
    assertThat(esn.spectralRadiusAfter()).isCloseTo(0.8, within(1e-4));
  }

  @Test
  void ridgeReadoutEqualsTheDirectSolution() {
    Random rng = new Random(3);
    double[][] z = new double[12][4];
    double[][] y = new double[12][2];
    for (int t = 0; t < 12; t++) {
      for (int i = 0; i < 4; i++) {
        z[t][i] = rng.nextGaussian();
      }
      y[t][0] = rng.nextGaussian();
      y[t][1] = rng.nextGaussian();
    }
    double lambda = 0.3;
    // direct: W_out = Y Zᵀ (Z Zᵀ + λI)⁻¹ with an explicit inverse (columns = time steps)
    DMatrixRMaj zc = new DMatrixRMaj(z);
    CommonOps_DDRM.transpose(zc);
    DMatrixRMaj yc = new DMatrixRMaj(y);
    CommonOps_DDRM.transpose(yc);
    DMatrixRMaj gram = new DMatrixRMaj(4, 4);
    CommonOps_DDRM.multTransB(zc, zc, gram);
    for (int i = 0; i < 4; i++) {
      gram.add(i, i, lambda);
    }
    CommonOps_DDRM.invert(gram);
    DMatrixRMaj yzt = new DMatrixRMaj(2, 4);
    CommonOps_DDRM.multTransB(yc, zc, yzt);
    DMatrixRMaj direct = new DMatrixRMaj(2, 4);
    CommonOps_DDRM.mult(yzt, gram, direct);

    double[][] w = RidgeRegression.fit(z, y, lambda);
    double[][] online = online(z, y, lambda);
    for (int o = 0; o < 2; o++) {
      for (int i = 0; i < 4; i++) {
        assertThat(w[o][i]).isCloseTo(direct.get(o, i), within(1e-12));
        assertThat(online[o][i]).as("RLS with P0 = I/λ is exact ridge").isCloseTo(direct.get(o, i), within(1e-10));
      }
    }
  }

  private static double[][] online(double[][] z, double[][] y, double lambda) {
    RecursiveLeastSquares rls = new RecursiveLeastSquares(4, 2, lambda);
    for (int t = 0; t < z.length; t++) {
      rls.update(z[t], y[t]);
    }
    return rls.weights();
  }

  @Test
  void mackeyGlassOneStepAheadWithDefaults() {
    EsnBenchmark.Result r = EsnBenchmark.run("mackey-glass", EsnBenchmark.defaults("mackey-glass").build());
    assertThat(r.testNrmse()).isLessThan(0.01);
    assertThat(r.baseline()).isGreaterThan(0.1); // persistence
  }

  @Test
  void narma10WithDefaults() {
    EsnBenchmark.Result r = EsnBenchmark.run("narma10", EsnBenchmark.defaults("narma10").build());
    assertThat(r.testNrmse()).isLessThan(0.4).isGreaterThan(0.05);
    assertThat(r.baseline()).isGreaterThan(0.95); // the training mean
  }

  @Test
  void onlineReadoutAndFeedbackAlsoLearnNarma10() {
    EsnConfig base = EsnBenchmark.defaults("narma10").units(100).build();
    EsnBenchmark.Result ridge = EsnBenchmark.run("narma10", base);
    EsnBenchmark.Result online = EsnBenchmark.run("narma10", base.toBuilder().online(true).build());
    assertThat(online.testNrmse()).isCloseTo(ridge.testNrmse(), within(1e-3));
    assertThat(EsnBenchmark.run("narma10", base.toBuilder().feedback(true).build()).testNrmse()).isLessThan(0.4);
  }

  @Test
  void sameSeedSameResult() {
    EsnConfig c = EsnBenchmark.defaults("narma10").units(50).build();
    assertThat(EsnBenchmark.run("narma10", c).testPrediction())
        .containsExactly(EsnBenchmark.run("narma10", c).testPrediction());
  }

  @Test
  void freeRunFollowsMackeyGlassForAShortHorizon() {
    double[] s = MackeyGlass.series(2100);
    double[][] u = new double[2000][], y = new double[2000][];
    for (int t = 0; t < 2000; t++) {
      u[t] = new double[] {s[t] - 1};
      y[t] = new double[] {s[t + 1] - 1};
    }
    EchoStateNetwork esn = new EchoStateNetwork(EsnBenchmark.defaults("mackey-glass").build(), 1, 1);
    esn.fit(u, y);
    double[][] generated = esn.generate(50);
    double[] truth = Arrays.copyOfRange(s, 2001, 2051);
    double[] prediction = Arrays.stream(generated).mapToDouble(v -> v[0] + 1).toArray();
    assertThat(EsnBenchmark.nrmse(prediction, truth)).isLessThan(0.05);
  }

  /** A network fitted to Mackey-Glass one step ahead; the same every time (seeded). */
  private static EchoStateNetwork fittedMackeyGlass(double[] lastTarget) {
    double[] s = MackeyGlass.series(1100);
    double[][] u = new double[1000][], y = new double[1000][];
    for (int t = 0; t < 1000; t++) {
      u[t] = new double[] {s[t] - 1};
      y[t] = new double[] {s[t + 1] - 1};
    }
    lastTarget[0] = y[999][0];
    EchoStateNetwork esn = new EchoStateNetwork(EsnBenchmark.defaults("mackey-glass").units(100).build(), 1, 1);
    esn.fit(u, y);
    return esn;
  }

  @Test
  void freeRunEqualsPredictingFromEachOutputInTurn() {
    double[] last = new double[1];
    double[][] generated = fittedMackeyGlass(last).generate(30);
    EchoStateNetwork esn = fittedMackeyGlass(last);
    double[] input = {last[0]}; // fit leaves the last true target as the feedback
    for (int t = 0; t < 30; t++) {
      double[] out = esn.predict(new double[][] {input})[0];
      assertThat(out).as("step %d", t).containsExactly(generated[t]);
      input = out;
    }
  }

  @Test
  void aStepOfPredictionAllocatesNothingButItsOutputRow() {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory
        .getThreadMXBean();
    EchoStateNetwork esn = fittedMackeyGlass(new double[1]);
    esn.generate(3000); // warm up: the compiled loop is the one measured
    long before = threads.getCurrentThreadAllocatedBytes();
    esn.generate(1000);
    long shortRun = threads.getCurrentThreadAllocatedBytes() - before;
    before = threads.getCurrentThreadAllocatedBytes();
    esn.generate(2000);
    long longRun = threads.getCurrentThreadAllocatedBytes() - before;
    // 1000 more steps cost 1000 more output rows (double[1]: 24 bytes and a reference); the
    // reservoir's step and the readout allocate nothing (before: [1; u; x] and y, ~1 KB a step).
    assertThat(longRun - shortRun).isLessThan(1000 * 40);
  }

  @Test
  void badSettingsAndDataAreDescriptive() {
    assertThatThrownBy(() -> EsnConfig.builder().leak(0).build()).hasMessage("leak: expected a value in (0, 1], found 0.0");
    assertThatThrownBy(() -> EsnConfig.builder().connectivity(1.5).build())
        .hasMessage("connectivity: expected a fraction in (0, 1], found 1.5");
    assertThatThrownBy(() -> EsnBenchmark.run("nope", EsnConfig.builder().build()))
        .hasMessage("esn task: expected one of mackey-glass, narma10, found 'nope'");
    EchoStateNetwork esn = new EchoStateNetwork(EsnConfig.builder().units(10).washout(5).build(), 1, 1);
    assertThatThrownBy(() -> esn.fit(new double[3][1], new double[3][1])).hasMessageContaining("washout 5");
    assertThatThrownBy(() -> esn.predict(new double[3][1])).hasMessageContaining("expected a fitted readout");
  }
}
