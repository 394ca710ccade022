package org.rnn4j.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A learning rate as a function of the number of updates already taken ({@code step} = 0 for
 * the first update). The trainer sets the optimizer's rate from it before every update. Each
 * schedule describes itself as a map ({@link #toMap()}) that {@link #fromMap} turns back into an
 * equal schedule, so checkpoints and config files can store it.
 */
public interface Schedule {
  double lr(long step);

  Map<String, Object> toMap();

  /** The same rate at every step. */
  record Constant(double lr) implements Schedule {
    public Constant {
      positive("constant", "lr", lr);
    }

    @Override public double lr(long step) { return lr; }

    @Override public Map<String, Object> toMap() { return map("constant", "lr", lr); }
  }

  /** {@code lr·γ^⌊step / every⌋}, as PyTorch's {@code StepLR} stepped once per update. */
  record StepDecay(double lr, double gamma, long every) implements Schedule {
    public StepDecay {
      positive("step", "lr", lr);
      positive("step", "gamma", gamma);
      positive("step", "every", every);
    }

    @Override public double lr(long step) { return lr * Math.pow(gamma, step / every); }

    @Override public Map<String, Object> toMap() { return map("step", "lr", lr, "gamma", gamma, "every", every); }
  }

  /**
   * Cosine annealing from {@code lr} down to {@code floor} over {@code total} steps, then the
   * floor: {@code floor + (lr − floor)·(1 + cos(π·step/total))/2}, as PyTorch's
   * {@code CosineAnnealingLR} with {@code T_max = total}.
   */
  record Cosine(double lr, double floor, long total) implements Schedule {
    public Cosine {
      positive("cosine", "lr", lr);
      positive("cosine", "total", total);
      if (!(floor >= 0 && floor <= lr)) {
        throw new IllegalArgumentException("cosine schedule 'floor': expected a number in [0, lr = " + lr + "], found " + floor);
      }
    }

    @Override
    public double lr(long step) {
      if (step >= total) {
        return floor;
      }
      return floor + (lr - floor) * (1 + Math.cos(Math.PI * step / total)) / 2;
    }

    @Override public Map<String, Object> toMap() { return map("cosine", "lr", lr, "floor", floor, "total", total); }
  }

  /**
   * Linear warm-up before another schedule: for {@code step < steps} the rate is
   * {@code then.lr(0)·(step + 1)/steps} (never 0, so no update is wasted); afterwards
   * {@code then} runs on its own clock, {@code then.lr(step − steps)}.
   */
  record Warmup(long steps, Schedule then) implements Schedule {
    public Warmup {
      positive("warmup", "steps", steps);
      if (then == null) {
        throw new IllegalArgumentException("warmup schedule 'then': expected a schedule, found nothing");
      }
    }

    @Override
    public double lr(long step) {
      return step < steps ? then.lr(0) * (step + 1) / steps : then.lr(step - steps);
    }

    @Override public Map<String, Object> toMap() { return map("warmup", "steps", steps, "then", then.toMap()); }
  }

  /** Rebuilds a schedule from {@link #toMap()}'s form; names the key on any error. */
  static Schedule fromMap(Map<?, ?> m) {
    Object kind = m.get("kind");
    Set<String> keys = switch (String.valueOf(kind)) {
      case "constant" -> Set.of("kind", "lr");
      case "step" -> Set.of("kind", "lr", "gamma", "every");
      case "cosine" -> Set.of("kind", "lr", "floor", "total");
      case "warmup" -> Set.of("kind", "steps", "then");
      default -> throw new IllegalArgumentException("schedule 'kind': expected constant, step, cosine or warmup, found " + kind);
    };
    if (!keys.equals(m.keySet())) {
      throw new IllegalArgumentException("schedule " + kind + ": expected keys " + new TreeSet<>(keys) + ", found "
          + new TreeSet<>(m.keySet().stream().map(String::valueOf).toList()));
    }
    return switch ((String) kind) {
      case "constant" -> new Constant(number(m, "lr"));
      case "step" -> new StepDecay(number(m, "lr"), number(m, "gamma"), integer(m, "every"));
      case "cosine" -> new Cosine(number(m, "lr"), number(m, "floor"), integer(m, "total"));
      default -> {
        if (!(m.get("then") instanceof Map<?, ?> then)) {
          throw new IllegalArgumentException("schedule warmup 'then': expected a schedule object, found " + m.get("then"));
        }
        yield new Warmup(integer(m, "steps"), fromMap(then));
      }
    };
  }

  private static double number(Map<?, ?> m, String key) {
    if (!(m.get(key) instanceof Number n)) {
      throw new IllegalArgumentException("schedule " + m.get("kind") + " '" + key + "': expected a number, found " + m.get(key));
    }
    return n.doubleValue();
  }

  private static long integer(Map<?, ?> m, String key) {
    Object v = m.get(key);
    if (!(v instanceof Integer || v instanceof Long)) {
      throw new IllegalArgumentException("schedule " + m.get("kind") + " '" + key + "': expected an integer, found " + v);
    }
    return ((Number) v).longValue();
  }

  private static void positive(String kind, String key, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(kind + " schedule '" + key + "': expected a finite number > 0, found " + v);
    }
  }

  private static Map<String, Object> map(String kind, Object... keyValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", kind);
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], keyValues[i + 1]);
    }
    return m;
  }
}
