package org.rnn4j.spark;

import java.io.Serializable;

/**
 * What the driver broadcasts for one step: the parameter values, whether dropout is on, the seed of
 * the step's dropout masks, and the description of the global minibatch.
 *
 * @param run the run's id (the key of the executors' model copies)
 * @param seed drawn by the driver from its model's dropout generator (which checkpoints save), so a
 *     resumed run draws the same masks; partition p's masks come from {@code Seeds.mix(seed, p)}
 */
record StepMessage<W>(String run, float[] values, boolean training, long seed, W work) implements Serializable {}
