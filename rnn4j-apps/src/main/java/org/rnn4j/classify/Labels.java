package org.rnn4j.classify;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The classes of a classifier, in ascending (String) order: class k of the softmax head is {@code names().get(k)}. */
public record Labels(List<String> names) {
  public Labels {
    names = List.copyOf(names);
    if (names.size() < 2) {
      throw new IllegalArgumentException("labels: expected at least 2 classes, found " + names.size() + " " + names);
    }
    if (new TreeSet<>(names).size() != names.size()) {
      throw new IllegalArgumentException("labels: expected distinct names, found " + names);
    }
  }

  /** The distinct labels of a data set. */
  public static Labels of(Collection<String> labels) {
    return new Labels(List.copyOf(new TreeSet<>(labels)));
  }

  public int size() {
    return names.size();
  }

  public String name(int k) {
    return names.get(k);
  }

  /** The class index of a label; one not among them is an error naming the labels. */
  public int index(String label) {
    int k = names.indexOf(label);
    if (k < 0) {
      throw new IllegalArgumentException("label: expected one of " + names + ", found '" + label + "'");
    }
    return k;
  }

  /**
   * Each class's probability by name, in class order, rounded to 6 decimals: what {@code rnn
   * classify --json} and {@code rnn serve}'s {@code /classify} print.
   */
  public Map<String, Double> rounded(float[] probabilities) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int k = 0; k < names.size(); k++) {
      m.put(names.get(k), Math.round(probabilities[k] * 1e6) / 1e6);
    }
    return m;
  }

  public String toJson() {
    return JsonLists.write(names);
  }

  public static Labels fromJson(String json) {
    return new Labels(JsonLists.strings("labels", json));
  }
}
