package org.rnn4j.cell;

import org.rnn4j.math.Kernels;

/**
 * The backward steps of {@link LstmCell} and {@link GruCell} one vector of units at a time
 * ({@link VectorGateBackward}, on the Vector API): the same lines as the cells' scalar loops, in
 * the same order of operations, so the same floats (GateBackwardTest checks this), 5–7× faster
 * (C2 on JDK 17 does not vectorise those loops: their loads and stores touch different arrays it
 * cannot prove apart). Used when {@link Kernels#pointwise} is vectorised, else the scalar loops run.
 */
interface GateBackward {
  /** The vectorised implementation, or null to run the cells' scalar loops. */
  GateBackward VECTOR = Kernels.pointwiseVectorised() ? Kernels.loadVectorised("org.rnn4j.cell.VectorGateBackward") : null;

  /** Rows [0, s.batch) of {@link LstmCell#backward}. */
  void lstm(Step s);

  /** Rows [0, s.batch) of {@link GruCell#backward}. */
  void gru(Step s);
}
