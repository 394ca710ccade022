/**
 * Gradient-flow diagnostics: {@link org.rnn4j.diagnose.GradientFlow} measures, while a model trains or for a
 * saved model, the gradient reaching each time step ({@link org.rnn4j.diagnose.StateGradients}), the spectra
 * of W_hh ({@link org.rnn4j.diagnose.Spectral}, EJML), step-Jacobian products
 * ({@link org.rnn4j.diagnose.StepJacobians}) and the gradient norm, and gives a verdict.
 */
package org.rnn4j.diagnose;
