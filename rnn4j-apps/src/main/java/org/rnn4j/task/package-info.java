/**
 * The built-in synthetic learning tasks (addition, xor, sine, majority, echo, count, adding, reber, pattern,
 * sine-gen, lookahead, walk), each a {@link org.rnn4j.task.Task} found by name in {@link org.rnn4j.task.Tasks}
 * and trained and scored by {@link org.rnn4j.task.TaskRunner}; the output-feedback tasks ({@link
 * org.rnn4j.task.FeedbackTask}) also by {@link org.rnn4j.task.FeedbackRunner}, with either kind of recurrence
 * and scheduled sampling; the waveform task and {@link org.rnn4j.task.ConvTaskRunner} for the CNN front end.
 */
package org.rnn4j.task;
