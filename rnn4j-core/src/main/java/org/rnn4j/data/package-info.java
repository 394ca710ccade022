/**
 * Data: {@link org.rnn4j.data.Example} and {@link org.rnn4j.data.Batching} (time-major minibatches),
 * {@link org.rnn4j.data.ArrayDataset} (batch-first arrays), time series (the named numeric columns of a {@link org.rnn4j.data.NumericTable},
 * {@link org.rnn4j.data.SeriesSpec}, {@link org.rnn4j.data.SeriesWindows}, {@link org.rnn4j.data.SeriesForecaster}), text for language models
 * ({@link org.rnn4j.data.TextCorpus}, {@link org.rnn4j.data.TokenStreams}, the built-in
 * {@link org.rnn4j.data.StoryCorpus}), seeded {@link org.rnn4j.data.ExampleData} and {@link org.rnn4j.data.Metrics}.
 */
package org.rnn4j.data;
