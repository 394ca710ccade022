/**
 * Encoder–decoder with optional attention: {@link org.rnn4j.seq2seq.Seq2Seq} (configured by
 * {@link org.rnn4j.seq2seq.Seq2SeqConfig}, its vocabularies in {@link org.rnn4j.seq2seq.Seq2SeqText}, its
 * files read and written by {@link org.rnn4j.seq2seq.Seq2SeqFile}), minibatches of
 * {@link org.rnn4j.seq2seq.Seq2SeqBatches}, additive and Luong attention, {@link org.rnn4j.seq2seq.Decoding}
 * (greedy and beam search), {@link org.rnn4j.seq2seq.Translator} (text in, text out), pairs from files
 * ({@link org.rnn4j.seq2seq.PairsFile}) scored by {@link org.rnn4j.seq2seq.TranslationScore}, and the
 * built-in tasks trained and scored by {@link org.rnn4j.seq2seq.Seq2SeqRunner}.
 */
package org.rnn4j.seq2seq;
