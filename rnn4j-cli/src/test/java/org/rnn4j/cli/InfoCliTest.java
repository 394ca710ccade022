package org.rnn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnn4j.cli.CliTest.run;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.data.StoryCorpus;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.seq2seq.Seq2SeqFile;
import org.rnn4j.tensor.Tensor;

/** {@code rnn info} on a file of every model kind this build writes, on PyTorch's files and on kinds it does not know. */
class InfoCliTest {
  @TempDir Path dir;

  @SuppressWarnings("unchecked")
  private static Map<String, Object> info(Path model) throws Exception {
    CliTest.Run r = run("info", "--model", model.toString(), "--json");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().strip()).doesNotContain("\n");
    return r.json();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> part(Map<String, Object> info, String key) {
    return (Map<String, Object>) info.get(key);
  }

  @Test
  void describesTheLanguageModelItsCheckpointAndATaskModel() throws Exception {
    Path text = Files.writeString(dir.resolve("tiny.txt"), StoryCorpus.generate(5, 2000), StandardCharsets.UTF_8);
    Path lm = dir.resolve("lm");
    assertThat(run("train", "--data", text.toString(), "--hidden", "8", "--steps", "5", "--batch", "2", "--seq-len", "8",
        "--run-dir", lm.toString()).code()).isZero();
    Map<String, Object> model = info(lm.resolve("model.safetensors"));
    assertThat(model).containsEntry("kind", "char-lm").containsEntry("format", "1").containsKey("vocabulary");
    // Own text: two layers with dropout 0.25 by default (CharLmConfig.defaultsFor).
    assertThat(part(model, "model")).containsEntry("cell", "lstm").containsEntry("hidden", 8).containsEntry("layers", 2)
        .containsEntry("dropout", 0.25).containsEntry("directions", "1").containsEntry("mapping", "many-to-many");
    int vocabulary = ((Number) model.get("vocabulary")).intValue();
    assertThat(part(model, "model")).containsEntry("input", "tokens of " + vocabulary);
    // LSTM: 4H rows in each of W_ih (V, then H for layer 2), W_hh (H) and the two biases; the head V × H + V.
    int h = 8, v = vocabulary;
    assertThat(((Number) model.get("parameters")).intValue()).isEqualTo(4 * h * (v + h + 2) + 4 * h * (h + h + 2) + v * h + v);
    assertThat(part(model, "tensors")).containsEntry("weight_ih_l0", List.of(4 * h, v)).containsEntry("head.bias", List.of(v));
    assertThat(part(model, "provenance")).containsEntry("best_step", "5"); // model.safetensors is the best validated model

    Map<String, Object> checkpoint = info(lm.resolve("checkpoint.safetensors"));
    assertThat(checkpoint).containsEntry("kind", "checkpoint").containsEntry("of", "char-lm")
        .containsEntry("parameters", model.get("parameters")).containsKey("training_state");
    assertThat(part(checkpoint, "provenance")).containsEntry("checkpoint_step", "5").containsEntry("optimizer", "adam");

    Path task = dir.resolve("task.safetensors");
    assertThat(run("task", "xor", "--epochs", "1", "--nonlinearity", "relu", "--save", task.toString()).code()).isZero();
    Map<String, Object> t = info(task);
    assertThat(t).containsEntry("kind", "rnn");
    assertThat(part(t, "model")).containsEntry("cell", "elman").containsEntry("nonlinearity", "relu");
    assertThat(part(t, "provenance")).containsEntry("training", "no training metadata in the file");

    CliTest.Run text1 = run("info", "--model", task.toString());
    assertThat(text1.out()).contains("kind           rnn\n", "description    recurrent model (rnn task, rnn train --task or --inputs)",
        "  weight_hh_l0 ");
  }

  @Test
  void describesTheForecasterTheConvModelAndTheClassifierWithItsBestStep() throws Exception {
    Path csv = dir.resolve("series.csv");
    assertThat(run("data", "sine", "--rows", "80", "--out", csv.toString()).code()).isZero();
    Path series = dir.resolve("series");
    assertThat(run("train", "--data", csv.toString(), "--forecast", "value", "--window", "10", "--hidden", "4", "--epochs", "1",
        "--run-dir", series.toString()).code()).isZero();
    Map<String, Object> f = info(series.resolve("model.safetensors"));
    assertThat(f).containsEntry("kind", "forecaster");
    assertThat(part(f, "series")).containsEntry("rnn4j.series.features", "value").containsEntry("rnn4j.series.window", "10");

    Path conv = dir.resolve("conv.safetensors");
    assertThat(run("cnn-task", "waveforms", "--length", "24", "--train", "16", "--test", "8", "--epochs", "1", "--hidden", "4",
        "--save", conv.toString()).code()).isZero();
    Map<String, Object> c = info(conv);
    assertThat(c).containsEntry("kind", "conv-rnn");
    assertThat((String) c.get("conv")).startsWith("16k5");
    assertThat(part(c, "tensors")).containsKey("conv.0.weight");

    Path data = ClassifyCliTest.letterData(dir.resolve("letters.tsv"), 40, 1);
    Path run = dir.resolve("classifier");
    assertThat(run("train", "--classify", data.toString(), "--hidden", "4", "--epochs", "1", "--run-dir", run.toString())
        .code()).isZero();
    Map<String, Object> k = info(run.resolve("model.safetensors"));
    assertThat(k).containsEntry("kind", "classifier");
    assertThat(part(k, "classifier")).containsEntry("tokens", "char").containsEntry("classes", 2)
        .containsEntry("labels", List.of("no", "yes"));
    assertThat(part(k, "model")).containsEntry("mapping", "many-to-one").containsEntry("head", "2 softmax");
    assertThat(part(k, "provenance")).containsKeys("best_step", "best_score");
  }

  @Test
  void describesSeq2SeqPyTorchAndKindsItDoesNotKnowWithoutFailing() throws Exception {
    Path s2s = dir.resolve("s2s.safetensors");
    assertThat(run("seq2seq", "reverse", "--hidden", "8", "--epochs", "1", "--train-size", "50", "--save", s2s.toString())
        .code()).isZero();
    Map<String, Object> s = info(s2s);
    assertThat(s).containsEntry("kind", "seq2seq").doesNotContainKey("model");
    assertThat((String) s.get("vocabulary")).matches("source \\d+, target \\d+");
    assertThat(part(s, "settings")).containsKeys("seq2seq.cell", "seq2seq.attention");
    assertThat(((Number) s.get("parameters")).intValue()).isEqualTo(Seq2SeqFile.load(s2s).parameters().size());

    Map<String, Object> torch = info(CliTest.REFERENCE.resolve("rnn_tanh_1l/model.safetensors"));
    assertThat(torch).containsEntry("kind", "pytorch").containsEntry("format", "1 (no version key)");
    assertThat(part(torch, "model")).containsEntry("cell", "elman").containsEntry("input", "3 features")
        .containsEntry("hidden", 4).containsEntry("head", "none (outputs are the hidden states)");

    Path esn = dir.resolve("esn.safetensors");
    Path series = dir.resolve("series.csv");
    assertThat(run("data", "sine", "--rows", "300", "--out", series.toString()).code()).isZero();
    assertThat(run("esn", "--data", series.toString(), "--forecast", "value", "--units", "20", "--plot-dir",
        dir.resolve("esn-plots").toString(), "--save", esn.toString()).code()).isZero();
    Map<String, Object> e = info(esn);
    assertThat(e).containsEntry("kind", "esn").doesNotContainKey("model");
    assertThat(part(e, "settings")).containsEntry("rnn4j.esn.units", "20");
    assertThat(part(e, "tensors")).isNotEmpty();

    Path unknown = dir.resolve("other.safetensors");
    SafeTensors.write(unknown, Map.of("w", Tensor.zeros(2, 3)), Map.of("made_by", "someone else"));
    Map<String, Object> u = info(unknown);
    assertThat(u).containsEntry("kind", "unknown").containsEntry("parameters", 6).containsEntry("metadata_keys", List.of("made_by"));

    Path notSafetensors = Files.writeString(dir.resolve("x.safetensors"), "hello");
    CliTest.Run bad = run("info", "--model", notSafetensors.toString());
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err().strip()).startsWith("error: " + notSafetensors).doesNotContain("\n");
  }
}
