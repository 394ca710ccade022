package org.rnn4j.optim;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds an optimizer from the names the CLI and config files use. Options use PyTorch's
 * argument names ({@code momentum}, {@code weight_decay}, {@code eps}, {@code alpha},
 * {@code centered}, {@code beta1}, {@code beta2}, {@code initial_accumulator}); defaults are
 * PyTorch's, except that {@code momentum} and {@code nesterov} default to momentum 0.9.
 */
public final class Optimizers {
  public static final Set<String> NAMES = Set.of("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw");

  private Optimizers() {}

  public static Optimizer create(String name, double lr) {
    return create(name, lr, Map.of());
  }

  /**
   * The optimizer {@code name} with learning rate {@code lr} and the given options (numbers, or
   * booleans for {@code centered}); an unknown option or a value of the wrong type is an error.
   */
  public static Optimizer create(String name, double lr, Map<String, ?> options) {
    Options o = new Options(name, options);
    Optimizer opt = switch (name.toLowerCase(Locale.ROOT)) {
      case "sgd" -> new Sgd(lr, o.number("momentum", 0), false, o.number("weight_decay", 0));
      case "momentum" -> new Sgd(lr, o.number("momentum", 0.9), false, o.number("weight_decay", 0));
      case "nesterov" -> new Sgd(lr, o.number("momentum", 0.9), true, o.number("weight_decay", 0));
      case "adagrad" -> new Adagrad(lr, o.number("eps", 1e-10), o.number("initial_accumulator", 0),
          o.number("weight_decay", 0));
      case "rmsprop" -> new RmsProp(lr, o.number("alpha", 0.99), o.number("eps", 1e-8), o.number("momentum", 0),
          o.flag("centered", false), o.number("weight_decay", 0));
      case "adam", "adamw" -> new Adam(lr, o.number("beta1", Adam.BETA1), o.number("beta2", Adam.BETA2), o.number("eps", Adam.EPS),
          o.number("weight_decay", name.equalsIgnoreCase("adamw") ? 0.01 : 0), name.equalsIgnoreCase("adamw"));
      default -> throw new IllegalArgumentException("optimizer: expected one of " + new TreeSet<>(NAMES)
          + ", found '" + name + "'");
    };
    o.requireAllUsed();
    return opt;
  }

  /** Reads options by key, remembering which were read so leftovers can be reported. */
  private static final class Options {
    private final String optimizer;
    private final Map<String, ?> values;
    private final Set<String> used = new HashSet<>();

    Options(String optimizer, Map<String, ?> values) {
      this.optimizer = optimizer;
      this.values = values;
    }

    double number(String key, double dflt) {
      used.add(key);
      Object v = values.get(key);
      if (v == null) {
        return dflt;
      }
      if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
        throw new IllegalArgumentException(optimizer + " option '" + key + "': expected a finite number, found " + v);
      }
      return n.doubleValue();
    }

    boolean flag(String key, boolean dflt) {
      used.add(key);
      Object v = values.get(key);
      if (v == null) {
        return dflt;
      }
      if (!(v instanceof Boolean b)) {
        throw new IllegalArgumentException(optimizer + " option '" + key + "': expected true or false, found " + v);
      }
      return b;
    }

    void requireAllUsed() {
      Set<String> unknown = new TreeSet<>(values.keySet());
      unknown.removeAll(used);
      if (!unknown.isEmpty()) {
        throw new IllegalArgumentException(optimizer + " options: expected only " + new TreeSet<>(used)
            + ", found unknown " + unknown);
      }
    }
  }
}
