package org.rnn4j.cell;

import java.util.List;
import org.rnn4j.tensor.Parameters;

/**
 * One recurrent cell: the pointwise part of a time step. The layer computes the two matrix
 * products (input projection for all steps at once, recurrent projection once per step) and the
 * weight gradients; the cell combines the projections into the new state and, in backward,
 * turns dL/d(state) into dL/d(projections).
 *
 * <p>Cells hold no state between calls: everything a step needs is in {@link Step}. A cell
 * instance may hold handles to parameters of its own (peepholes, leak rates) for one layer.
 */
public interface Cell {
  /** Gate blocks: the projections are (B, gates·H). Elman 1, GRU 3, LSTM 4. */
  int gates();

  /** 1 when the carry is h alone, 2 when it is (h, c). */
  int states();

  /** Floats per batch row the forward step saves for backward. */
  int cacheWidth(int hidden);

  /** PyTorch module name written into model files: "RNN", "LSTM", "GRU", or an rnn4j name. */
  String module();

  /** Declares parameters beyond weight_ih/weight_hh/bias_ih/bias_hh; suffix is e.g. "_l0_reverse". */
  default void declareParams(Parameters.Builder builder, int hidden, String suffix) {}

  /** Initialises those extra parameters (called after the buffer exists). */
  default void initParams(Parameters params, java.util.Random rng) {}

  /** Names of the extra parameters for the given suffix, for documentation and checks. */
  default List<String> extraParamNames(String suffix) {
    return List.of();
  }

  /** Binds this cell to its parameters once they are allocated. */
  default void bind(Parameters params, String suffix) {}

  /**
   * True when forward reads earlier hidden states (such as h_{t−d}) from {@link Step#h} itself,
   * beyond h_{t-1} through W_hh; backward then sends their gradients through
   * {@link Step#dhOlder}.
   */
  default boolean usesOlderStates() {
    return false;
  }

  /**
   * True when steps on disjoint row strips of the batch may run at the same time: the cell
   * writes nothing shared by all rows (no gradients of parameters of its own) and reads no
   * older states. The layer then runs its time loop on row strips concurrently.
   */
  default boolean rowsIndependent() {
    return false;
  }

  /**
   * True when backward writes the same values into {@link Step#dxp} and {@link Step#dhp} (the
   * pre-activation is xp + hp, as in Elman and LSTM cells; not GRU, whose candidate multiplies hp
   * by r). A forward-in-time layer then gives both one buffer ({@code dhp == dxp}, same offsets);
   * a cell that copies δxp into δhp does it with {@link Step#copyDxpToDhp}, which then skips it.
   */
  default boolean sameProjectionGradients() {
    return false;
  }

  /**
   * True when h_{t-1} reaches h_t other than through W_hh (GRU's z ⊙ h_{t-1}, leaky and
   * forget-gate cells): backward then leaves that part of δh_{t-1} in {@link Step#dh} (zero if
   * none) and the layer adds δhp_t W_hh to it. False when W_hh is the only path (Elman, LSTM):
   * backward need not touch δh after reading it, and the layer writes the product over it.
   */
  default boolean directStateGradient() {
    return true;
  }

  void forward(Step s);

  void backward(Step s);
}
