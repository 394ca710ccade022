package org.rnn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {
  @TempDir Path dir;

  @Test
  void linesScatterAndHeatmapAreReadablePngs() throws Exception {
    Plots.line(dir.resolve("l.png"), "loss", "step", "loss",
        Map.of("train", new Plots.Series(new double[] {1, 2, 3}, new double[] {3, 2, 1})), true);
    Plots.scatter(dir.resolve("s.png"), "eigenvalues", "re", "im",
        Map.of("λ", new Plots.Series(new double[] {0.5, -0.2}, new double[] {0.1, 0.3})), true);
    Plots.heatmap(dir.resolve("h.png"), "attention", "input step", "output step", new double[][] {{0.9, 0.1}, {0.2, 0.8}});
    for (String f : new String[] {"l.png", "s.png", "h.png"}) {
      var img = ImageIO.read(dir.resolve(f).toFile());
      assertThat(img).as(f).isNotNull();
      assertThat(img.getWidth()).isGreaterThan(100);
    }
  }
}
