/**
 * The {@code rnn} command line, on picocli: {@link org.rnn4j.cli.Main} and one {@code ...Command} class per
 * command (train, sample, eval, task, gradcheck, forward, backward, bench, esn, seq2seq, predict, data,
 * diagnose, cnn-task), the option groups they share, progress output and XChart plots. Bad input prints one
 * line and exits 2. Usage: docs/cli.md.
 */
package org.rnn4j.cli;
