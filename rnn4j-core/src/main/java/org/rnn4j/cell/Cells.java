package org.rnn4j.cell;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** The registry of cell kinds by name, as used in configs, model files and on the command line. */
public final class Cells {
  private Cells() {}

  /** Cell kinds that can be built. */
  public static final List<String> KINDS = List.of("elman");

  /** A fresh-cell supplier for one kind; {@code nonlinearity} is used by the cells that take one. */
  public static Supplier<Cell> factory(String kind, Activation nonlinearity) {
    return switch (kind.toLowerCase(Locale.ROOT)) {
      case "elman", "rnn" -> () -> new ElmanCell(nonlinearity);
      default -> throw new IllegalArgumentException("cell: expected one of " + String.join(", ", KINDS)
          + ", found '" + kind + "'");
    };
  }

  /** The rnn4j cell kind for a PyTorch module name in a model file ("RNN", "LSTM", "GRU"). */
  public static String kindOfModule(String module) {
    return switch (module) {
      case "RNN" -> "elman";
      default -> module.toLowerCase(Locale.ROOT);
    };
  }
}
