package org.rnn4j.serve;

import java.util.Map;

/**
 * A loaded model ready to serve: its kind, what {@code GET /health} says about it, and its POST
 * endpoints by path ({@code "/generate"}, …).
 */
public record ServedModel(String kind, Map<String, Object> description, Map<String, Endpoint> endpoints) {}
