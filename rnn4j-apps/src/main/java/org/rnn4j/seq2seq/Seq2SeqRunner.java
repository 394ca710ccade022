package org.rnn4j.seq2seq;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.rnn4j.data.Vocabulary;
import org.rnn4j.math.Rng;
import org.rnn4j.train.Batches;
import org.rnn4j.train.TrainConfig;
import org.rnn4j.train.Trainer;

/**
 * Trains a {@link Seq2Seq} on a task with teacher forcing and Adam (the one {@link Trainer}), and scores the exact-match
 * accuracy of whole greedy (or beam) translations on a held-out set after every epoch, stopping
 * early at 100%. The test set is drawn first from its own generator; training pairs whose source
 * is in it are redrawn, so no test source is ever trained on. Everything random comes from the seed.
 */
public final class Seq2SeqRunner {
  private static final double CLIP_NORM = 5.0;

  private Seq2SeqRunner() {}

  /**
   * Overrides of the task's defaults; null keeps the default. {@code training} changes the task's
   * training settings (epochs, Adam's rate decaying by the task's factor every epoch, batch,
   * clipping at norm 5), e.g. to another optimizer or budget. {@code beam} ≤ 1 scores greedy decoding.
   */
  public record Options(AttentionKind attention, String cell, Integer hidden, UnaryOperator<TrainConfig> training, int beam,
      Integer trainSize, long seed) {
    public static Options defaults(long seed) {
      return new Options(AttentionKind.ADDITIVE, "elman", null, UnaryOperator.identity(), 1, null, seed);
    }
  }

  /** One epoch: mean training loss per token and the held-out greedy exact match. */
  public record Progress(int epoch, double loss, double accuracy, double seconds) {}

  public interface Listener {
    void epoch(Progress p);
  }

  /** A held-out example and the model's translation. */
  public record Example(String source, String target, String output) {}

  /** The outcome: exact match (greedy, or beam when asked), the copy-the-source baseline, examples. */
  public record Result(String task, double value, double baseline, double seconds, int epochs, AttentionKind attention,
      Seq2SeqConfig config, Translator translator, List<Example> examples) {}

  public static Result run(Seq2SeqTask task, Options o, Listener listener) {
    long start = System.nanoTime();
    Seq2SeqTask.Settings s = task.defaults();
    int trainSize = o.trainSize() != null ? o.trainSize() : s.trainSize();
    List<Seq2SeqTask.Pair> test = draw(task, s.testSize(), new Random(o.seed() + 2), Set.of());
    Set<String> testSources = new HashSet<>();
    test.forEach(p -> testSources.add(p.source()));
    List<Seq2SeqTask.Pair> train = draw(task, trainSize, new Random(o.seed() + 1), testSources);
    Vocabulary src = task.sourceVocabulary(), tgt = task.targetVocabulary();
    Seq2SeqConfig config = Seq2SeqConfig.builder(src.size(), tgt.size()).embedding(s.embedding())
        .hidden(o.hidden() != null ? o.hidden() : s.hidden()).cell(o.cell() == null ? "elman" : o.cell())
        .attention(o.attention()).build();
    int longest = 0;
    for (Seq2SeqTask.Pair p : train) {
      longest = Math.max(longest, tgt.encode(p.target()).length);
    }
    Seq2Seq model = new Seq2Seq(config, new Seq2SeqText(src, tgt, longest), o.seed());
    List<String> testSourceList = test.stream().map(Seq2SeqTask.Pair::source).toList();
    Batches<Seq2SeqBatch> data = Seq2SeqBatches.of(train, src, tgt);
    // The rate decays after every epoch: the number of batches per epoch depends only on the length groups.
    int perEpoch = data.epoch(s.batchSize(), new Rng(0)).size();
    TrainConfig tc = o.training().apply(TrainConfig.builder().epochs(s.epochs()).batchSize(s.batchSize())
        .lr(s.learningRate()).clipNorm(CLIP_NORM).seed(o.seed() + 3).schedule("step").gamma(s.decay()).stepEvery(perEpoch)
        .build());
    Trainer<Seq2SeqBatch> trainer = new Trainer<>(model, tc);
    double[] accuracy = {0};
    int epoch = trainer.fit(data, (e, stats) -> {
      accuracy[0] = exactMatch(Translator.of(model).greedy(testSourceList), test); // the weights as trained so far
      if (listener != null) {
        listener.epoch(new Progress(e, stats.loss(), accuracy[0], seconds(start)));
      }
      return accuracy[0] < 1.0;
    });
    Translator translator = Translator.of(model);
    List<String> outputs;
    if (o.beam() > 1) {
      outputs = testSourceList.stream().map(text -> translator.beam(text, o.beam())).toList();
      accuracy[0] = exactMatch(outputs, test);
    } else {
      outputs = translator.greedy(testSourceList);
    }
    List<Example> examples = new ArrayList<>();
    for (int i = 0; i < test.size(); i++) {
      examples.add(new Example(test.get(i).source(), test.get(i).target(), outputs.get(i)));
    }
    long copies = test.stream().filter(p -> p.source().equals(p.target())).count();
    return new Result(task.name(), accuracy[0], copies / (double) test.size(), seconds(start), epoch, o.attention(), config,
        translator, examples);
  }

  /** n pairs from the generator, skipping sources in {@code exclude}. */
  static List<Seq2SeqTask.Pair> draw(Seq2SeqTask task, int n, Random rng, Set<String> exclude) {
    List<Seq2SeqTask.Pair> out = new ArrayList<>(n);
    for (long tries = 0; out.size() < n; tries++) {
      if (tries > 100L * n) {
        throw new IllegalArgumentException(task.name() + ": cannot draw " + n
            + " pairs whose sources are not in the test set; the task has too few distinct sources");
      }
      Seq2SeqTask.Pair p = task.generate(rng);
      if (!exclude.contains(p.source())) {
        out.add(p);
      }
    }
    return out;
  }

  static double exactMatch(List<String> outputs, List<Seq2SeqTask.Pair> test) {
    int hits = 0;
    for (int i = 0; i < test.size(); i++) {
      hits += outputs.get(i).equals(test.get(i).target()) ? 1 : 0;
    }
    return hits / (double) test.size();
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
