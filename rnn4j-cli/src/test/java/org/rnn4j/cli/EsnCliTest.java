package org.rnn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code rnn esn} in-process. */
class EsnCliTest {
  @TempDir Path dir;

  @Test
  void mackeyGlassPrintsSettingsRadiiResultJsonAndPlots() throws Exception {
    CliTest.Run r = CliTest.run("esn", "--task", "mackey-glass", "--units", "100", "--json", "--plot-dir", dir.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("esn mackey-glass: 100 units", "after (EJML eigen decomposition)",
        "result: train NRMSE", "baseline persistence");
    Map<String, Object> j = r.json();
    assertThat(j).containsOnlyKeys("task", "metric", "value", "baseline", "seconds", "units", "spectral_radius");
    assertThat(((Number) j.get("value")).doubleValue()).isLessThan(0.01);
    assertThat(((Number) j.get("spectral_radius")).doubleValue()).isEqualTo(0.95, org.assertj.core.api.Assertions.within(1e-6));
    for (String png : new String[] {"eigenvalues.png", "prediction.png"}) {
      assertThat(ImageIO.read(dir.resolve(png).toFile())).as(png).isNotNull();
    }
  }

  @Test
  void forecastsACsvColumn() throws Exception {
    StringBuilder csv = new StringBuilder("t,value\n");
    for (int t = 0; t < 800; t++) {
      csv.append(String.format(Locale.ROOT, "%d,%.5f%n", t, Math.sin(0.2 * t) + 0.5 * Math.sin(0.05 * t)));
    }
    Path file = dir.resolve("series.csv");
    Files.writeString(file, csv);
    CliTest.Run r = CliTest.run("esn", "--data", file.toString(), "--forecast", "value", "--online", "--units", "100", "--json",
        "--plot-dir", dir.resolve("plots").toString());
    assertThat(r.code()).as(r.err()).isZero();
    Map<String, Object> j = r.json();
    assertThat(j.get("task")).isEqualTo("series.csv:value");
    assertThat(((Number) j.get("value")).doubleValue()).isLessThan(((Number) j.get("baseline")).doubleValue());
  }

  @Test
  void badInputIsOneLineAndExitCode2() throws Exception {
    Path file = dir.resolve("bad.csv");
    Files.writeString(file, "a,b\n1,2\n");
    CliTest.Run missing = CliTest.run("esn", "--data", file.toString(), "--forecast", "c");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err().strip()).isEqualTo("error: " + file + ": expected a column 'c', found columns a, b");
    assertThat(missing.out()).as("a bad file fails before any output").isEmpty();

    CliTest.Run neither = CliTest.run("esn");
    assertThat(neither.code()).isEqualTo(2);
    assertThat(neither.err().strip()).isEqualTo(
        "error: esn: expected either --task mackey-glass|narma10 or --data FILE --forecast COL, found neither");

    CliTest.Run badLeak = CliTest.run("esn", "--task", "narma10", "--leak", "2");
    assertThat(badLeak.code()).isEqualTo(2);
    assertThat(badLeak.err().strip()).isEqualTo("error: leak: expected a value in (0, 1], found 2.0");

    CliTest.Run badTask = CliTest.run("esn", "--task", "nope", "--plot-dir", dir.toString());
    assertThat(badTask.code()).isEqualTo(2);
    assertThat(badTask.err().strip()).isEqualTo("error: esn task: expected one of mackey-glass, narma10, found 'nope'");
  }
}
