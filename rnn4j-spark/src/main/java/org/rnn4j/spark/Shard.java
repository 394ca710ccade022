package org.rnn4j.spark;

import java.io.Serializable;
import org.rnn4j.model.Batch;

/**
 * The training data one partition holds, cached on its executor: it turns a step's description
 * of the global minibatch ({@code W}, e.g. row indices or a window of token streams) into the
 * batch of its own rows. A lost partition is rebuilt from its lineage, with the same rows.
 *
 * @param <W> what the driver says about a step's global minibatch
 */
public interface Shard<W> extends Serializable {
  /** This partition's part of the step's minibatch, or null when it holds none of it. */
  Batch batch(W work);

  /** Whether the step's final recurrent states go back to the driver (token streams carry them). */
  default boolean carriesState() {
    return false;
  }

  /**
   * The step {@code work} starting from {@code state}, this partition's carried state (local SGD
   * carries it from one local step to the next); {@code work} itself for a shard without state.
   */
  default W carrying(W work, float[][] state) {
    return work;
  }
}
