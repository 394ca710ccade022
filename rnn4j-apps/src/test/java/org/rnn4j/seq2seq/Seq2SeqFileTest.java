package org.rnn4j.seq2seq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.data.Vocabulary;
import org.rnn4j.io.FormatException;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.lm.CharModel;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.train.Checkpoint;
import org.rnn4j.train.TrainConfig;
import org.rnn4j.train.Trainer;

/** A seq2seq model of text in a file: round trip, checkpoint resume, and refusals that say what the file is. */
class Seq2SeqFileTest {
  @TempDir Path dir;

  static final List<Seq2SeqTask.Pair> PAIRS = List.of(new Seq2SeqTask.Pair("ab c", "c ba"),
      new Seq2SeqTask.Pair("a b", "b a"), new Seq2SeqTask.Pair("c a", "a c"), new Seq2SeqTask.Pair("b b c", "c b b"));

  static Seq2Seq wordModel(AttentionKind kind) {
    Seq2SeqText text = Seq2SeqText.of(PAIRS, Vocabulary.Level.WORD);
    Seq2SeqConfig c = Seq2SeqConfig.builder(text.source().size(), text.target().size()).embedding(4).hidden(6)
        .cell("gru").attention(kind).build();
    return new Seq2Seq(c, text, 2);
  }

  @Test
  void theTextSideIsBuiltFromTrainingPairsWithUnkForTheSource() {
    Seq2SeqText text = Seq2SeqText.of(PAIRS, Vocabulary.Level.WORD);
    assertThat(text.source().reserved()).containsExactly(Vocabulary.UNK);
    assertThat(text.target().reserved()).containsExactly(Vocabulary.BOS, Vocabulary.EOS);
    assertThat(text.source().decode(text.source().encode("a zz ab"))).isEqualTo("a <unk> ab");
    assertThat(text.longestTarget()).isEqualTo(3);
    assertThat(text.maxSteps()).isEqualTo(8);
  }

  @Test
  void aSavedModelTranslatesAsTheOriginal() throws Exception {
    for (AttentionKind kind : AttentionKind.values()) {
      Seq2Seq model = wordModel(kind);
      Path file = dir.resolve(kind.id() + ".safetensors");
      Seq2SeqFile.save(file, model);
      Seq2Seq back = Seq2SeqFile.load(file);
      assertThat(back.config()).isEqualTo(model.config());
      assertThat(back.text().toMetadata()).isEqualTo(model.text().toMetadata());
      assertThat(back.parameters().values()).containsExactly(model.parameters().values());
      List<String> inputs = List.of("a b c", "c", "zebra a", "", "b b b b");
      assertThat(Translator.of(back).greedy(inputs)).isEqualTo(Translator.of(model).greedy(inputs));
      assertThat(Translator.of(back).greedy(inputs).get(3)).isEmpty();
    }
  }

  @Test
  void aCheckpointResumesToTheSameModelAsARunNeverStopped() throws Exception {
    Seq2SeqText text = Seq2SeqText.of(PAIRS, Vocabulary.Level.CHAR);
    Seq2SeqBatches data = Seq2SeqBatches.of(PAIRS, text.source(), text.target());
    Seq2SeqConfig c = Seq2SeqConfig.builder(text.source().size(), text.target().size()).embedding(4).hidden(6).build();
    TrainConfig whole = TrainConfig.builder().epochs(4).batchSize(2).seed(5).build();
    Seq2Seq straight = new Seq2Seq(c, text, 3);
    new Trainer<>(straight, whole).fit(data, null);

    Seq2Seq first = new Seq2Seq(c, text, 3);
    Path run = dir.resolve("run");
    new Trainer<>(first, whole.toBuilder().epochs(2).build()).checkpointsIn(run).fit(data, null);
    Checkpoint<Seq2Seq> cp = Checkpoint.load(run.resolve(Trainer.CHECKPOINT_FILE), Seq2SeqFile::fromFile);
    assertThat(cp.model().text().toMetadata()).isEqualTo(text.toMetadata());
    Trainer.resume(cp, whole).fit(data, null);
    assertThat(cp.model().parameters().values()).containsExactly(straight.parameters().values());
  }

  @Test
  void otherModelFilesAreNamedAndHostileSizesRefusedBeforeAllocating() throws Exception {
    Path lm = dir.resolve("lm.safetensors");
    CharModel.create(Vocabulary.of("abc"), "gru", 4, 1, 0, 1).save(lm, Map.of());
    assertThatThrownBy(() -> Seq2SeqFile.load(lm)).isInstanceOf(FormatException.class).hasMessage(lm
        + ": expected a sequence-to-sequence model (from 'rnn train --pairs'), found a character language model"
        + " (use 'rnn sample')");

    Seq2Seq model = wordModel(AttentionKind.ADDITIVE);
    Map<String, String> meta = model.fileMetadata();
    meta.put("seq2seq.source_vocabulary", "2000000000");
    Path huge = dir.resolve("huge.safetensors");
    SafeTensors.write(huge, Map.of("out.bias", Tensor.of(new float[] {1}, 1)), meta);
    assertThatThrownBy(() -> Seq2SeqFile.load(huge)).isInstanceOf(FormatException.class)
        .hasMessageContaining("expected at least").hasMessageContaining("source vocabulary 2000000000");

    Map<String, String> badVocab = model.fileMetadata();
    badVocab.put("seq2seq.target_vocab", "{\"level\":\"word\",\"reserved\":[],\"symbols\":[\"a\"]}");
    Path wrong = dir.resolve("wrong.safetensors");
    SafeTensors.write(wrong, model.fileTensors(), badVocab);
    assertThatThrownBy(() -> Seq2SeqFile.load(wrong)).isInstanceOf(FormatException.class).hasMessage(wrong
        + ": seq2seq target vocabulary: expected reserved [<bos>, <eos>] first, found []");
  }

  /** The library route of docs/library.md, on a few pairs: read, split, vocabularies, train keeping the best, translate. */
  @Test
  void pairsFromAFileTrainKeepTheBestAndTranslate() throws Exception {
    Path tsv = dir.resolve("pairs.tsv");
    StringBuilder lines = new StringBuilder();
    Random rng = new Random(1);
    for (int i = 0; i < 80; i++) {
      String w = "abcd".substring(0, 1 + rng.nextInt(4)) + "xyz".charAt(rng.nextInt(3));
      lines.append(w).append('\t').append(new StringBuilder(w).reverse()).append('\n');
    }
    java.nio.file.Files.writeString(tsv, lines);
    List<Seq2SeqTask.Pair> all = PairsFile.read(tsv, Vocabulary.Level.CHAR);
    List<List<Seq2SeqTask.Pair>> parts = PairsFile.split(all, 0.1, 7);
    Seq2SeqText text = Seq2SeqText.of(parts.get(0), Vocabulary.Level.CHAR);
    Seq2Seq model = new Seq2Seq(Seq2SeqConfig.builder(text.source().size(), text.target().size()).cell("gru").hidden(16)
        .build(), text, 1);
    List<String> sources = parts.get(1).stream().map(Seq2SeqTask.Pair::source).toList();
    List<String> targets = parts.get(1).stream().map(Seq2SeqTask.Pair::target).toList();
    Path best = dir.resolve("best.safetensors");
    Trainer<Seq2SeqBatch> trainer = new Trainer<>(model, TrainConfig.builder().epochs(3).lr(0.01).clipNorm(5).build())
        .keepBest(() -> TranslationScore.of(Translator.of(model).greedy(sources), targets).validationScore(), best, Map.of());
    trainer.fit(Seq2SeqBatches.of(parts.get(0), text.source(), text.target()), (epoch, stats) -> true);
    Seq2Seq loaded = Seq2SeqFile.load(best);
    assertThat(TranslationScore.of(Translator.of(loaded).greedy(sources), targets).validationScore())
        .isEqualTo(trainer.best().score());
    assertThat(Translator.of(loaded).beam("abz", 3)).matches("[abcdxyz<unk>]*");
  }

  @Test
  void theLeastParameterCountIsALowerBound() {
    Random rng = new Random(3);
    for (AttentionKind kind : AttentionKind.values()) {
      for (boolean bidirectional : new boolean[] {true, false}) {
        Seq2SeqConfig c = Seq2SeqConfig.builder(3 + rng.nextInt(5), 3 + rng.nextInt(5)).embedding(1 + rng.nextInt(4))
            .hidden(4).bidirectional(bidirectional).encoderLayers(1 + rng.nextInt(2)).cell("lstm").attention(kind).build();
        assertThat(c.leastParameterValues()).as(c.toString()).isLessThanOrEqualTo(new Seq2Seq(c, 1).parameters().size());
      }
    }
  }
}
