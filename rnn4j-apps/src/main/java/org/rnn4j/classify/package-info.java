/**
 * Sequence classification on one's own data: {@link org.rnn4j.classify.SequenceClassifier} (a
 * many-to-one recurrent model with a softmax head, its input encoding and its class names, stored
 * together in one file), the encodings ({@link org.rnn4j.classify.TokenEncoding}: texts as
 * character or word tokens of a {@link org.rnn4j.data.Vocabulary} with an unknown token; {@link org.rnn4j.classify.FeatureEncoding}:
 * normalised numeric rows), {@link org.rnn4j.classify.LabeledSequences} (padded minibatches with
 * per-sequence lengths, a seeded stratified validation split), {@link
 * org.rnn4j.classify.LabeledTexts} ({@code label<TAB>text} files) and {@link
 * org.rnn4j.classify.Confusion} (accuracy, per-class precision, recall and F1, macro-F1).
 */
package org.rnn4j.classify;
