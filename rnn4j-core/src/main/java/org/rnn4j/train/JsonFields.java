package org.rnn4j.train;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed reads of one JSON object's fields, remembering which keys were asked for so that any
 * other key can be reported as unknown. Errors name the key (with its path), what was expected
 * and what was found.
 */
final class JsonFields {
  private final String path;
  private final Map<String, Object> values;
  private final Set<String> known = new TreeSet<>();

  JsonFields(String path, Map<String, Object> values) {
    this.path = path;
    this.values = values;
  }

  Map<String, Object> values() {
    return values;
  }

  private Object get(String key) {
    known.add(key);
    return values.get(key);
  }

  private IllegalArgumentException bad(String key, String expected, Object found) {
    String shown = found instanceof String s ? "\"" + s + "\"" : String.valueOf(found);
    return new IllegalArgumentException(path + key + ": expected " + expected + ", found " + shown);
  }

  String string(String key, String dflt) {
    Object v = get(key);
    if (v == null) {
      return dflt;
    }
    if (!(v instanceof String s)) {
      throw bad(key, "a string", v);
    }
    return s;
  }

  Boolean bool(String key, Boolean dflt) {
    Object v = get(key);
    if (v == null) {
      return dflt;
    }
    if (!(v instanceof Boolean b)) {
      throw bad(key, "true or false", v);
    }
    return b;
  }

  Double number(String key, Double dflt) {
    Object v = get(key);
    if (v == null) {
      return dflt;
    }
    if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
      throw bad(key, "a number", v);
    }
    return n.doubleValue();
  }

  long integer(String key, long dflt) {
    Object v = get(key);
    if (v == null) {
      return dflt;
    }
    if (!(v instanceof Integer || v instanceof Long)) {
      throw bad(key, "an integer", v);
    }
    return ((Number) v).longValue();
  }

  Integer positiveInt(String key, Integer dflt) {
    Object v = get(key);
    if (v == null) {
      return dflt;
    }
    if (!(v instanceof Integer i) || i <= 0) {
      throw bad(key, "an integer > 0", v);
    }
    return i;
  }

  /** The nested object under {@code key} (empty when absent). */
  JsonFields object(String key) {
    Object v = get(key);
    if (v == null) {
      return new JsonFields(path + key + ".", Map.of());
    }
    if (!(v instanceof Map<?, ?> m)) {
      throw bad(key, "an object", v);
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    m.forEach((k, x) -> copy.put(String.valueOf(k), x));
    return new JsonFields(path + key + ".", copy);
  }

  void requireKnown() {
    Set<String> unknown = new TreeSet<>(values.keySet());
    unknown.removeAll(known);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException((path.isEmpty() ? "training config" : path.substring(0, path.length() - 1))
          + ": unknown key " + unknown.iterator().next() + "; expected one of " + known);
    }
  }
}
