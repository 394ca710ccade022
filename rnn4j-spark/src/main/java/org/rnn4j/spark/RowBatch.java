package org.rnn4j.spark;

import java.io.Serializable;

/** A step's global minibatch of sequence data: the global indices of its rows, in batch order. */
public record RowBatch(int[] rows) implements Serializable {}
