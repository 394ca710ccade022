package org.rnn4j.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rnn4j.tensor.Tensor;

/**
 * The contents of a safetensors file: tensors in file order (by data offset) and the
 * {@code __metadata__} string map (empty when the file has none). Both maps are unmodifiable.
 */
public record SafeTensorsFile(Map<String, Tensor> tensors, Map<String, String> metadata) {
  public SafeTensorsFile {
    tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /** The tensor called {@code name}; the error lists the names the file does have. */
  public Tensor tensor(String name) {
    Tensor t = tensors.get(name);
    if (t == null) {
      throw new IllegalArgumentException("no tensor named '" + name + "'; have " + tensors.keySet());
    }
    return t;
  }
}
