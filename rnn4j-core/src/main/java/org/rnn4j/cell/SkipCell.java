package org.rnn4j.cell;

import java.util.List;
import java.util.Random;
import org.rnn4j.math.Gemm;
import org.rnn4j.math.Kernels;
import org.rnn4j.tensor.Parameters;
import org.rnn4j.tensor.Parameters.Param;

/**
 * Elman cell with a skip connection from the state d steps back, which shortens the path a
 * gradient travels over long lags by a factor d (Lin et al. 1996, NARX-style delays):
 *
 * <pre>
 *   h_t = f(xp + hp + W_skip h_{t−d})        W_skip (H, H), d ≥ 1
 * </pre>
 *
 * "Back" is in processing order, so a reverse layer looks d steps ahead in time. The initial
 * state counts as h_{-1}; states before it are zero. Hence h_{t−d} is the initial state at
 * t = d − 1 and zero for t &lt; d − 1, and with d = 1 the skip is a second recurrent matrix.
 * Because it reads states older than h_{t-1}, running a sequence in chunks does not equal one
 * long run unless d = 1.
 *
 * <p>Backward, in reverse: {@code δa = δh ⊙ f'(h_t)} for both projections;
 * {@code δW_skip += δa^T h_{t−d}}; {@code δh_{t−d} += δa W_skip}, sent through
 * {@link Step#dhOlder} because it lies d steps back. No cache: h_t and h_{t−d} are in the
 * layer's state buffer.
 */
public final class SkipCell implements Cell {
  private final Activation f;
  private final int delay;
  private Param wSkip;

  public SkipCell(Activation f, int delay) {
    if (delay < 1) {
      throw new IllegalArgumentException("skip cell: expected a delay >= 1, found " + delay);
    }
    this.f = f;
    this.delay = delay;
  }

  public int delay() { return delay; }

  @Override public int gates() { return 1; }
  @Override public int states() { return 1; }
  @Override public int cacheWidth(int hidden) { return 0; }
  @Override public String module() { return "SkipRNN"; }
  @Override public boolean usesOlderStates() { return true; }
  @Override public boolean sameProjectionGradients() { return true; }

  @Override
  public List<String> extraParamNames(String suffix) {
    return List.of("weight_skip" + suffix);
  }

  @Override
  public void declareParams(Parameters.Builder builder, int hidden, String suffix) {
    builder.add("weight_skip" + suffix, hidden, hidden);
  }

  @Override
  public void bind(Parameters params, String suffix) {
    wSkip = params.get("weight_skip" + suffix);
  }

  /** Uniform in ±1/√H, like W_hh. */
  @Override
  public void initParams(Parameters params, Random rng) {
    params.uniform((float) (1.0 / Math.sqrt(wSkip.shape()[0])), rng, wSkip);
  }

  /** Offset of h_{t−d} in the state buffer, or −1 when it lies before the initial state (zero). */
  private int olderOffset(Step s) {
    return s.hNext - delay * s.batch * s.hidden;
  }

  @Override
  public void forward(Step s) {
    int hd = s.hidden, n = s.batch * hd;
    float[] h = s.h;
    int older = olderOffset(s);
    if (older >= 0) {
      // h_t ← h_{t−d} W_skip^T: (B, H) x (H, H) -> (B, H), then the projections are added.
      Kernels.gemm().gemm(false, true, s.batch, hd, hd, 1f, h, older, hd, s.params, wSkip.offset(), hd,
          0f, h, s.hNext, hd);
    } else {
      java.util.Arrays.fill(h, s.hNext, s.hNext + n, 0f);
    }
    for (int i = 0; i < n; i++) {
      h[s.hNext + i] = f.apply(h[s.hNext + i] + s.xp[s.xpOff + i] + s.hp[s.hpOff + i]);
    }
  }

  @Override
  public void backward(Step s) {
    int hd = s.hidden, n = s.batch * hd;
    float[] h = s.h, dh = s.dh;
    for (int i = 0; i < n; i++) {
      float da = dh[s.dOff + i] * f.derivFromOutput(h[s.hNext + i]);
      s.dxp[s.dxpOff + i] = da;
      s.dhp[s.dhpOff + i] = da;
      dh[s.dOff + i] = 0f;
    }
    int older = olderOffset(s);
    if (older >= 0) {
      Gemm gemm = Kernels.gemm();
      // δW_skip += δa^T h_{t−d}: (H, B) x (B, H) -> (H, H)
      gemm.gemm(true, false, hd, hd, s.batch, 1f, s.dxp, s.dxpOff, hd, h, older, hd, 1f, s.grads, wSkip.offset(), hd);
      // δh_{t−d} += δa W_skip: (B, H) x (H, H) -> (B, H)
      gemm.gemm(false, false, s.batch, hd, hd, 1f, s.dxp, s.dxpOff, hd, s.params, wSkip.offset(), hd, 1f,
          s.dhOlder, older, hd);
    }
  }
}
