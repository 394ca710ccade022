/**
 * Distributed training and batch inference on Apache Spark. Spark schedules, places data, retries
 * and shuffles; rnn4j supplies the math. The one {@link org.rnn4j.train.Trainer} trains a {@link
 * org.rnn4j.spark.DistributedObjective}: each step broadcasts the parameters, every partition
 * computes the loss and gradient sums of the part of the global minibatch it holds, and the driver
 * adds them in partition order (so a run is deterministic) before clipping and the optimizer's
 * step. {@link org.rnn4j.spark.SparkTrainer} is the entry point for training, {@link
 * org.rnn4j.spark.SparkPredictor} for batch inference, {@link org.rnn4j.spark.RnnSpark} builds
 * the Spark configuration. See docs/distributed.md.
 */
package org.rnn4j.spark;
