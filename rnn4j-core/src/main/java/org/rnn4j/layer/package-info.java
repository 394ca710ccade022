/**
 * Layers: {@link org.rnn4j.layer.Recurrent} runs one cell over a sequence in one direction (the only
 * time loop of the library); {@link org.rnn4j.layer.RecurrentStack} composes layers and directions with
 * dropout and {@link org.rnn4j.layer.Fusion}; {@link org.rnn4j.layer.InputProjection}, {@link org.rnn4j.layer.Linear},
 * {@link org.rnn4j.layer.Init}; and the CNN front end {@link org.rnn4j.layer.Conv1d}, {@link org.rnn4j.layer.Pool1d},
 * {@link org.rnn4j.layer.ConvFrontEnd}.
 */
package org.rnn4j.layer;
