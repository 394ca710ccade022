package org.rnn4j.serve;

/**
 * A request the server refuses: the HTTP status (400 bad request, 413 too large), the field it
 * is about (null for the body as a whole) and a message naming what was expected and found.
 */
public final class RequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String field;

  public RequestException(int status, String field, String message) {
    super(message);
    this.status = status;
    this.field = field;
  }

  static RequestException badField(String field, String message) {
    return new RequestException(400, field, field + ": " + message);
  }

  public int status() {
    return status;
  }

  public String field() {
    return field;
  }
}
