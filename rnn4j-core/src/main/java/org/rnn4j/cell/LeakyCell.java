package org.rnn4j.cell;

import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import org.rnn4j.tensor.Parameters;
import org.rnn4j.tensor.Parameters.Param;

/**
 * Leaky-integrator units: each unit j moves a fraction α_j of the way from its old state to the
 * Elman update, so 1/α_j acts as its time constant τ_j (α = 1 is a plain Elman unit).
 *
 * <pre>
 *   y   = f(xp + hp)
 *   h_t = (1 − α) ⊙ h_{t-1} + α ⊙ y
 * </pre>
 *
 * Backward, in reverse: {@code δα = δh ⊙ (y − h_{t-1})}, {@code δa = δh ⊙ α ⊙ f'(y)} (for both
 * projections), {@code δh_{t-1} (direct) = δh ⊙ (1 − α)}. Cache per batch row: y.
 *
 * <p>Two modes:
 * <ul>
 *   <li>fixed: α_j = 1/τ_j with τ_j log-spaced from 1 to τ_max, a constant of the cell (not a
 *       parameter), so the layer mixes fast and slow units;
 *   <li>learned: parameter {@code leak{suffix}} (H) holds the logit, α = σ(leak), which keeps α
 *       in (0, 1); then {@code δleak += δα·α(1−α)}. It starts at the logits of τ_j log-spaced
 *       from 2 to max(2, τ_max) (τ = 1 would need an infinite logit).
 * </ul>
 * τ_max defaults to the hidden size H.
 */
public final class LeakyCell implements Cell {
  private final Activation f;
  private final boolean learned;
  private final OptionalDouble tauMax;
  private float[] fixedRates; // fixed mode: α (H), set when the layer declares the parameters
  private Param leak; // learned mode

  private LeakyCell(Activation f, boolean learned, OptionalDouble tauMax) {
    if (tauMax.isPresent() && !(tauMax.getAsDouble() >= 1.0)) {
      throw new IllegalArgumentException("leaky cell: expected a largest time constant >= 1, found " + tauMax.getAsDouble());
    }
    this.f = f;
    this.learned = learned;
    this.tauMax = tauMax;
  }

  /** Fixed rates α_j = 1/τ_j, τ log-spaced over [1, τ_max]; empty τ_max means H. */
  public static LeakyCell fixed(Activation f, OptionalDouble tauMax) {
    return new LeakyCell(f, false, tauMax);
  }

  /** Learned rates α = σ(leak); empty τ_max (for the initial spread) means H. */
  public static LeakyCell learned(Activation f, OptionalDouble tauMax) {
    return new LeakyCell(f, true, tauMax);
  }

  @Override public int gates() { return 1; }
  @Override public int states() { return 1; }
  @Override public int cacheWidth(int hidden) { return hidden; }
  @Override public String module() { return "LeakyRNN"; }
  @Override public boolean sameProjectionGradients() { return true; }

  @Override
  public List<String> extraParamNames(String suffix) {
    return learned ? List.of("leak" + suffix) : List.of();
  }

  @Override
  public void declareParams(Parameters.Builder builder, int hidden, String suffix) {
    if (learned) {
      builder.add("leak" + suffix, hidden);
    } else {
      double[] tau = timeConstants(hidden, 1.0, tauMax.orElse(hidden));
      fixedRates = new float[hidden];
      for (int j = 0; j < hidden; j++) {
        fixedRates[j] = (float) (1.0 / tau[j]);
      }
    }
  }

  @Override
  public void bind(Parameters params, String suffix) {
    if (learned) {
      leak = params.get("leak" + suffix);
    }
  }

  @Override
  public void initParams(Parameters params, Random rng) {
    if (!learned) {
      return;
    }
    int hidden = leak.size();
    double[] tau = timeConstants(hidden, 2.0, Math.max(2.0, tauMax.orElse(hidden)));
    for (int j = 0; j < hidden; j++) {
      params.values()[leak.offset() + j] = (float) -Math.log(tau[j] - 1.0); // logit(1/τ)
    }
  }

  /** τ_j = lo·(hi/lo)^(j/(H−1)), j = 0 … H−1 (just lo when H = 1). */
  static double[] timeConstants(int hidden, double lo, double hi) {
    double[] tau = new double[hidden];
    for (int j = 0; j < hidden; j++) {
      tau[j] = hidden == 1 ? lo : lo * Math.pow(hi / lo, (double) j / (hidden - 1));
    }
    return tau;
  }

  private float rate(float[] v, int j) {
    return learned ? Activation.sigmoid(v[leak.offset() + j]) : fixedRates[j];
  }

  @Override
  public void forward(Step s) {
    int hd = s.hidden;
    float[] xp = s.xp, hp = s.hp, h = s.h, cache = s.cache;
    for (int r = 0; r < s.batch; r++) {
      for (int j = 0; j < hd; j++) {
        int rj = r * hd + j;
        float alpha = rate(s.params, j);
        float y = f.apply(xp[s.xpOff + rj] + hp[s.hpOff + rj]);
        h[s.hNext + rj] = (1f - alpha) * h[s.hPrev + rj] + alpha * y;
        cache[s.cacheOff + rj] = y;
      }
    }
  }

  @Override
  public void backward(Step s) {
    int hd = s.hidden;
    float[] h = s.h, cache = s.cache;
    for (int r = 0; r < s.batch; r++) {
      for (int j = 0; j < hd; j++) {
        int rj = r * hd + j;
        float alpha = rate(s.params, j);
        float y = cache[s.cacheOff + rj];
        float dh = s.dh[s.dOff + rj];
        if (learned) {
          float dAlpha = dh * (y - h[s.hPrev + rj]);
          s.grads[leak.offset() + j] += dAlpha * alpha * (1f - alpha);
        }
        s.dh[s.dOff + rj] = dh * (1f - alpha);
        float da = dh * alpha * f.derivFromOutput(y);
        s.dxp[s.dxpOff + rj] = da;
        s.dhp[s.dhpOff + rj] = da;
      }
    }
  }
}
