package org.rnn4j.cell;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * The registry of cell kinds by name, as used in configs, model files and on the command line.
 * A name is {@code kind} or {@code kind:option}:
 *
 * <ul>
 *   <li>{@code elman} — {@link ElmanCell} (nonlinearity from the config)
 *   <li>{@code lstm}, {@code lstm:forget-bias} — {@link LstmCell}; the option starts the
 *       forget-gate bias at 1
 *   <li>{@code peephole} — {@link PeepholeLstmCell}
 *   <li>{@code gru} — {@link GruCell}
 *   <li>{@code forget} — {@link ForgetGateCell}
 *   <li>{@code leaky}, {@code leaky:τmax} — {@link LeakyCell} with fixed rates over time constants
 *       1 … τmax (default H)
 *   <li>{@code leaky-learned}, {@code leaky-learned:τmax} — {@link LeakyCell} with learned rates
 *   <li>{@code skip}, {@code skip:d} — {@link SkipCell} with delay d (default
 *       {@value #DEFAULT_SKIP_DELAY})
 * </ul>
 */
public final class Cells {
  private Cells() {}

  /** Cell kinds that can be built (each also accepts the options above). */
  public static final List<String> KINDS =
      List.of("elman", "lstm", "peephole", "gru", "forget", "leaky", "leaky-learned", "skip");

  public static final int DEFAULT_SKIP_DELAY = 2;

  /**
   * A fresh-cell supplier for one cell name; {@code nonlinearity} is used by the cells that take
   * one (elman, leaky, skip). The name is validated here (by making one cell), not later.
   */
  public static Supplier<Cell> factory(String name, Activation nonlinearity) {
    String lower = name.toLowerCase(Locale.ROOT);
    int colon = lower.indexOf(':');
    String kind = colon < 0 ? lower : lower.substring(0, colon);
    String option = colon < 0 ? null : lower.substring(colon + 1);
    Supplier<Cell> cells = switch (kind) {
      case "elman", "rnn" -> noOption(name, option, () -> new ElmanCell(nonlinearity));
      case "lstm" -> {
        if (option != null && !option.equals("forget-bias")) {
          throw new IllegalArgumentException("cell '" + name + "': expected option forget-bias, found '" + option + "'");
        }
        boolean forgetBiasOne = option != null;
        yield () -> new LstmCell(forgetBiasOne);
      }
      case "peephole" -> noOption(name, option, PeepholeLstmCell::new);
      case "gru" -> noOption(name, option, GruCell::new);
      case "forget" -> noOption(name, option, ForgetGateCell::new);
      case "leaky", "leaky-learned" -> {
        OptionalDouble tauMax = option == null ? OptionalDouble.empty() : OptionalDouble.of(number(name, option));
        boolean learned = kind.equals("leaky-learned");
        yield () -> learned ? LeakyCell.learned(nonlinearity, tauMax) : LeakyCell.fixed(nonlinearity, tauMax);
      }
      case "skip" -> {
        int delay = option == null ? DEFAULT_SKIP_DELAY : wholeNumber(name, option);
        yield () -> new SkipCell(nonlinearity, delay);
      }
      default -> throw new IllegalArgumentException("cell: expected one of " + String.join(", ", KINDS)
          + " (optionally kind:option), found '" + name + "'");
    };
    cells.get(); // constructors check the option's range
    return cells;
  }

  private static Supplier<Cell> noOption(String name, String option, Supplier<Cell> cells) {
    if (option != null) {
      throw new IllegalArgumentException("cell '" + name + "': expected no option, found '" + option + "'");
    }
    return cells;
  }

  private static double number(String name, String option) {
    try {
      return Double.parseDouble(option);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("cell '" + name + "': expected a number after ':', found '" + option + "'");
    }
  }

  private static int wholeNumber(String name, String option) {
    try {
      return Integer.parseInt(option);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("cell '" + name + "': expected a whole number after ':', found '" + option + "'");
    }
  }

  /** The cell kinds whose equations have a nonlinearity f to choose (tanh, relu, sigmoid, identity). */
  public static final List<String> WITH_NONLINEARITY = List.of("elman", "leaky", "leaky-learned", "skip");

  /**
   * Refuses a chosen nonlinearity for a cell that has none to choose (an LSTM's or GRU's are
   * fixed by its equations), so the choice is never silently ignored.
   */
  public static void requireNonlinearity(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    String kind = lower.indexOf(':') < 0 ? lower : lower.substring(0, lower.indexOf(':'));
    if (!WITH_NONLINEARITY.contains(kind) && !kind.equals("rnn")) {
      throw new IllegalArgumentException("nonlinearity: expected a cell that has one to choose ("
          + String.join(", ", WITH_NONLINEARITY) + "), found cell '" + name + "'");
    }
  }

  /** The rnn4j cell kind for a module name in a model file ("RNN", "LSTM", "GRU", rnn4j's own). */
  public static String kindOfModule(String module) {
    return switch (module) {
      case "RNN" -> "elman";
      case "LSTM" -> "lstm";
      case "GRU" -> "gru";
      case "PeepholeLSTM" -> "peephole";
      case "ForgetGateRNN" -> "forget";
      case "LeakyRNN" -> "leaky";
      case "SkipRNN" -> "skip";
      default -> throw new IllegalArgumentException("model module: expected RNN, LSTM, GRU, PeepholeLSTM, "
          + "ForgetGateRNN, LeakyRNN or SkipRNN, found '" + module + "'");
    };
  }
}
