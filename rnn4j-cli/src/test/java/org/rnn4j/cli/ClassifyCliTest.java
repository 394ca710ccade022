package org.rnn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnn4j.cli.CliTest.run;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.csv.CsvFile;
import org.rnn4j.io.SafeTensors;

/** {@code rnn train --classify} and {@code rnn classify} in-process, on small generated data with fixed seeds. */
class ClassifyCliTest {
  @TempDir Path dir;

  /** Random strings over a-h of 3-16 characters; half get a 'q' somewhere: "yes" when there is one. */
  static Path letterData(Path file, int n, long seed) throws Exception {
    Random r = new Random(seed);
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      StringBuilder text = new StringBuilder();
      int length = 3 + r.nextInt(14);
      for (int k = 0; k < length; k++) {
        text.append((char) ('a' + r.nextInt(8)));
      }
      if (r.nextBoolean()) {
        text.setCharAt(r.nextInt(length), 'q');
      }
      s.append(text.indexOf("q") >= 0 ? "yes" : "no").append('\t').append(text).append('\n');
    }
    return Files.writeString(file, s.toString(), StandardCharsets.UTF_8);
  }

  @Test
  void learnsWhetherATextHasALetterKeepsTheBestModelAndClassifyReadsIt() throws Exception {
    Path data = letterData(dir.resolve("letters.tsv"), 400, 1);
    Path runDir = dir.resolve("run");
    CliTest.Run r = run("train", "--classify", data.toString(), "--hidden", "16", "--epochs", "8", "--run-dir",
        runDir.toString(), "--json");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("400 texts, char tokens, vocabulary 10 (with the unknown token)", "training 360, validation 40",
        "epoch   1  loss", "val accuracy", "macro-F1", "F1 no ", "result: best validation accuracy", "precision");
    Map<String, Object> j = r.json();
    assertThat(j).containsEntry("task", "classify").containsEntry("metric", "accuracy").containsEntry("classes", 2)
        .containsKeys("best_step", "seconds", "macro_f1");
    assertThat(((Number) j.get("value")).doubleValue()).isGreaterThanOrEqualTo(0.9);
    assertThat(((Number) j.get("baseline")).doubleValue()).isBetween(0.4, 0.6);
    for (String f : new String[] {"model.safetensors", "checkpoint.safetensors", "metrics.csv", "confusion.png"}) {
      assertThat(runDir.resolve(f)).as(f).exists();
    }
    List<String> metrics = Files.readAllLines(runDir.resolve("metrics.csv"));
    assertThat(metrics.get(0)).isEqualTo("epoch,step,loss,val_accuracy,val_macro_f1,seconds");
    assertThat(metrics).hasSize(1 + ((Number) j.get("epochs")).intValue());
    Map<String, String> meta = SafeTensors.read(runDir.resolve("model.safetensors")).metadata();
    assertThat(meta.get("rnn4j.classifier.vocab")).startsWith("{\"level\":\"char\",\"reserved\":[\"<unk>\"]");
    assertThat(meta).containsEntry("rnn4j.classifier", "1").containsEntry("rnn4j.classifier.labels", "[\"no\",\"yes\"]")
        .containsEntry("rnn4j.mapping", "many-to-one")
        .containsEntry("train.best_step", String.valueOf(j.get("best_step")));

    String model = runDir.resolve("model.safetensors").toString();
    Path texts = Files.writeString(dir.resolve("texts.txt"), "abqcd\nhhhgfedcba\nggfabc\nbbq\n");
    CliTest.Run c = run("classify", "--model", model, "--input", texts.toString());
    assertThat(c.code()).as(c.err()).isZero();
    assertThat(c.out()).isEqualTo("yes\tabqcd\nno\thhhgfedcba\nno\tggfabc\nyes\tbbq\n");

    CliTest.Run js = withStdin("abqcd\nhhhh\n", () -> run("classify", "--model", model, "--json"));
    assertThat(js.code()).as(js.err()).isZero();
    String[] lines = js.out().strip().split("\n");
    assertThat(lines).hasSize(2);
    Map<String, Object> first = JSON.std.mapFrom(lines[0]);
    assertThat(first).containsEntry("label", "yes").containsEntry("text", "abqcd");
    @SuppressWarnings("unchecked") Map<String, Object> p = (Map<String, Object>) first.get("probabilities");
    assertThat(p).containsOnlyKeys("no", "yes");
    assertThat(((Number) p.get("no")).doubleValue() + ((Number) p.get("yes")).doubleValue()).isBetween(0.999, 1.001);

    // The run's last state, a checkpoint, is a classifier file too.
    CliTest.Run last = run("classify", "--model", runDir.resolve("checkpoint.safetensors").toString(), "--input", texts.toString());
    assertThat(last.code()).as(last.err()).isZero();
    assertThat(last.out().split("\n")).hasSize(4);

    Path heldOut = letterData(dir.resolve("held-out.tsv"), 100, 2);
    CliTest.Run labeled = run("classify", "--model", model, "--input", heldOut.toString(), "--labeled");
    assertThat(labeled.code()).as(labeled.err()).isZero();
    assertThat(labeled.out().strip().split("\n")).hasSize(100);
    double accuracy = Double.parseDouble(labeled.err().strip().split(" ")[1]);
    assertThat(accuracy).isGreaterThanOrEqualTo(0.9);
  }

  private static CliTest.Run withStdin(String text, java.util.function.Supplier<CliTest.Run> command) {
    InputStream saved = System.in;
    System.setIn(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    try {
      return command.get();
    } finally {
      System.setIn(saved);
    }
  }

  @Test
  void wordTokensBidirectionalAndPatienceStopAfterTheBest() throws Exception {
    String[] words = {"the", "a", "cat", "dog", "sat", "ran", "big", "small", "red", "old"};
    Random r = new Random(3);
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      StringBuilder text = new StringBuilder();
      int length = 2 + r.nextInt(6);
      boolean zebra = r.nextBoolean();
      int at = r.nextInt(length);
      for (int k = 0; k < length; k++) {
        text.append(k == 0 ? "" : " ").append(zebra && k == at ? "zebra" : words[r.nextInt(words.length)]);
      }
      s.append(zebra ? "zebra" : "plain").append('\t').append(text).append('\n');
    }
    Path data = Files.writeString(dir.resolve("words.tsv"), s.toString());
    Path runDir = dir.resolve("run");
    CliTest.Run t = run("train", "--classify", data.toString(), "--tokens", "word", "--cell", "gru", "--bidirectional",
        "--hidden", "8", "--epochs", "40", "--patience", "2", "--val-fraction", "0.2", "--run-dir", runDir.toString(), "--json");
    assertThat(t.code()).as(t.err()).isZero();
    assertThat(t.out()).contains("word tokens, vocabulary 12 (with the unknown token)", "training 240, validation 60",
        "model: gru, hidden 8, layers 1, bidirectional", "stopped by patience");
    Map<String, Object> j = t.json();
    assertThat(j).containsEntry("stopped", "patience");
    int epochs = ((Number) j.get("epochs")).intValue();
    assertThat(epochs).isLessThan(40).isEqualTo(((Number) j.get("best_epoch")).intValue() + 2);
    assertThat(((Number) j.get("value")).doubleValue()).isGreaterThanOrEqualTo(0.95);

    // An unseen word reads as the unknown token, and the rest still decides.
    Path texts = Files.writeString(dir.resolve("t.txt"), "the giraffe sat\nthe zebra sat\n");
    CliTest.Run c = run("classify", "--model", runDir.resolve("model.safetensors").toString(), "--input", texts.toString());
    assertThat(c.code()).as(c.err()).isZero();
    assertThat(c.out()).isEqualTo("plain\tthe giraffe sat\nzebra\tthe zebra sat\n");
  }

  /** Sequences of 4-12 rows (id, t, x, noise, label): x rises, falls or stays level, with noise; the label says which. */
  static Path trendData(Path file, int n, long seed, boolean withLabels) throws Exception {
    Random r = new Random(seed);
    String[] trends = {"down", "flat", "up"};
    StringBuilder s = new StringBuilder(withLabels ? "id,t,x,noise,label\n" : "id,t,x,noise\n");
    for (int i = 0; i < n; i++) {
      int trend = r.nextInt(3), length = 4 + r.nextInt(9);
      double level = 10 * r.nextDouble();
      for (int t = 0; t < length; t++) {
        double x = level + (trend - 1) * 0.5 * t + 0.1 * r.nextGaussian();
        s.append(String.format(java.util.Locale.ROOT, "s%d,%d,%.4f,%.4f", i, t, x, r.nextGaussian()))
            .append(withLabels ? "," + trends[trend] : "").append('\n');
      }
    }
    return Files.writeString(file, s.toString());
  }

  @Test
  void csvRowsAreGroupedIntoSequencesByIdAndClassifiedLikewise() throws Exception {
    Path data = trendData(dir.resolve("trends.csv"), 400, 4, true);
    Path runDir = dir.resolve("run");
    CliTest.Run t = run("train", "--classify", data.toString(), "--features", "x,noise", "--cell", "gru", "--hidden", "12",
        "--batch", "16", "--lr", "0.02", "--epochs", "12", "--val-fraction", "0.25", "--run-dir", runDir.toString(), "--json");
    assertThat(t.code()).as(t.err()).isZero();
    assertThat(t.out()).contains("400 sequences (by 'id'), features [x, noise], lengths 4-12", "classes: down ", "F1 down ");
    assertThat(((Number) t.json().get("value")).doubleValue()).as(t.out()).isGreaterThanOrEqualTo(0.9);
    Map<String, String> meta = SafeTensors.read(runDir.resolve("model.safetensors")).metadata();
    assertThat(meta).containsEntry("rnn4j.classifier.input", "features").containsEntry("rnn4j.classifier.id_column", "id")
        .containsEntry("rnn4j.classifier.features", "[\"x\",\"noise\"]");

    Path unlabeled = trendData(dir.resolve("new.csv"), 30, 5, false);
    Path labeled = trendData(dir.resolve("new-labeled.csv"), 30, 5, true); // the same sequences, with their labels
    CliTest.Run c = run("classify", "--model", runDir.resolve("model.safetensors").toString(), "--input", unlabeled.toString());
    assertThat(c.code()).as(c.err()).isZero();
    String[] lines = c.out().strip().split("\n");
    assertThat(lines).hasSize(30);
    SequenceCsv truth = SequenceCsv.read(CsvFile.read(labeled, ','), "id", "label", List.of("x"));
    int right = 0;
    for (int i = 0; i < 30; i++) {
      assertThat(lines[i]).endsWith("\ts" + i);
      right += lines[i].startsWith(truth.labels().get(i) + "\t") ? 1 : 0;
    }
    assertThat(right).as(c.out()).isGreaterThanOrEqualTo(26);
  }

  @Test
  void badCsvFilesNameTheLineAndColumn() throws Exception {
    Path csv = Files.writeString(dir.resolve("c.csv"), "id,x,label\na,1,p\nb,2,q\n");
    CliTest.Run tokens = run("train", "--classify", csv.toString(), "--tokens", "word");
    assertThat(tokens.code()).isEqualTo(2);
    assertThat(tokens.err().strip()).isEqualTo("error: --classify: expected only options of classifying a CSV file of "
        + "sequences (--id, --label, --features, --delimiter), the model and training options, found --tokens");

    Path missing = Files.writeString(dir.resolve("m.csv"), "id,x,label\na,1,p\n");
    CliTest.Run a = run("train", "--classify", missing.toString(), "--features", "y");
    assertThat(a.code()).isEqualTo(2);
    assertThat(a.err().strip()).isEqualTo("error: " + missing + ": expected a column 'y' (--features), found columns id, x, label");

    Path apart = Files.writeString(dir.resolve("a.csv"), "id,x,label\na,1,p\nb,2,q\na,3,p\n");
    CliTest.Run b = run("train", "--classify", apart.toString());
    assertThat(b.code()).isEqualTo(2);
    assertThat(b.err().strip()).isEqualTo("error: " + apart + " line 4: expected the rows of sequence 'a' to be consecutive, "
        + "found it again after other sequences");

    Path labelChange = Files.writeString(dir.resolve("l.csv"), "id,x,label\na,1,p\na,2,q\n");
    CliTest.Run c = run("train", "--classify", labelChange.toString());
    assertThat(c.code()).isEqualTo(2);
    assertThat(c.err().strip()).isEqualTo("error: " + labelChange + " line 3, column 'label': expected the label of sequence "
        + "'a' ('p') on all its rows, found 'q'");

    Path text = Files.writeString(dir.resolve("n.csv"), "id,x,label\na,1,p\nb,\"1,5\",q\n");
    CliTest.Run d = run("train", "--classify", text.toString());
    assertThat(d.code()).isEqualTo(2);
    assertThat(d.err().strip()).isEqualTo("error: " + text + " line 3, column 'x': expected a finite number, found '1,5'");

    Path gap = Files.writeString(dir.resolve("g.csv"), "id,x,label\na,1,p\nb,,q\n");
    CliTest.Run e = run("train", "--classify", gap.toString());
    assertThat(e.code()).isEqualTo(2);
    assertThat(e.err().strip()).isEqualTo("error: " + gap + " line 3, column 'x': expected a number, found an empty cell; "
        + "a sequence classifier's features have no gaps"); // not a hint at --missing, which --classify does not take

    CliTest.Run fill = run("train", "--classify", gap.toString(), "--missing", "previous");
    assertThat(fill.code()).isEqualTo(2);
    assertThat(fill.err().strip()).isEqualTo("error: --classify: expected only options of classifying a CSV file of sequences "
        + "(--id, --label, --features, --delimiter), the model and training options, found --missing");

    Path semicolons = Files.writeString(dir.resolve("s.csv"), "id;x;label\na;1,5;p\nb;2;q\n");
    CliTest.Run f = run("train", "--classify", semicolons.toString(), "--delimiter", ";");
    assertThat(f.code()).isEqualTo(2); // read with ';': the cell '1,5' is the error, not the delimiter
    assertThat(f.err().strip()).isEqualTo("error: " + semicolons + " line 2, column 'x': expected a finite number, found '1,5'");
  }

  @Test
  void badTextFilesAndOptionsAreOneLineAndExitCode2() throws Exception {
    Path noTab = Files.writeString(dir.resolve("bad.tsv"), "yes\tabc\nno abc\n");
    CliTest.Run a = run("train", "--classify", noTab.toString());
    assertThat(a.code()).isEqualTo(2);
    assertThat(a.err().strip()).isEqualTo("error: " + noTab + " line 2: expected 'label<TAB>text', found no tab in 'no abc'");

    Path oneClass = Files.writeString(dir.resolve("one.tsv"), "yes\tabc\nyes\tabd\n");
    CliTest.Run b = run("train", "--classify", oneClass.toString());
    assertThat(b.code()).isEqualTo(2);
    assertThat(b.err().strip()).isEqualTo("error: " + oneClass + ": labels: expected at least 2 classes, found 1 [yes]");

    Path data = letterData(dir.resolve("letters.tsv"), 20, 1);
    CliTest.Run tokens = run("train", "--classify", data.toString(), "--tokens", "bytes");
    assertThat(tokens.code()).isEqualTo(2);
    assertThat(tokens.err().strip()).isEqualTo("error: token level: expected char or word, found 'bytes'");

    CliTest.Run other = run("train", "--classify", data.toString(), "--id", "name", "--task", "xor");
    assertThat(other.code()).isEqualTo(2);
    assertThat(other.err().strip()).isEqualTo("error: --classify: expected only options of classifying texts (--tokens), the "
        + "model and training options, found --id, --task");

    CliTest.Run json = run("train", "--task", "xor", "--json");
    assertThat(json.code()).isEqualTo(2);
    assertThat(json.err().strip()).isEqualTo("error: --json: expected the language model, --classify, --pairs, --forecast or "
        + "--inputs training, found --task xor");

    Path task = dir.resolve("task.safetensors");
    assertThat(run("task", "xor", "--epochs", "1", "--save", task.toString()).code()).isZero();
    CliTest.Run notClassifier = run("classify", "--model", task.toString(), "--input", data.toString());
    assertThat(notClassifier.code()).isEqualTo(2);
    assertThat(notClassifier.err().strip()).isEqualTo("error: " + task + ": expected a classifier (written by rnn train "
        + "--classify), found a recurrent model (rnn task, rnn train --task or --inputs)");
  }
}
