package org.rnn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.jr.ob.JSON;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rnn bench --curves}: the sweep's shapes and step counts, and its files from a made-up result set. */
class CostCurvesTest {
  @TempDir Path dir;

  /** A sweep of every shape the curves need, with times made up from the shape (PyTorch 1.5× rnn4j). */
  private static CostCurves.Sweep fakeSweep(boolean dropLast) {
    LinkedHashSet<CostCurves.Shape> shapes = new LinkedHashSet<>();
    for (CostCurves.Curve c : CostCurves.CURVES) {
      for (int v : c.values()) {
        shapes.add(c.shape().apply(v));
      }
    }
    List<CostCurves.Point> points = new ArrayList<>();
    for (CostCurves.Shape s : shapes) {
      double ms = s.flops() / 80e6;
      points.add(new CostCurves.Point(s, s.steps(), s.warmup(), new double[] {ms, 1.1 * ms}, new double[] {1.5 * ms,
          1.65 * ms}));
    }
    if (dropLast) {
      points.remove(points.size() - 1);
    }
    return new CostCurves.Sweep("Test CPU, 2 CPUs; OpenJDK 17; vectors of 16 floats", "PyTorch 1.13 (fake)", 1, 2,
        "2026-12-06T16:00:00Z", "2026-12-06T16:10:00Z", "1.00 1.00 1.00", "2.00 1.50 1.00", points);
  }

  @Test
  void theHAndTCurvesShareOnePointAndBigPointsGetFewerSteps() {
    LinkedHashSet<CostCurves.Shape> shapes = new LinkedHashSet<>();
    CostCurves.CURVES.forEach(c -> java.util.Arrays.stream(c.values()).forEach(v -> shapes.add(c.shape().apply(v))));
    assertThat(shapes).as("the H and T curves share H = 256, T = 100, B = 32").hasSize(14);
    CostCurves.Shape small = new CostCurves.Shape(256, 100, 1), big = new CostCurves.Shape(2048, 100, 32);
    assertThat(small.steps()).isEqualTo(100);
    assertThat(big.steps()).isEqualTo(3);
    assertThat(big.warmup()).isEqualTo(1);
    assertThat(small.warmup()).isGreaterThan(100);
  }

  @Test
  @SuppressWarnings("unchecked")
  void writesThreeSmallPngsAndWellFormedJson() throws Exception {
    CostCurves.write(fakeSweep(false), dir);
    for (String name : List.of("cost-H.png", "cost-T.png", "cost-B.png")) {
      Path png = dir.resolve(name);
      var img = ImageIO.read(png.toFile());
      assertThat(img).as(name).isNotNull();
      assertThat(img.getWidth()).isGreaterThan(400);
      assertThat(Files.size(png)).as(name).isLessThan(100_000);
    }
    Map<String, Object> json = JSON.std.mapFrom(Files.readString(dir.resolve("curves.json")));
    assertThat(json).containsEntry("threads", 1).containsEntry("repeat", 2).containsEntry("loadavg_end", "2.00 1.50 1.00");
    List<Map<String, Object>> points = (List<Map<String, Object>>) json.get("points");
    assertThat(points).hasSize(14);
    Map<String, Object> first = points.get(0);
    assertThat(first).containsEntry("hidden", 128).containsEntry("seq_len", 100).containsEntry("batch", 32);
    assertThat((List<Object>) first.get("rnn4j_ms")).hasSize(2);
    double ours = ((Number) first.get("rnn4j_median_ms")).doubleValue();
    assertThat(((Number) first.get("ratio")).doubleValue()).isCloseTo(1.5, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(((Number) first.get("pytorch_median_ms")).doubleValue()).isCloseTo(1.5 * ours,
        org.assertj.core.api.Assertions.within(1e-9));
  }

  @Test
  void aCurveWithAPointMissingIsAnError() {
    assertThatThrownBy(() -> CostCurves.write(fakeSweep(true), dir)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected a point for");
  }

  /** --curves --curves-json plots a sweep written before, through the CLI, without measuring. */
  @Test
  void replotsASweepFromItsJson() throws Exception {
    CostCurves.Sweep sweep = fakeSweep(false);
    CostCurves.write(sweep, dir.resolve("first"));
    CostCurves.Sweep again = CostCurves.read(dir.resolve("first/curves.json"));
    assertThat(again.points()).hasSize(14);
    assertThat(again.points().get(3).rnn4jMs()).containsExactly(sweep.points().get(3).rnn4jMs());
    assertThat(again.loadStart()).isEqualTo(sweep.loadStart());
    CliTest.Run r = CliTest.run("bench", "--curves", "--curves-json", dir.resolve("first/curves.json").toString(), "--out",
        dir.resolve("second").toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(ImageIO.read(dir.resolve("second/cost-T.png").toFile())).isNotNull();
    assertThat(Files.readString(dir.resolve("second/curves.json"))).isEqualTo(Files.readString(dir.resolve("first/curves.json")));
  }

  @Test
  void curvesJsonWithoutCurvesIsAnError() {
    CliTest.Run r = CliTest.run("bench", "--config", "charlm", "--curves-json", "x.json");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("error: --curves-json: expected with --curves, found it without");
  }
}
