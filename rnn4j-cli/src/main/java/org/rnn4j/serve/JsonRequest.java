package org.rnn4j.serve;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A request's JSON object with typed access to its fields: a missing required field, a value of
 * the wrong type or range, or a field the endpoint does not know is a {@link RequestException}
 * (HTTP 400) whose message names the field, what was expected and what was found.
 */
public final class JsonRequest {
  private final Map<String, Object> fields;

  private JsonRequest(Map<String, Object> fields) {
    this.fields = fields;
  }

  /** Parses a body that must be one JSON object. */
  public static JsonRequest parse(String body) {
    Object parsed;
    try {
      parsed = JSON.std.anyFrom(body);
    } catch (IOException | RuntimeException e) {
      throw new RequestException(400, null, "body: expected a JSON object, found malformed JSON (" + firstLine(e) + ")");
    }
    if (!(parsed instanceof Map)) {
      throw new RequestException(400, null, "body: expected a JSON object, found " + describe(parsed));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) parsed;
    return new JsonRequest(map);
  }

  /** Refuses fields outside {@code known} (a misspelt option would otherwise be ignored silently). */
  public JsonRequest allow(String... known) {
    Set<String> ok = Set.of(known);
    for (String name : fields.keySet()) {
      if (!ok.contains(name)) {
        throw new RequestException(400, name, name + ": unknown field; expected one of " + new TreeSet<>(ok));
      }
    }
    return this;
  }

  /** A required string. */
  public String string(String name) {
    Object v = fields.get(name);
    if (v == null) {
      throw RequestException.badField(name, "expected a string, found " + (fields.containsKey(name) ? "null" : "no such field"));
    }
    if (!(v instanceof String s)) {
      throw RequestException.badField(name, "expected a string, found " + describe(v));
    }
    return s;
  }

  /** A string, or {@code fallback} when the field is absent. */
  public String string(String name, String fallback) {
    return fields.containsKey(name) ? string(name) : fallback;
  }

  /** An integer in [min, max], or {@code fallback} when absent. */
  public int integer(String name, int fallback, int min, int max) {
    if (!fields.containsKey(name)) {
      return fallback;
    }
    long v = longValue(name, 0);
    if (v < min || v > max) {
      throw RequestException.badField(name, "expected an integer in [" + min + ", " + max + "], found " + v);
    }
    return (int) v;
  }

  /** A whole number (JSON integer), or {@code fallback} when absent. */
  public long longValue(String name, long fallback) {
    Object v = fields.get(name);
    if (!fields.containsKey(name)) {
      return fallback;
    }
    boolean integral = v instanceof Integer || v instanceof Long || v instanceof BigInteger && ((BigInteger) v).bitLength() < 64;
    if (!integral) {
      throw RequestException.badField(name, "expected an integer, found " + describe(v));
    }
    return ((Number) v).longValue();
  }

  /** A finite number, or {@code fallback} when absent. */
  public double number(String name, double fallback) {
    Object v = fields.get(name);
    if (!fields.containsKey(name)) {
      return fallback;
    }
    if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
      throw RequestException.badField(name, "expected a number, found " + describe(v));
    }
    return n.doubleValue();
  }

  /** A required object whose values are arrays of numbers: named columns. */
  public Map<String, float[]> columns(String name) {
    Object v = fields.get(name);
    if (!(v instanceof Map<?, ?> m)) {
      throw RequestException.badField(name, "expected an object of named arrays of numbers, found "
          + (v == null ? "no such field" : describe(v)));
    }
    Map<String, float[]> out = new java.util.LinkedHashMap<>();
    for (Map.Entry<?, ?> e : m.entrySet()) {
      String column = name + "." + e.getKey();
      if (!(e.getValue() instanceof List<?> list)) {
        throw RequestException.badField(column, "expected an array of numbers, found " + describe(e.getValue()));
      }
      float[] values = new float[list.size()];
      for (int i = 0; i < values.length; i++) {
        Object x = list.get(i);
        if (!(x instanceof Number n) || !Float.isFinite(n.floatValue())) {
          throw RequestException.badField(column, "expected finite numbers, found " + describe(x) + " at index " + i);
        }
        values[i] = n.floatValue();
      }
      out.put(String.valueOf(e.getKey()), values);
    }
    return out;
  }

  /** A JSON value for a message: its type, and short values themselves. */
  static String describe(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof String s) {
      return "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
    }
    if (v instanceof Number || v instanceof Boolean) {
      return (v instanceof Boolean ? "the boolean " : "the number ") + v;
    }
    if (v instanceof List) {
      return "an array";
    }
    return v instanceof Map ? "an object" : v.getClass().getSimpleName();
  }

  private static String firstLine(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return Arrays.stream(m.split("\n")).findFirst().orElse(m);
  }
}
