/**
 * The {@code rnn-spark} command ({@link org.rnn4j.cli.SparkMain}): {@code train}, {@code predict}
 * and {@code eval} on a Spark cluster. Part of the rnn4j-spark jar but in the package of the
 * {@code rnn} command, whose option classes (package-private) it shares, so both take the same
 * options.
 */
package org.rnn4j.cli;
