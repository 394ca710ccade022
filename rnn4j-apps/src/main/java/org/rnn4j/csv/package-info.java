/**
 * CSV files for the time-series commands: {@link org.rnn4j.csv.CsvFile} reads a file with
 * FastCSV (RFC 4180 quoting, any one-character delimiter, a header row) and turns the columns
 * asked for into the core's {@link org.rnn4j.data.NumericTable}, with gaps handled by an explicit
 * {@link org.rnn4j.csv.MissingValues} policy; it also writes forecasts back as CSV.
 */
package org.rnn4j.csv;
