package org.rnn4j.cell;

/**
 * Elman cell: {@code h_t = f(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh)}.
 *
 * <p>Backward: {@code δa_t = δh_t ⊙ f'(a_t)}, written through the output h_t; the same δa is the
 * gradient of both projections, and nothing reaches h_{t-1} except through W_hh.
 */
public final class ElmanCell implements Cell {
  private final Activation f;

  public ElmanCell(Activation f) {
    this.f = f;
  }

  public Activation activation() {
    return f;
  }

  @Override public int gates() { return 1; }
  @Override public int states() { return 1; }
  @Override public int cacheWidth(int hidden) { return 0; }
  @Override public String module() { return "RNN"; }
  @Override public boolean rowsIndependent() { return true; }
  @Override public boolean sameProjectionGradients() { return true; }
  @Override public boolean directStateGradient() { return false; }

  @Override
  public void forward(Step s) {
    int n = s.batch * s.hidden;
    f.applyOfSum(s.xp, s.xpOff, s.hp, s.hpOff, s.h, s.hNext, n); // h_t = f(xp + hp)
  }

  @Override
  public void backward(Step s) {
    int n = s.batch * s.hidden;
    f.backward(s.dh, s.dOff, s.h, s.hNext, s.dxp, s.dxpOff, n); // δa = δh ⊙ f'(a)
    s.copyDxpToDhp(0, n); // both projections get the same δa
  }
}
