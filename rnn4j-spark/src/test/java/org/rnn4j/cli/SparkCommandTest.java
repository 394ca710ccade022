package org.rnn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.io.ModelFile;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.model.RnnModel;

/**
 * What the tests of the {@code rnn-spark} commands share: a temporary directory, the commands of
 * {@code rnn} and {@code rnn-spark} run in-process, and comparisons of their results. The commands
 * use the tests' shared local session (started first), as under spark-submit they use the one given.
 */
abstract class SparkCommandTest {
  @TempDir Path dir;

  @BeforeAll
  static void sharedSession() {
    org.rnn4j.spark.LocalSpark.session();
  }

  record Run(int code, String out, String err) {}

  static Run rnn(String... args) {
    StringWriter out = new StringWriter(), err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  static Run spark(String... args) {
    StringWriter out = new StringWriter(), err = new StringWriter();
    int code = SparkMain.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  static String[] with(String[] base, String... more) {
    List<String> all = new ArrayList<>(List.of(base));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  static double relativeError(Path a, Path b) throws IOException {
    RnnModel x = ModelFile.load(a), y = ModelFile.load(b);
    float[] u = x.parameters().values(), v = y.parameters().values();
    double diff = 0, scale = 0;
    for (int i = 0; i < u.length; i++) {
      diff = Math.max(diff, Math.abs(u[i] - v[i]));
      scale = Math.max(scale, Math.abs(v[i]));
    }
    return diff / scale;
  }

  /** A local file as Spark's _metadata.file_path names it. */
  static String sparkName(Path file) {
    return file.toUri().toString().replace("file:///", "file:/");
  }

  static java.util.Map<String, String> seriesMetadata(Path model) throws IOException {
    java.util.Map<String, String> m = new java.util.TreeMap<>(SafeTensors.read(model).metadata());
    m.keySet().removeIf(k -> !k.startsWith("rnn4j.series."));
    assertThat(m).containsKeys("rnn4j.series.mean", "rnn4j.series.std");
    return m;
  }

  /** The epoch lines without their times. */
  static List<String> epochLines(String out) {
    return out.lines().filter(l -> l.startsWith("epoch")).map(l -> l.replaceAll("\\(\\d+\\.\\d s\\)", "")).toList();
  }
}
