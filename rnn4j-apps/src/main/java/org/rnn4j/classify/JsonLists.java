package org.rnn4j.classify;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** JSON arrays in model metadata: read with an error that names the key and what was found. */
final class JsonLists {
  private JsonLists() {}

  static String write(List<String> strings) {
    try {
      return JSON.std.asString(strings);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String write(float[] numbers) {
    List<Float> boxed = new ArrayList<>(numbers.length);
    for (float v : numbers) {
      boxed.add(v);
    }
    try {
      return JSON.std.asString(boxed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> strings(String name, String json) {
    List<String> out = new ArrayList<>();
    for (Object v : array(name, json)) {
      if (!(v instanceof String s)) {
        throw new IllegalArgumentException(name + ": expected a JSON array of strings, found an element " + v);
      }
      out.add(s);
    }
    return out;
  }

  static float[] numbers(String name, String json) {
    List<Object> values = array(name, json);
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      if (!(values.get(i) instanceof Number n) || !Float.isFinite(n.floatValue())) {
        throw new IllegalArgumentException(name + ": expected a JSON array of finite numbers, found an element " + values.get(i));
      }
      out[i] = n.floatValue();
    }
    return out;
  }

  private static List<Object> array(String name, String json) {
    try {
      List<Object> values = JSON.std.listFrom(json);
      if (values != null) {
        return values;
      }
    } catch (IOException | RuntimeException e) {
      // reported below, with what was found
    }
    throw new IllegalArgumentException(name + ": expected a JSON array, found '"
        + (json.length() > 60 ? json.substring(0, 60) + "…" : json) + "'");
  }
}
