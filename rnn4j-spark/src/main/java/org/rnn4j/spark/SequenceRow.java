package org.rnn4j.spark;

import java.io.Serializable;

/**
 * One labelled sequence as it travels between Spark stages, batch-first and flat: {@code x} holds
 * the input of shape {@code (S, ...)} (S = T steps, or 1 for a one-to-many input vector), {@code
 * y} the target {@code (S_out, ...)}, {@code length} the sequence's own length (0: all steps).
 */
public record SequenceRow(float[] x, float[] y, int length) implements Serializable {}
