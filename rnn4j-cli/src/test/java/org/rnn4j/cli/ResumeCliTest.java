package org.rnn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.classify.SequenceClassifier;
import org.rnn4j.io.Npy;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.train.Checkpoint;

/**
 * {@code rnn train --resume} for series, arrays and classifiers: a run stopped after 2 epochs and
 * resumed to 4 ends with the weights of a run of 4 epochs that never stopped, bit for bit (one
 * kernel thread); a resumed run refuses model options and other data.
 */
class ResumeCliTest {
  @TempDir Path dir;

  @Test
  void aSeriesRunResumesBitIdentically() throws Exception {
    Path csv = dir.resolve("series.csv");
    assertThat(CliTest.run("data", "sine", "--rows", "200", "--out", csv.toString()).code()).isZero();
    List<String> form = List.of("--data", csv.toString(), "--forecast", "value", "--window", "10");
    float[][] weights = stoppedAndResumedAgainstWhole(form, List.of("--hidden", "6", "--lr", "0.01"));
    assertThat(weights[0]).containsExactly(weights[1]);

    Path other = dir.resolve("other.csv");
    assertThat(CliTest.run("data", "sine", "--rows", "150", "--out", other.toString()).code()).isZero();
    CliTest.Run r = train(List.of("--data", other.toString(), "--forecast", "value", "--window", "10", "--resume",
        dir.resolve("stopped").toString(), "--epochs", "5"));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--resume: expected the series the run in");
  }

  @Test
  void anArraysRunResumesBitIdentically() throws Exception {
    Random rng = new Random(3);
    Tensor x = Tensor.zeros(40, 6, 2), y = Tensor.zeros(40, 6, 1);
    for (int i = 0; i < x.size(); i++) {
      x.data()[i] = (float) rng.nextGaussian();
    }
    for (int i = 0; i < y.size(); i++) {
      y.data()[i] = x.data()[2 * i] * 0.5f;
    }
    Path xs = dir.resolve("x.npy"), ys = dir.resolve("y.npy");
    Npy.write(xs, x);
    Npy.write(ys, y);
    float[][] weights = stoppedAndResumedAgainstWhole(List.of("--inputs", xs.toString(), "--targets", ys.toString()),
        List.of("--hidden", "5", "--batch", "8"));
    assertThat(weights[0]).containsExactly(weights[1]);
    CliTest.Run r = train(List.of("--inputs", xs.toString(), "--targets", ys.toString(), "--resume",
        dir.resolve("stopped").toString(), "--hidden", "9"));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--resume: expected only the data and budget options", "[--hidden]");
  }

  @Test
  void aClassifierRunResumesBitIdentically() throws Exception {
    StringBuilder s = new StringBuilder();
    Random rng = new Random(4);
    for (int i = 0; i < 60; i++) {
      StringBuilder text = new StringBuilder();
      for (int k = 0; k < 8; k++) {
        text.append("abcq".charAt(rng.nextInt(4)));
      }
      s.append(text.indexOf("q") >= 0 ? "yes" : "no").append('\t').append(text).append('\n');
    }
    Path file = dir.resolve("labels.tsv");
    Files.writeString(file, s);
    // A --seed of its own: the resumed run, not given it, draws its validation split from the run's settings.
    float[][] weights = stoppedAndResumedAgainstWhole(List.of("--classify", file.toString()), List.of("--hidden", "6",
        "--seed", "3"));
    assertThat(weights[0]).containsExactly(weights[1]);
  }

  /**
   * Trains {@code form} with {@code model} options for 4 epochs, and for 2 then resumed to 4; returns the weights of
   * both checkpoints.
   */
  private float[][] stoppedAndResumedAgainstWhole(List<String> form, List<String> model) throws Exception {
    Path whole = dir.resolve("whole"), stopped = dir.resolve("stopped");
    List<String> first = new ArrayList<>(form);
    first.addAll(model);
    CliTest.Run w = train(with(first, "--epochs", "4", "--run-dir", whole.toString()));
    assertThat(w.code()).as(w.err()).isZero();
    CliTest.Run a = train(with(first, "--epochs", "2", "--run-dir", stopped.toString()));
    assertThat(a.code()).as(a.err()).isZero();
    CliTest.Run b = train(with(form, "--epochs", "4", "--resume", stopped.toString()));
    assertThat(b.code()).as(b.err()).isZero();
    assertThat(b.out()).contains("resuming at step ", ", in epoch 3, in " + stopped);
    return new float[][] {weights(whole), weights(stopped)};
  }

  /** The weights of a run's last checkpoint (a classifier's or a plain model's). */
  private static float[] weights(Path run) throws Exception {
    Path file = run.resolve("checkpoint.safetensors");
    boolean classifier = SafeTensors.read(file).metadata().containsKey(SequenceClassifier.KIND_KEY);
    return classifier ? Checkpoint.load(file, SequenceClassifier::fromFile).model().parameters().values()
        : Checkpoint.load(file).model().parameters().values();
  }

  private static List<String> with(List<String> args, String... more) {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of(more));
    return all;
  }

  private static CliTest.Run train(List<String> args) {
    List<String> all = new ArrayList<>(List.of("--threads", "1", "train"));
    all.addAll(args);
    return CliTest.run(all.toArray(String[]::new));
  }
}
