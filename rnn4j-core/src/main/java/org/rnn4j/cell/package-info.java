/**
 * Recurrent cells: the stateless pointwise part of one time step, one file per cell with its equations
 * in the header and {@code forward} then {@code backward} side by side ({@link org.rnn4j.cell.ElmanCell},
 * {@link org.rnn4j.cell.LstmCell}, {@link org.rnn4j.cell.GruCell}, ...). {@link org.rnn4j.cell.Cell} is the
 * contract, {@link org.rnn4j.cell.Cells} the registry by name ({@code lstm}, {@code leaky:10}, ...).
 */
package org.rnn4j.cell;
