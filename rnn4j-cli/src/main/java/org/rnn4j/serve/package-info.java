/**
 * The model server behind {@code rnn serve}: one model file loaded once and shared by all request
 * threads, JSON endpoints by the model's kind on an embedded Javalin (Jetty) server.
 *
 * <p>{@link org.rnn4j.serve.ModelServer} wires the HTTP side (limits, errors, {@code GET /health});
 * {@link org.rnn4j.serve.ServedKind#KINDS} is the registry of model kinds, each of which
 * recognises its files and makes its endpoints ({@link org.rnn4j.serve.CharLmKind}: {@code /generate},
 * {@code /score}; {@link org.rnn4j.serve.ForecasterKind}: {@code /predict}; {@link org.rnn4j.serve.ClassifierKind}:
 * {@code /classify}; {@link org.rnn4j.serve.TranslatorKind}: {@code /translate}). A request's body is a
 * JSON object read through {@link org.rnn4j.serve.JsonRequest}, whose errors name the field.
 */
package org.rnn4j.serve;
