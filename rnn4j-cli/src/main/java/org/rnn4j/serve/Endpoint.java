package org.rnn4j.serve;

import java.util.Map;

/**
 * One POST endpoint of a served model: a JSON object in, a JSON object out. It runs on a request
 * thread, concurrently with other requests on the same model, so it keeps its workspaces (a
 * {@link org.rnn4j.model.Stepper}) to itself and only reads the shared model.
 */
@FunctionalInterface
public interface Endpoint {
  /** The response fields; a bad request throws {@link RequestException}. */
  Map<String, Object> handle(JsonRequest request);
}
