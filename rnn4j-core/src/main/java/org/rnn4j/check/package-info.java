/**
 * Gradient checks: {@link org.rnn4j.check.GradCheck} compares a model's hand-written gradients with central
 * finite differences; {@link org.rnn4j.check.GradCheckCases} is the suite of small random models run by the
 * tests and by {@code rnn gradcheck}.
 */
package org.rnn4j.check;
