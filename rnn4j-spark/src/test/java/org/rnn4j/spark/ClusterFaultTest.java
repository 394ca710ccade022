package org.rnn4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.cli.SparkMain;
import org.rnn4j.data.StoryCorpus;
import org.rnn4j.io.ModelFile;

/**
 * Faults on a real Spark standalone cluster (a Master and two Workers on 127.0.0.1): one Worker
 * and its executor are killed in the middle of training; Spark reruns the lost tasks (and rebuilds
 * the lost cached partitions from the text) on the other one, and the run ends with exactly the
 * weights of an undisturbed local run. About a minute or two on two cores.
 */
class ClusterFaultTest {
  @TempDir Path dir;

  @Test
  void aKilledWorkerCostsNothingButTime() throws Exception {
    String s = StoryCorpus.defaultText();
    Path text = dir.resolve("text.txt");
    Files.writeString(text, s.substring(0, s.indexOf('\n', 6000) + 1), StandardCharsets.UTF_8);
    List<String> options = List.of("train", "--data", text.toString(), "--steps", "40", "--hidden", "24", "--batch", "8",
        "--seq-len", "32", "--partitions", "2", "--eval-every", "1");

    List<String> local = new ArrayList<>(options);
    local.addAll(List.of("--master", "local[2]", "--run-dir", dir.resolve("local").toString()));
    StringWriter out = new StringWriter(), err = new StringWriter();
    assertThat(SparkMain.run(local.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err))).as(err.toString())
        .isZero();

    try (StandaloneCluster cluster = new StandaloneCluster(dir.resolve("cluster"), 2)) {
      List<String> driver = new ArrayList<>(List.of(SparkMain.class.getName()));
      driver.addAll(options);
      driver.addAll(List.of("--master", cluster.url(), "--run-dir", dir.resolve("remote").toString()));
      Process run = cluster.start("driver", driver);
      cluster.awaitLog("driver", "step 10 ", 300);
      cluster.killWorker(0);
      assertThat(run.waitFor(10, TimeUnit.MINUTES)).as("the driver finishes").isTrue();
      String log = Files.readString(cluster.log("driver"));
      assertThat(run.exitValue()).as(log).isZero();
      assertThat(log).contains("best validation").containsIgnoringCase("lost");
    }
    float[] undisturbed = ModelFile.load(dir.resolve("local/model.safetensors")).parameters().values();
    float[] disturbed = ModelFile.load(dir.resolve("remote/model.safetensors")).parameters().values();
    assertThat(Arrays.equals(disturbed, undisturbed)).as("bit-identical weights").isTrue();
  }
}
