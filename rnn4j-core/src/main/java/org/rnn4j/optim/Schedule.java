package org.rnn4j.optim;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A learning rate as a function of the number of updates already taken ({@code step} = 0 for
 * the first update) and of how much of the run's budget is used. The trainer sets the
 * optimizer's rate from it before every update. Each schedule describes itself as a map
 * ({@link #toMap()}) that {@link #fromMap} turns back into an equal schedule, so checkpoints and
 * config files can store it.
 *
 * <p>A schedule is immutable; one that reacts to validation scores ({@link Plateau}) returns its
 * next self from {@link #afterValidation}, and its state is part of {@link #toMap()}, so a
 * checkpoint carries it and a resumed run continues with the same rates.
 */
public interface Schedule {
  /**
   * The rate of the update after {@code step} updates, {@code budgetUsed} (0 at the start, 1
   * when the run's budget runs out) into the run. Only {@link CosineToBudget} reads the budget.
   */
  double lr(long step, double budgetUsed);

  /** The rate of a schedule that follows the step count alone: {@code lr(step, 0)}. */
  default double lr(long step) {
    return lr(step, 0);
  }

  /** The schedule after a validation with this score (lower is better); unchanged unless it reacts to scores. */
  default Schedule afterValidation(double score) {
    return this;
  }

  Map<String, Object> toMap();

  /** {@link #toMap()} as JSON, as checkpoints store it. */
  default String toJson() {
    try {
      return JSON.std.asString(toMap());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The schedule {@link #toJson} wrote; names the key on any error. */
  static Schedule fromJson(String json) {
    try {
      return fromMap(JSON.std.mapFrom(json));
    } catch (IOException e) {
      throw new IllegalArgumentException("schedule: expected a JSON object, found '" + json + "'");
    }
  }

  /** The same rate at every step. */
  record Constant(double lr) implements Schedule {
    public Constant {
      positive("constant", "lr", lr);
    }

    @Override public double lr(long step, double budgetUsed) { return lr; }

    @Override public Map<String, Object> toMap() { return map("constant", "lr", lr); }
  }

  /** {@code lr·γ^⌊step / every⌋}, as PyTorch's {@code StepLR} stepped once per update. */
  record StepDecay(double lr, double gamma, long every) implements Schedule {
    public StepDecay {
      positive("step", "lr", lr);
      positive("step", "gamma", gamma);
      positive("step", "every", every);
    }

    @Override public double lr(long step, double budgetUsed) { return lr * Math.pow(gamma, step / every); }

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
      requireFloor("cosine", lr, floor);
    }

    @Override
    public double lr(long step, double budgetUsed) {
      if (step >= total) {
        return floor;
      }
      return floor + (lr - floor) * (1 + Math.cos(Math.PI * step / total)) / 2;
    }

    @Override public Map<String, Object> toMap() { return map("cosine", "lr", lr, "floor", floor, "total", total); }
  }

  /**
   * Cosine annealing from {@code lr} to {@code floor} over the run's budget, when its length in
   * steps is not known in advance (a time budget, or epochs of a size the schedule does not
   * know): {@code floor + (lr − floor)·(1 + cos(π·u))/2} with u the fraction of the budget used
   * (the trainer's elapsed time over the time budget, or its epochs over the epoch budget,
   * whichever is further), then the floor.
   */
  record CosineToBudget(double lr, double floor) implements Schedule {
    public CosineToBudget {
      positive("cosine", "lr", lr);
      requireFloor("cosine", lr, floor);
    }

    @Override
    public double lr(long step, double budgetUsed) {
      double u = Math.min(1, Math.max(0, budgetUsed));
      return floor + (lr - floor) * (1 + Math.cos(Math.PI * u)) / 2;
    }

    @Override public Map<String, Object> toMap() { return map("cosine_budget", "lr", lr, "floor", floor); }
  }

  /**
   * Reduce on plateau, as Keras' {@code ReduceLROnPlateau} (mode min, no min_delta, no cooldown):
   * the rate {@code lr} holds until {@code patience} validations in a row bring no score below
   * {@code best}; then it becomes {@code max(lr·factor, floor)} and the count restarts. A
   * schedule's state is its current rate, the best score so far ({@code Double.MAX_VALUE} before
   * the first validation: JSON has no infinity) and {@code waiting}, the validations since the
   * best or the last reduction (Keras' {@code wait}).
   */
  record Plateau(double lr, double factor, int patience, double floor, double best, int waiting) implements Schedule {
    public Plateau {
      positive("plateau", "lr", lr);
      if (!(factor > 0 && factor < 1)) {
        throw new IllegalArgumentException("plateau schedule 'factor': expected a number in (0, 1), found " + factor);
      }
      positive("plateau", "patience", patience);
      requireFloor("plateau", lr, floor);
      if (Double.isNaN(best) || waiting < 0) {
        throw new IllegalArgumentException("plateau schedule 'best'/'waiting': expected a number and an integer >= 0, found "
            + best + "/" + waiting);
      }
    }

    /** A plateau schedule before its first validation. */
    public static Plateau start(double lr, double factor, int patience, double floor) {
      return new Plateau(lr, factor, patience, floor, Double.MAX_VALUE, 0);
    }

    @Override public double lr(long step, double budgetUsed) { return lr; }

    @Override
    public Plateau afterValidation(double score) {
      if (score < best) { // a non-finite score is never a best
        return new Plateau(lr, factor, patience, floor, score, 0);
      }
      int waited = waiting + 1;
      if (waited >= patience && lr > floor) {
        return new Plateau(Math.max(lr * factor, floor), factor, patience, floor, best, 0);
      }
      return new Plateau(lr, factor, patience, floor, best, waited);
    }

    @Override
    public Map<String, Object> toMap() {
      return map("plateau", "lr", lr, "factor", factor, "patience", patience, "floor", floor, "best", best, "waiting", waiting);
    }
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
    public double lr(long step, double budgetUsed) {
      return step < steps ? then.lr(0, 0) * (step + 1) / steps : then.lr(step - steps, budgetUsed);
    }

    @Override
    public Warmup afterValidation(double score) {
      return new Warmup(steps, then.afterValidation(score));
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
      case "cosine_budget" -> Set.of("kind", "lr", "floor");
      case "plateau" -> Set.of("kind", "lr", "factor", "patience", "floor", "best", "waiting");
      case "warmup" -> Set.of("kind", "steps", "then");
      default -> throw new IllegalArgumentException("schedule 'kind': expected constant, step, cosine, cosine_budget, "
          + "plateau or warmup, found " + kind);
    };
    if (!keys.equals(m.keySet())) {
      throw new IllegalArgumentException("schedule " + kind + ": expected keys " + new TreeSet<>(keys) + ", found "
          + new TreeSet<>(m.keySet().stream().map(String::valueOf).toList()));
    }
    return switch ((String) kind) {
      case "constant" -> new Constant(number(m, "lr"));
      case "step" -> new StepDecay(number(m, "lr"), number(m, "gamma"), integer(m, "every"));
      case "cosine" -> new Cosine(number(m, "lr"), number(m, "floor"), integer(m, "total"));
      case "cosine_budget" -> new CosineToBudget(number(m, "lr"), number(m, "floor"));
      case "plateau" -> new Plateau(number(m, "lr"), number(m, "factor"), (int) integer(m, "patience"),
          number(m, "floor"), number(m, "best"), (int) integer(m, "waiting"));
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

  private static void requireFloor(String kind, double lr, double floor) {
    if (!(floor >= 0 && floor <= lr)) {
      throw new IllegalArgumentException(kind + " schedule 'floor': expected a number in [0, lr = " + lr + "], found " + floor);
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
