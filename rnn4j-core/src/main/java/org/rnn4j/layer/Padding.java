package org.rnn4j.layer;

import java.util.Arrays;
import org.rnn4j.cell.Step;

/**
 * Per-sequence lengths in {@link Recurrent}'s time loops, in either direction. Row r is live at
 * the time positions t &lt; lengths[r]; at the positions past its end:
 *
 * <pre>
 *   forward:   state_t = state_{t-1} (held), output 0        {@link #hold}
 *   backward:  no δ from the output, none into the projections,
 *              δstate passed through the step unchanged       {@link #save}, {@link #restore}
 * </pre>
 *
 * So padding changes nothing, a row's final state is the one at its last step, and a reverse
 * layer (which meets the padded positions first) starts at that step from the initial state.
 * One per {@link RecurrentContext}: its buffers are sized per batch, outside the time loop.
 */
final class Padding {
  private int[] lengths; // null: every row runs all T steps
  private float[][] frozen; // per carried state: padded rows' δstate across a backward step, (B, H)

  /** The lengths of the call being run (B), or null for all T. */
  void set(int[] rowLengths) {
    this.lengths = rowLengths;
  }

  /** Sizes the backward buffers for the given carried states of B·H floats. */
  void ensure(int states, int bh) {
    if (lengths != null && (frozen == null || frozen.length != states || frozen[0].length < bh)) {
      frozen = new float[states][bh];
    }
  }

  /** Whether row r runs at time position t (always, without lengths). */
  boolean live(int time, int r) {
    return lengths == null || time < lengths[r];
  }

  /** Whether any of rows [r0, r1) is past its end at time position t. */
  boolean any(int time, int r0, int r1) {
    if (lengths == null) {
      return false;
    }
    for (int r = r0; r < r1; r++) {
      if (time >= lengths[r]) {
        return true;
      }
    }
    return false;
  }

  /** Forward, a row past its end: each state's row at {@code prev} carried to {@code next}; output 0. */
  static void hold(float[][] states, int prev, int next, int hidden, float[] out, int o) {
    for (float[] st : states) {
      System.arraycopy(st, prev, st, next, hidden);
    }
    Arrays.fill(out, o, o + hidden, 0f);
  }

  /** Backward, before a step: keeps the carried gradients of rows [r0, r1) (see {@link #restore}). */
  void save(float[][] dstate, int r0, int r1, int hidden) {
    for (int k = 0; k < dstate.length; k++) {
      System.arraycopy(dstate[k], r0 * hidden, frozen[k], r0 * hidden, (r1 - r0) * hidden);
    }
  }

  /**
   * Backward, after the step s on rows [r0, r1): padded rows get no gradient into the
   * projections and their carried gradients as they were before the step. With
   * {@code clearLive} (the cell left δh as it was, see {@link org.rnn4j.cell.Cell#directStateGradient})
   * live rows' δh is cleared, so that the W_hh product can be added to every row.
   */
  void restore(int time, int r0, int r1, int hidden, int g, Step s, float[][] dstate, boolean clearLive) {
    for (int r = r0; r < r1; r++) {
      if (time < lengths[r]) {
        if (clearLive) {
          Arrays.fill(dstate[0], r * hidden, (r + 1) * hidden, 0f);
        }
        continue;
      }
      int dx = s.dxpOff + (r - r0) * g, dp = s.dhpOff + (r - r0) * g;
      Arrays.fill(s.dxp, dx, dx + g, 0f);
      Arrays.fill(s.dhp, dp, dp + g, 0f);
      for (int k = 0; k < dstate.length; k++) {
        System.arraycopy(frozen[k], r * hidden, dstate[k], r * hidden, hidden);
      }
    }
  }
}
