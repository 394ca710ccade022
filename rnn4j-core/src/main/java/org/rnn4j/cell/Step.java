package org.rnn4j.cell;

/**
 * The buffers one time step of a cell reads and writes, as (array, offset) pairs into the
 * layer's whole-sequence workspaces. The layer fills it before each call and reuses it, so the
 * time loop allocates nothing. All blocks are row-major with B rows.
 *
 * <p>Letters: B batch, H hidden, G = gates·H.
 */
public final class Step {
  public int batch;
  public int hidden;

  /** Input projection W_ih x_t + b_ih, (B, G). */
  public float[] xp;
  public int xpOff;
  /** Recurrent projection W_hh h_{t-1} + b_hh, (B, G): scratch, the cell may overwrite it. */
  public float[] hp;
  public int hpOff;

  /** Hidden states: previous at hPrev, this step's at hNext, each (B, H). */
  public float[] h;
  public int hPrev;
  public int hNext;
  /** Cell states (LSTM only), same layout as h. */
  public float[] c;
  public int cPrev;
  public int cNext;

  /** What the cell saves for its backward step, (B, cacheWidth). */
  public float[] cache;
  public int cacheOff;

  /** The parameter value and gradient buffers, for cells with parameters of their own. */
  public float[] params;
  public float[] grads;

  // Backward only.
  /** In: dL/dh_t (B, H), all paths summed. Out: the part of dL/dh_{t-1} not through W_hh. */
  public float[] dh;
  /** Where the B rows of {@link #dh} and {@link #dc} start (a row strip of the layer's batch). */
  public int dOff;
  /**
   * dL/d(earlier hidden states the cell reads itself, such as h_{t−d}), (T+1, B, H) laid out
   * like {@link #h}; only for cells whose {@link Cell#usesOlderStates} is true. Backward adds
   * (+=) the gradient of such a state at that state's offset; the layer folds it into
   * {@link #dh} when it reaches the step that produced the state.
   */
  public float[] dhOlder;
  /** In: dL/dc_t. Out: dL/dc_{t-1}. LSTM only. */
  public float[] dc;
  /** Out: dL/d(input projection), (B, G). */
  public float[] dxp;
  public int dxpOff;
  /** Out: dL/d(recurrent projection), (B, G); may be {@link #dxp} itself ({@link Cell#sameProjectionGradients}). */
  public float[] dhp;
  public int dhpOff;

  /** δhp rows = δxp rows, n floats from offset {@code off} of each: a copy unless they are one buffer. */
  public void copyDxpToDhp(int off, int n) {
    if (dhp != dxp || dhpOff != dxpOff) {
      System.arraycopy(dxp, dxpOff + off, dhp, dhpOff + off, n);
    }
  }
}
