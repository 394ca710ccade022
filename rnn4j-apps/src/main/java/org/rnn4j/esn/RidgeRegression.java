package org.rnn4j.esn;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Closed-form ridge regression of the readout:
 * <pre>
 *   W_out = argmin_W Σ_t ‖y_t − W z_t‖² + λ‖W‖²  =  Y Zᵀ (Z Zᵀ + λI)⁻¹
 * </pre>
 * with Z (D × T) the collected extended states and Y (O × T) the targets. The inverse is never
 * formed: the symmetric positive-definite normal equations (Z Zᵀ + λI) W_outᵀ = Z Yᵀ are solved
 * by EJML's Cholesky solver. λ also regularises the bias column (as in Lukoševičius 2012).
 */
public final class RidgeRegression {
  private RidgeRegression() {}

  /**
   * @param z      extended states, one row per time step (T × D)
   * @param y      targets, one row per time step (T × O)
   * @param lambda ridge λ > 0
   * @return W_out (O × D)
   */
  public static double[][] fit(double[][] z, double[][] y, double lambda) {
    if (z.length == 0 || z.length != y.length) {
      throw new IllegalArgumentException("ridge regression: expected equal, nonzero numbers of states and targets,"
          + " found " + z.length + " and " + y.length);
    }
    DMatrixRMaj zm = new DMatrixRMaj(z); // (T, D)
    DMatrixRMaj ym = new DMatrixRMaj(y); // (T, O)
    int d = zm.numCols;
    DMatrixRMaj gram = new DMatrixRMaj(d, d); // Z Zᵀ in the brief's column-per-step notation
    CommonOps_DDRM.multTransA(zm, zm, gram);
    for (int i = 0; i < d; i++) {
      gram.add(i, i, lambda);
    }
    DMatrixRMaj rhs = new DMatrixRMaj(d, ym.numCols); // Z Yᵀ
    CommonOps_DDRM.multTransA(zm, ym, rhs);
    LinearSolverDense<DMatrixRMaj> cholesky = LinearSolverFactory_DDRM.symmPosDef(d);
    if (!cholesky.setA(gram)) {
      throw new IllegalArgumentException("ridge regression: expected Z Zᵀ + λI to be positive definite, found"
          + " the Cholesky factorisation failed (λ = " + lambda + "; non-finite states?)");
    }
    DMatrixRMaj wT = new DMatrixRMaj(d, ym.numCols);
    cholesky.solve(rhs, wT);
    double[][] w = new double[ym.numCols][d];
    for (int o = 0; o < ym.numCols; o++) {
      for (int i = 0; i < d; i++) {
        w[o][i] = wT.get(i, o);
      }
    }
    return w;
  }
}
