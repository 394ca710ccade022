package org.rnn4j.model;

import java.util.Locale;

/**
 * The teacher-forcing ratio of a run: the probability of feeding the true previous output rather
 * than the model's own prediction, decaying linearly from {@code start} at the first update to
 * {@code end} at the last (PyTorch's seq2seq tutorial calls it {@code teacher_forcing_ratio};
 * Bengio et al. 2015 call it ε_i). 1 throughout is plain teacher forcing.
 */
public record TeacherForcing(double start, double end) {
  /** Always feed the truth: plain teacher forcing. */
  public static final TeacherForcing ALWAYS = new TeacherForcing(1, 1);

  public TeacherForcing {
    if (!(start >= 0 && start <= 1 && end >= 0 && end <= 1)) {
      throw new IllegalArgumentException("teacher forcing: expected probabilities in [0, 1], found " + start + ":" + end);
    }
  }

  /** {@code P} (constant) or {@code P:P_END} (linear from P to P_END over the run), e.g. {@code 1.0:0.0}. */
  public static TeacherForcing parse(String spec) {
    String[] parts = spec.split(":", -1);
    try {
      if (parts.length == 1) {
        double p = Double.parseDouble(parts[0]);
        return new TeacherForcing(p, p);
      }
      if (parts.length == 2) {
        return new TeacherForcing(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("teacher forcing: expected P or P:P_END with probabilities in [0, 1] (e.g. 1.0:0.0),"
        + " found '" + spec + "'");
  }

  /** The ratio at {@code progress} ∈ [0, 1] of the run (0: the first update, 1: the last). */
  public double at(double progress) {
    return start + (end - start) * Math.min(1, Math.max(0, progress));
  }

  /** Whether the truth is always fed (no prediction is ever needed). */
  public boolean always() {
    return start == 1 && end == 1;
  }

  /** As parsed: {@code 1} or {@code 1:0.25}. */
  @Override
  public String toString() {
    return start == end ? fmt(start) : fmt(start) + ":" + fmt(end);
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%s", v);
  }
}
