/**
 * Encoder–decoder with optional attention: {@link org.rnn4j.seq2seq.Seq2Seq} (configured by
 * {@link org.rnn4j.seq2seq.Seq2SeqConfig}), additive and Luong attention, {@link org.rnn4j.seq2seq.Decoding}
 * (greedy and beam search), {@link org.rnn4j.seq2seq.Translator} (text in, text out), and the built-in tasks
 * trained and scored by {@link org.rnn4j.seq2seq.Seq2SeqRunner}.
 */
package org.rnn4j.seq2seq;
