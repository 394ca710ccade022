package org.rnn4j.spark;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * What the driver broadcasts for one round of local SGD: the averaged parameter values and
 * optimizer state, the global step the round starts at, the training config (as JSON), the driver's
 * schedule ({@code Schedule.toJson}: a plateau schedule as the validations left it), the steps'
 * global minibatches, and each partition's carried recurrent state.
 *
 * @param buffers the optimizer's averaged buffers by name (empty before its first step)
 * @param optimizerSteps the optimizer's step count
 * @param seed the round's dropout seed; partition p's step k draws from {@code Seeds.mix(seed, p · K + k)}
 * @param states per partition, the carried states (token streams), or null
 */
record RoundMessage<W>(String run, float[] values, LinkedHashMap<String, float[]> buffers, long optimizerSteps, long step,
    String config, String schedule, List<W> works, long seed, float[][][] states) implements Serializable {}
