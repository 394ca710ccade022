/**
 * Models: {@link org.rnn4j.model.ModelConfig} (an immutable record, stored in model files) and
 * {@link org.rnn4j.model.RnnModel} (recurrent stack, optional dense head, loss; forward, BPTT, streaming
 * {@code step}); {@link org.rnn4j.model.Mapping}, {@link org.rnn4j.model.Batch}, the allocation-free
 * {@link org.rnn4j.model.Stepper}, {@link org.rnn4j.model.OutputFeedback} (output recurrence, with a fixed or
 * per-step condition), {@link org.rnn4j.model.OutputRecurrentModel} (output-only recurrence, no W_hh),
 * {@link org.rnn4j.model.ScheduledSampling} with its {@link org.rnn4j.model.TeacherForcing} ratio, and
 * {@link org.rnn4j.model.ConvRecurrentModel} (a CNN front end before an RnnModel).
 */
package org.rnn4j.model;
