package org.rnn4j.spark;

import java.io.Serializable;

/**
 * A step of stateful truncated BPTT over token streams: window {@code window} of {@code steps}
 * steps of every stream, each partition starting from its own streams' carried state.
 *
 * @param stateRows L·D, the first dimension of a carried state
 * @param states per partition, the carried states (flat (L·D, b, H) each), or null for the model's
 *     initial state (the first window of a pass)
 */
public record StreamWindow(int window, int steps, int stateRows, float[][][] states) implements Serializable {}
