package org.rnn4j.layer;

import java.util.Locale;

/** How a bidirectional layer combines its two directions' outputs. */
public enum Fusion {
  /** [forward; reverse], width 2H: PyTorch's. */
  CONCAT,
  /** forward + reverse, width H. */
  SUM,
  /** (forward + reverse) / 2, width H. */
  AVERAGE,
  /**
   * tanh(W_f forward + W_b reverse + b), width H: the fused output of the textbook's
   * bidirectional network, with weights of its own per layer ({@code fusion_l{k}.weight} (H, 2H) =
   * [W_f W_b] and {@code fusion_l{k}.bias} (H)).
   */
  TANH;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Fusion parse(String s) {
    for (Fusion f : values()) {
      if (f.id().equals(s.toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    throw new IllegalArgumentException("fusion: expected concat, sum, average or tanh, found '" + s + "'");
  }
}
