package org.rnn4j.train;

import java.util.List;
import org.rnn4j.data.ArrayDataset;
import org.rnn4j.data.Batching;
import org.rnn4j.data.Example;
import org.rnn4j.math.Rng;
import org.rnn4j.model.Batch;

/**
 * Training data as the {@link Trainer} sees it: a fixed number of examples, cut into a fresh
 * shuffled set of minibatches each epoch. The batches of an epoch must depend only on the
 * shuffling generator's state, so a resumed run can draw them again.
 *
 * @param <B> the batch type of the model trained
 */
public interface Batches<B> {
  /** How many examples an epoch covers (a resumed run checks it against its checkpoint). */
  int examples();

  /** One epoch's minibatches of at most {@code batchSize} examples, shuffled by {@code shuffle}. */
  List<B> epoch(int batchSize, Rng shuffle);

  /** Minibatches of an array data set ({@link ArrayDataset#batches}). */
  static Batches<Batch> of(ArrayDataset data) {
    return new Batches<>() {
      @Override public int examples() { return data.size(); }
      @Override public List<Batch> epoch(int batchSize, Rng shuffle) {
        return data.batches(batchSize, shuffle);
      }
    };
  }

  /** Padded, masked minibatches of equal-shape examples ({@link Batching#batches}). */
  static Batches<Batch> of(List<Example> examples) {
    return new Batches<>() {
      @Override public int examples() { return examples.size(); }
      @Override public List<Batch> epoch(int batchSize, Rng shuffle) {
        return Batching.batches(examples, batchSize, shuffle);
      }
    };
  }
}
