/**
 * Character language model: {@link org.rnn4j.lm.CharModel} (a token-input model with a softmax head and its
 * vocabulary, stored together in one file), {@link org.rnn4j.lm.Sampler} (temperature and top-k sampling)
 * and {@link org.rnn4j.lm.BitsPerCharacter} (evaluation).
 */
package org.rnn4j.lm;
