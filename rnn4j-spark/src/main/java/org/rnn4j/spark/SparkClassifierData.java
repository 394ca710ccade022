package org.rnn4j.spark;

import org.rnn4j.classify.LabeledSequences;
import org.rnn4j.classify.Labels;
import org.rnn4j.classify.SequenceEncoding;

/**
 * A classifier's data read by Spark, split and encoded as {@code rnn train --classify} does: the
 * training sequences in partitions on the executors, the validation ones on the driver (which
 * validates). Closing drops the cached partitions.
 */
public interface SparkClassifierData extends AutoCloseable {
  /** The classes, from the whole file. */
  Labels labels();

  /** How the raw inputs became model inputs, fitted on the training part. */
  SequenceEncoding encoding();

  /** The training sequences in file order: rows x (T, ...) the encoded steps, y (1) the class, with their lengths. */
  SparkSequences train();

  /** The validation sequences, in file order. */
  LabeledSequences validation();

  /** The sequences of each class, both parts together. */
  int[] classCounts();

  @Override
  void close();
}
