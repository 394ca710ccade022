package org.rnn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnn4j.cli.CliTest.run;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.data.Vocabulary;
import org.rnn4j.lm.CharModel;
import org.rnn4j.seq2seq.Seq2Seq;
import org.rnn4j.seq2seq.Seq2SeqConfig;
import org.rnn4j.seq2seq.Seq2SeqFile;
import org.rnn4j.seq2seq.Seq2SeqTask;
import org.rnn4j.seq2seq.Seq2SeqText;
import org.rnn4j.train.Checkpoint;

/** {@code rnn train --pairs} and {@code rnn translate}, in-process, on generated pairs: words and their reversal. */
class PairsCliTest {
  @TempDir Path dir;

  /** n random words of 3–5 letters from {@code letters}. */
  static List<String> words(int n, String letters, long seed) {
    Random rng = new Random(seed);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      StringBuilder w = new StringBuilder();
      for (int k = 3 + rng.nextInt(3); k > 0; k--) {
        w.append(letters.charAt(rng.nextInt(letters.length())));
      }
      out.add(w.toString());
    }
    return out;
  }

  static String reversed(String w) {
    return new StringBuilder(w).reverse().toString();
  }

  Path reversals(int n, String letters, long seed) throws Exception {
    StringBuilder tsv = new StringBuilder();
    for (String w : words(n, letters, seed)) {
      tsv.append(w).append('\t').append(reversed(w)).append('\n');
    }
    Path file = dir.resolve("reverse-" + n + ".tsv");
    Files.writeString(file, tsv, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void reversingWordsIsLearnedAndTheSavedModelTranslatesNewWords() throws Exception {
    Path pairs = reversals(1000, "abcdefghijklmnopqrstuvwxyz", 1);
    Path runDir = dir.resolve("run");
    CliTest.Run r = run("train", "--pairs", pairs.toString(), "--epochs", "8", "--run-dir", runDir.toString(), "--json");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("1000 (900 training, 100 validation), char tokens", "source 27 (with <unk>)",
        "epoch   8", "val exact_match", "cer", "best", "result: best validation exact_match", " -> ");
    System.out.println("reverse 3-5 letters, 8 epochs: " + r.lastLine());
    Map<String, Object> j = r.json();
    assertThat(j).containsKeys("task", "metric", "value", "baseline", "best_step", "seconds", "cer", "epochs", "stop")
        .containsEntry("task", "pairs").containsEntry("metric", "exact_match").containsEntry("tokens", "char");
    assertThat(((Number) j.get("value")).doubleValue()).isGreaterThan(0.8);
    assertThat(((Number) j.get("baseline")).doubleValue()).isLessThan(0.05); // only palindromes
    assertThat(runDir.resolve("model.safetensors")).exists();
    assertThat(runDir.resolve("checkpoint.safetensors")).exists();

    List<String> fresh = words(50, "abcdefghijklmnopqrstuvwxyz", 99);
    Path input = dir.resolve("words.txt");
    Files.writeString(input, String.join("\n", fresh) + "\n", StandardCharsets.UTF_8);
    CliTest.Run t = run("translate", "--model", runDir.resolve("model.safetensors").toString(), "--input", input.toString());
    assertThat(t.code()).as(t.err()).isZero();
    List<String> lines = t.out().lines().toList();
    assertThat(lines).hasSize(50);
    long right = 0;
    for (int i = 0; i < 50; i++) {
      right += lines.get(i).equals(reversed(fresh.get(i))) ? 1 : 0;
    }
    assertThat(right).isGreaterThan(35);

    InputStream saved = System.in;
    System.setIn(new ByteArrayInputStream("abc\n\nxyz\u00e9\n".getBytes(StandardCharsets.UTF_8)));
    try {
      CliTest.Run stdin = run("translate", "--model", runDir.resolve("model.safetensors").toString(), "--beam", "3");
      assertThat(stdin.code()).as(stdin.err()).isZero();
      assertThat(stdin.out().split("\n", -1)).hasSize(4).startsWith("cba", ""); // one line per line; é maps to <unk>
    } finally {
      System.setIn(saved);
    }
  }

  @Test
  void aResumedRunEndsWhereOneUninterruptedRunEnds() throws Exception {
    Path pairs = reversals(120, "abcdef", 2);
    Path straight = dir.resolve("straight"), resumed = dir.resolve("resumed");
    String[] common = {"train", "--pairs", pairs.toString(), "--hidden", "16", "--embedding", "8", "--tokens", "char"};
    assertThat(run(concat(common, "--epochs", "4", "--run-dir", straight.toString())).code()).isZero();
    assertThat(run(concat(common, "--epochs", "2", "--run-dir", resumed.toString())).code()).isZero();
    CliTest.Run r = run("train", "--pairs", pairs.toString(), "--resume", resumed.toString(), "--epochs", "4");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("epoch   3", "epoch   4").doesNotContain("epoch   2");
    Seq2Seq a = Checkpoint.load(straight.resolve("checkpoint.safetensors"), Seq2SeqFile::fromFile).model();
    Seq2Seq b = Checkpoint.load(resumed.resolve("checkpoint.safetensors"), Seq2SeqFile::fromFile).model();
    assertThat(b.parameters().values()).containsExactly(a.parameters().values());

    CliTest.Run changed = run("train", "--pairs", pairs.toString(), "--resume", resumed.toString(), "--hidden", "32");
    assertThat(changed.code()).isEqualTo(2);
    assertThat(changed.err().strip()).isEqualTo(
        "error: --resume: expected only budget options (the rest is the run's config.json), found [--hidden]");
  }

  @Test
  void wordTokensGiveWordVocabulariesAndWordOutputs() throws Exception {
    String[] numbers = {"one", "two", "three", "four", "five", "six"};
    Random rng = new Random(4);
    StringBuilder tsv = new StringBuilder();
    for (int i = 0; i < 60; i++) {
      String a = numbers[rng.nextInt(6)], b = numbers[rng.nextInt(6)];
      tsv.append(a).append("  ").append(b).append('\t').append(b).append(' ').append(a).append('\n');
    }
    Path pairs = dir.resolve("swap.tsv"), runDir = dir.resolve("words");
    Files.writeString(pairs, tsv, StandardCharsets.UTF_8);
    CliTest.Run r = run("train", "--pairs", pairs.toString(), "--tokens", "word", "--attention", "dot", "--epochs", "2",
        "--hidden", "16", "--schedule", "plateau", "--run-dir", runDir.toString(), "--json");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("word tokens; vocabulary: source 7 (with <unk>), target 8 (with <bos>, <eos>); longest"
        + " target 2 tokens", "attention dot");
    assertThat(r.json()).containsEntry("tokens", "word").containsEntry("attention", "dot");
    Path input = dir.resolve("in.txt");
    Files.writeString(input, "two   six\nseven one\n", StandardCharsets.UTF_8);
    CliTest.Run t = run("translate", "--model", runDir.resolve("model.safetensors").toString(), "--input", input.toString());
    assertThat(t.code()).as(t.err()).isZero();
    assertThat(t.out().lines().toList()).hasSize(2).allMatch(line -> line.matches("((one|two|three|four|five|six)( |$))*"));
  }

  @Test
  void dataPairsWritesATasksPairsAsTsv() throws Exception {
    Path file = dir.resolve("dates.tsv");
    CliTest.Run r = run("data", "pairs", "dates", "--count", "30", "--out", file.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().strip()).isEqualTo("wrote 30 dates pairs to " + file);
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(30).allMatch(line -> line.matches("[^\t]+\t\\d{4}-\\d{2}-\\d{2}"));
    assertThat(run("data", "pairs", "copy", "--out", file.toString()).err().strip())
        .isEqualTo("error: seq2seq task: expected one of reverse, sort, dates, found 'copy'");
  }

  static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void badInputIsOneLineAndExitCode2() throws Exception {
    Path bad = dir.resolve("bad.tsv");
    Files.writeString(bad, "abc\tcba\nno tab\n", StandardCharsets.UTF_8);
    CliTest.Run noTab = run("train", "--pairs", bad.toString());
    assertThat(noTab.code()).isEqualTo(2);
    assertThat(noTab.err().strip()).isEqualTo("error: " + bad
        + " line 2: expected 'source<TAB>target' (one tab), found no tab in 'no tab'");

    Path pairs = reversals(20, "ab", 3);
    CliTest.Run other = run("train", "--pairs", pairs.toString(), "--forecast", "x", "--dropout", "0.5");
    assertThat(other.code()).isEqualTo(2);
    assertThat(other.err().strip()).isEqualTo(
        "error: --pairs: not an option of sequence-to-sequence training, found [--dropout, --forecast]");

    CliTest.Run tokens = run("train", "--pairs", pairs.toString(), "--tokens", "bytes");
    assertThat(tokens.code()).isEqualTo(2);
    assertThat(tokens.err().strip()).isEqualTo("error: token level: expected char or word, found 'bytes'");

    Seq2SeqText text = Seq2SeqText.of(List.of(new Seq2SeqTask.Pair("ab", "ba")), Vocabulary.Level.CHAR);
    Path untrained = dir.resolve("untrained.safetensors");
    Seq2SeqFile.save(untrained, new Seq2Seq(Seq2SeqConfig.builder(text.source().size(), text.target().size()).hidden(4)
        .build(), text, 1));
    Path badInput = dir.resolve("bad.txt");
    Files.write(badInput, new byte[] {'a', 'b', '\n', 'b', (byte) 0xC3, '\n'});
    CliTest.Run invalid = run("translate", "--model", untrained.toString(), "--input", badInput.toString());
    assertThat(invalid.code()).isEqualTo(2);
    assertThat(invalid.out().lines().toList()).hasSize(1); // the good line came out before the error
    assertThat(invalid.err().strip()).isEqualTo("error: " + badInput
        + " line 2: expected UTF-8 text, found invalid bytes C3 at byte offset 1");

    Path lmFile = dir.resolve("lm.safetensors");
    CharModel.create(Vocabulary.of("abc"), "gru", 4, 1, 0, 1).save(lmFile, Map.of());
    CliTest.Run notSeq2seq = run("translate", "--model", lmFile.toString(), "--input", pairs.toString());
    assertThat(notSeq2seq.code()).isEqualTo(2);
    assertThat(notSeq2seq.err().strip()).isEqualTo("error: " + lmFile + ": expected a sequence-to-sequence model"
        + " (from 'rnn train --pairs'), found a character language model (use 'rnn sample')");
  }
}
