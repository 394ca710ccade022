package org.rnn4j.layer;

/** Which way a {@link Recurrent} layer runs through time. */
public enum Direction {
  /** t = 0 … T-1. */
  FORWARD,
  /** t = T-1 … 0; its parameter names end in {@code _reverse}, as PyTorch's. */
  REVERSE;

  /** The parameter-name suffix of layer l in this direction: {@code _l0}, {@code _l0_reverse}, ... */
  public String suffix(int l) {
    return "_l" + l + (this == REVERSE ? "_reverse" : "");
  }
}
