package org.rnn4j.model;

import java.util.Locale;
import org.rnn4j.tensor.ShapeException;
import org.rnn4j.tensor.Tensor;

/**
 * How an input sequence and an output sequence line up in time.
 *
 * <ul>
 *   <li>{@code many-to-many}: x (T, B, I), one output per step, (T, B, O).
 *   <li>{@code many-to-one}: x (T, B, I), one output after the last step, (1, B, O).
 *   <li>{@code one-to-many}: a vector x (B, I) fed at the first step (zeros after), or with
 *       {@code one-to-many-every} at every step; T_out outputs.
 *   <li>{@code delayed:k}: x (T, B, I); the output for target step j is read at step k + j, the
 *       network running on zero input after x ends. {@code delayed:end} puts k = T, so outputs
 *       start after the input ends (a single-RNN sequence-to-sequence).
 * </ul>
 */
public record Mapping(Kind kind, int delay) {

  public enum Kind { MANY_TO_MANY, MANY_TO_ONE, ONE_TO_MANY, ONE_TO_MANY_EVERY, DELAYED }

  /** delay value meaning "after the input ends". */
  public static final int END = -1;

  public static final Mapping MANY_TO_MANY = new Mapping(Kind.MANY_TO_MANY, 0);
  public static final Mapping MANY_TO_ONE = new Mapping(Kind.MANY_TO_ONE, 0);
  public static final Mapping ONE_TO_MANY = new Mapping(Kind.ONE_TO_MANY, 0);
  public static final Mapping ONE_TO_MANY_EVERY = new Mapping(Kind.ONE_TO_MANY_EVERY, 0);

  public Mapping {
    if (kind == Kind.DELAYED && delay < 0 && delay != END) {
      throw new IllegalArgumentException("delayed mapping: expected a delay >= 0 or 'end', found " + delay);
    }
  }

  public static Mapping delayed(int k) {
    return new Mapping(Kind.DELAYED, k);
  }

  /** Where the network reads its input and where its outputs are taken, for one batch. */
  public record Layout(float[] input, int steps, int batch, int[] outputSteps) {}

  /** True when x is one vector per sequence, (B, I), rather than a sequence (T, B, I). */
  public boolean vectorInput() {
    return kind == Kind.ONE_TO_MANY || kind == Kind.ONE_TO_MANY_EVERY;
  }

  /** The number of outputs for an input of T steps when no target says otherwise. */
  public int defaultOutputSteps(int t) {
    return switch (kind) {
      case MANY_TO_MANY, DELAYED -> t;
      case MANY_TO_ONE -> 1;
      case ONE_TO_MANY, ONE_TO_MANY_EVERY -> throw new IllegalArgumentException(
          "one-to-many mapping: expected an output length, found none");
    };
  }

  /** Lays x out over the steps the network runs and says which steps produce the T_out outputs. */
  public Layout layout(Tensor x, int outSteps) {
    if (vectorInput()) {
      if (x.rank() == 3 && x.dim(0) == 1) {
        x = x.reshape(x.dim(1), x.dim(2));
      }
      x.requireShape("input vector (B, I)", -1, -1);
      int b = x.dim(0), in = x.dim(1);
      float[] full = new float[outSteps * b * in];
      int fed = kind == Kind.ONE_TO_MANY ? 1 : outSteps;
      for (int t = 0; t < fed; t++) {
        System.arraycopy(x.data(), 0, full, t * b * in, b * in);
      }
      return new Layout(full, outSteps, b, range(0, outSteps));
    }
    x.requireShape("input sequence (T, B, I)", -1, -1, -1);
    int t = x.dim(0), b = x.dim(1), in = x.dim(2);
    switch (kind) {
      case MANY_TO_MANY -> {
        if (outSteps != t) {
          throw new ShapeException("many-to-many: expected " + t + " output steps (one per input step), found " + outSteps);
        }
        return new Layout(x.data(), t, b, range(0, t));
      }
      case MANY_TO_ONE -> {
        if (outSteps != 1) {
          throw new ShapeException("many-to-one: expected 1 output step, found " + outSteps);
        }
        return new Layout(x.data(), t, b, new int[] {t - 1});
      }
      default -> {
        int k = delay == END ? t : delay;
        int run = Math.max(t, k + outSteps);
        float[] full = new float[run * b * in];
        System.arraycopy(x.data(), 0, full, 0, t * b * in);
        return new Layout(full, run, b, range(k, k + outSteps));
      }
    }
  }

  /** Folds dL/d(laid-out input) back to dL/dx (x's shape). */
  public Tensor inputGradient(float[] dFull, Tensor x) {
    float[] dx = new float[x.size()];
    int n = dx.length;
    int fedSteps = kind == Kind.ONE_TO_MANY_EVERY ? dFull.length / n : 1;
    for (int t = 0; t < fedSteps; t++) {
      for (int i = 0; i < n; i++) {
        dx[i] += dFull[t * n + i];
      }
    }
    return Tensor.of(dx, x.shape());
  }

  private static int[] range(int from, int to) {
    int[] r = new int[to - from];
    for (int i = 0; i < r.length; i++) {
      r[i] = from + i;
    }
    return r;
  }

  public String id() {
    return switch (kind) {
      case MANY_TO_MANY -> "many-to-many";
      case MANY_TO_ONE -> "many-to-one";
      case ONE_TO_MANY -> "one-to-many";
      case ONE_TO_MANY_EVERY -> "one-to-many-every";
      case DELAYED -> "delayed:" + (delay == END ? "end" : String.valueOf(delay));
    };
  }

  public static Mapping parse(String s) {
    String v = s.toLowerCase(Locale.ROOT).trim();
    switch (v) {
      case "many-to-many": return MANY_TO_MANY;
      case "many-to-one": return MANY_TO_ONE;
      case "one-to-many": return ONE_TO_MANY;
      case "one-to-many-every": return ONE_TO_MANY_EVERY;
      default:
        if (v.startsWith("delayed:")) {
          String k = v.substring("delayed:".length());
          if (k.equals("end")) {
            return delayed(END);
          }
          try {
            return delayed(Integer.parseInt(k));
          } catch (NumberFormatException e) {
            // fall through to the error below
          }
        }
        throw new IllegalArgumentException("mapping: expected many-to-many, many-to-one, one-to-many, "
            + "one-to-many-every, delayed:K or delayed:end, found '" + s + "'");
    }
  }

  @Override
  public String toString() {
    return id();
  }
}
