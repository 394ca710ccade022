/**
 * Data: {@link org.rnn4j.data.Example} and {@link org.rnn4j.data.Batching} (time-major minibatches),
 * {@link org.rnn4j.data.ArrayDataset} (batch-first arrays), CSV time series ({@link org.rnn4j.data.CsvTable},
 * {@link org.rnn4j.data.SeriesWindows}, {@link org.rnn4j.data.SeriesForecaster}), text for language models
 * ({@link org.rnn4j.data.TextCorpus}, {@link org.rnn4j.data.TokenStreams}, the built-in
 * {@link org.rnn4j.data.StoryCorpus}), seeded {@link org.rnn4j.data.ExampleData} and {@link org.rnn4j.data.Metrics}.
 */
package org.rnn4j.data;
