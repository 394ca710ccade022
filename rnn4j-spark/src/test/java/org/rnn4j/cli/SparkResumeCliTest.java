package org.rnn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnn4j.io.Npy;
import org.rnn4j.math.Rng;
import org.rnn4j.tensor.Tensor;

/**
 * {@code rnn-spark train --resume} of a forecaster, a classifier of texts and an array model: a run
 * stopped and resumed ends as the uninterrupted run, on Spark and across {@code rnn train}.
 */
class SparkResumeCliTest extends SparkCommandTest {
  @Test
  void aForecasterResumesAsOneRunOnSparkAndInRnnTrain() throws IOException {
    Path csv = dir.resolve("sine.csv");
    assertThat(rnn("data", "sine", "--out", csv.toString()).code()).isZero();
    resumesAsOneRun(new String[] {"--data", csv.toString(), "--forecast", "value", "--features", "cos", "--window", "10"},
        "--hidden", "5", "--seed", "6");
  }

  @Test
  void aClassifierOfTextsResumesAsOneRunOnSparkAndInRnnTrain() throws IOException {
    Rng rng = new Rng(8);
    StringBuilder tsv = new StringBuilder();
    for (int i = 0; i < 90; i++) {
      int c = rng.nextInt(2);
      tsv.append(c == 0 ? "low" : "high").append('\t').append(c == 0 ? "abcab".substring(rng.nextInt(3)) : "xyzxy"
          .substring(rng.nextInt(3))).append('\n');
    }
    Path file = dir.resolve("texts.tsv");
    Files.writeString(file, tsv, StandardCharsets.UTF_8);
    resumesAsOneRun(new String[] {"--classify", file.toString()}, "--hidden", "6", "--batch", "16", "--seed", "4");
  }

  @Test
  void aClassifierOfCsvSequencesResumesAsOneRunOnSparkAndInRnnTrain() throws IOException {
    Rng rng = new Rng(9);
    StringBuilder csv = new StringBuilder("id,t,x,label\n");
    for (int i = 0; i < 40; i++) {
      int c = rng.nextInt(2);
      for (int t = 0, n = 4 + rng.nextInt(5); t < n; t++) {
        csv.append("s").append(i).append(',').append(t).append(',').append(c == 0 ? t * 0.1 : 1 - t * 0.1 + 0.01 * rng.nextInt(5))
            .append(',').append(c == 0 ? "up" : "down").append('\n');
      }
    }
    Path file = dir.resolve("sequences.csv");
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    resumesAsOneRun(new String[] {"--classify", file.toString(), "--features", "x"}, "--hidden", "6", "--batch", "8",
        "--seed", "4");
  }

  @Test
  void anArrayModelResumesAsOneRunOnSparkAndInRnnTrain() throws IOException {
    Rng rng = new Rng(5);
    Tensor x = Tensor.zeros(40, 6, 2), y = Tensor.zeros(40, 6, 1);
    for (int i = 0; i < x.size(); i++) {
      x.data()[i] = (float) rng.nextDouble() - 0.5f;
    }
    for (int i = 0; i < y.size(); i++) {
      y.data()[i] = x.data()[2 * i] + x.data()[2 * i + 1];
    }
    Npy.write(dir.resolve("x.npy"), x);
    Npy.write(dir.resolve("y.npy"), y);
    resumesAsOneRun(new String[] {"--inputs", dir.resolve("x.npy").toString(), "--targets", dir.resolve("y.npy").toString()},
        "--hidden", "6", "--batch", "8", "--dropout", "0");
  }

  /**
   * Runs of 3 epochs on these data and model options, and runs stopped after the first epoch and
   * resumed: a Spark run resumed on Spark (through its directory's file: URI, a Hadoop path) ends
   * with the uninterrupted Spark run's best and last models to the bit; a copy of it resumed by
   * {@code rnn train}, and an {@code rnn train} run resumed on Spark, end within 1e-5 of the
   * uninterrupted {@code rnn train} run (the gradient sums are added in another order).
   */
  private void resumesAsOneRun(String[] data, String... model) throws IOException {
    String[] spark = {"--master", "local[2]", "--partitions", "2"};
    String[] options = with(with(with(new String[] {"train"}, data), model), "--epochs");
    Run whole = spark(with(with(options, "3", "--run-dir", dir.resolve("whole").toString()), spark));
    assertThat(whole.code()).as(whole.err()).isZero();
    Run first = spark(with(with(options, "1", "--run-dir", dir.resolve("part").toString()), spark));
    assertThat(first.code()).as(first.err()).isZero();
    copy(dir.resolve("part"), dir.resolve("part-copy"));
    String hadoopPath = dir.resolve("part").toUri().toString().replaceAll("/$", "");
    Run resumed = spark(with(with(with(new String[] {"train", "--resume", hadoopPath}, data),
        "--epochs", "3"), spark));
    assertThat(resumed.code()).as(resumed.err()).isZero();
    assertThat(resumed.out()).contains("resuming at step ", ", in epoch 2, in file:");
    assertThat(bestAt(resumed)).as("the best's step and epoch").isEqualTo(bestAt(whole)); // DataTrainingTest: a best before it
    for (String file : List.of("model.safetensors", "checkpoint.safetensors")) {
      assertThat(relativeError(dir.resolve("part").resolve(file), dir.resolve("whole").resolve(file))).as(file).isZero();
    }
    Run one = rnn(with(options, "3", "--run-dir", dir.resolve("one").toString()));
    assertThat(one.code()).as(one.err()).isZero();
    Run inRnn = rnn(with(with(new String[] {"train", "--resume", dir.resolve("part-copy").toString()}, data), "--epochs", "3"));
    assertThat(inRnn.code()).as(inRnn.err()).isZero();
    assertThat(rnn(with(options, "1", "--run-dir", dir.resolve("rnn-part").toString())).code()).isZero();
    Run onSpark = spark(with(with(with(new String[] {"train", "--resume", dir.resolve("rnn-part").toString()}, data),
        "--epochs", "3"), spark));
    assertThat(onSpark.code()).as(onSpark.err()).isZero();
    for (String run : List.of("part-copy", "rnn-part")) {
      for (String file : List.of("model.safetensors", "checkpoint.safetensors")) {
        assertThat(relativeError(dir.resolve(run).resolve(file), dir.resolve("one").resolve(file))).as(run + "/" + file)
            .isLessThan(1e-5);
      }
    }
  }

  /** "step S, epoch E of N" of the result line. */
  private static String bestAt(Run r) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("result: .* at step (\\d+).{1,3}epoch (\\d+) of (\\d+)")
        .matcher(r.out());
    assertThat(m.find()).as(r.out()).isTrue();
    return "step " + m.group(1) + ", epoch " + m.group(2) + " of " + m.group(3);
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (var files = Files.list(from)) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
  }
}
