package org.rnn4j.diagnose;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.rnn4j.layer.Recurrent;
import org.rnn4j.model.RnnModel;
import org.rnn4j.tensor.Parameters;

/**
 * Spectral radius ρ(W) = max |λ_i(W)| and spectral norm ‖W‖₂ = σ_max(W) with EJML (double
 * precision). For the recurrent weights W_hh (G·H, H) of a layer:
 *
 * <ul>
 *   <li>each square gate block W_hh[k·H:(k+1)·H, :] gets its radius, named by the cell's gate
 *       letters (LSTM i, f, g, o; GRU r, z, n; forget-gate RNN phi, u; Elman-like cells "hh");</li>
 *   <li>the headline radius of a layer is that of the candidate block, the one through which
 *       h_{t-1} enters the new content (Elman: all of W_hh; LSTM g; GRU n; forget-gate u);</li>
 *   <li>the whole (non-square for gated cells) W_hh gets its spectral norm σ_max.</li>
 * </ul>
 */
public final class Spectral {
  private Spectral() {}

  /** max |λ| of the n×n row-major matrix at {@code a[off ..]}. */
  public static double radius(float[] a, int off, int n) {
    if (n <= 0 || off < 0 || off + n * n > a.length) {
      throw new IllegalArgumentException("spectral radius: expected an n×n matrix with n > 0 inside the array, found n="
          + n + " at offset " + off + " in " + a.length + " values");
    }
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false);
    if (!eig.decompose(toMatrix(a, off, n, n))) {
      throw new IllegalStateException("spectral radius: the eigenvalue iteration did not converge for a " + n + "×" + n + " matrix");
    }
    double max = 0;
    for (int i = 0; i < eig.getNumberOfEigenvalues(); i++) {
      max = Math.max(max, eig.getEigenvalue(i).getMagnitude());
    }
    return max;
  }

  /** σ_max of the rows×cols row-major matrix at {@code a[off ..]}. */
  public static double norm(float[] a, int off, int rows, int cols) {
    return norm(toMatrix(a, off, rows, cols));
  }

  /** σ_max of a double matrix (row-major, rows×cols). */
  public static double norm(double[] a, int rows, int cols) {
    return norm(new DMatrixRMaj(rows, cols, true, a));
  }

  private static double norm(DMatrixRMaj m) {
    double max = 0;
    for (double s : SingularOps_DDRM.singularValues(m)) {
      max = Math.max(max, s);
    }
    return max;
  }

  private static DMatrixRMaj toMatrix(float[] a, int off, int rows, int cols) {
    DMatrixRMaj m = new DMatrixRMaj(rows, cols);
    for (int i = 0; i < rows * cols; i++) {
      m.data[i] = a[off + i];
    }
    return m;
  }

  /** The gate letters of a cell's projection blocks, in row order. */
  public static List<String> gateNames(String module, int gates) {
    List<String> names = switch (module) {
      case "LSTM", "PeepholeLSTM" -> List.of("i", "f", "g", "o");
      case "GRU" -> List.of("r", "z", "n");
      case "ForgetGateRNN" -> List.of("phi", "u");
      default -> List.of("hh");
    };
    if (names.size() != gates) {
      throw new IllegalArgumentException("gate names of " + module + ": expected " + gates + " blocks, found " + names);
    }
    return names;
  }

  /** The block through which h_{t-1} enters the new content (see the class comment). */
  public static String candidateGate(String module, int gates) {
    List<String> names = gateNames(module, gates);
    return switch (module) {
      case "LSTM", "PeepholeLSTM" -> "g";
      case "GRU" -> "n";
      case "ForgetGateRNN" -> "u";
      default -> names.get(0);
    };
  }

  /** One layer unit's radii per gate block, the candidate's radius and σ_max of all of W_hh. */
  public record LayerSpectrum(String unit, Map<String, Double> gateRadius, double candidateRadius, double norm) {}

  /** The spectrum of every layer unit's W_hh (index l·D + d, as {@link org.rnn4j.layer.RecurrentStack#units()}). */
  public static List<LayerSpectrum> of(RnnModel model) {
    Parameters p = model.parameters();
    List<Recurrent> units = model.stack().units();
    int dirs = model.stack().directions();
    return java.util.stream.IntStream.range(0, units.size()).mapToObj(u -> {
      Recurrent r = units.get(u);
      String suffix = "_l" + (u / dirs) + (r.reverse() ? "_reverse" : "");
      Parameters.Param w = p.get("weight_hh" + suffix);
      int h = r.hidden(), gates = r.cell().gates();
      List<String> names = gateNames(r.cell().module(), gates);
      Map<String, Double> radii = new LinkedHashMap<>();
      for (int k = 0; k < gates; k++) {
        radii.put(names.get(k), radius(p.values(), w.offset() + k * h * h, h));
      }
      double candidate = radii.get(candidateGate(r.cell().module(), gates));
      return new LayerSpectrum("l" + (u / dirs) + (r.reverse() ? "_reverse" : ""), radii, candidate,
          norm(p.values(), w.offset(), gates * h, h));
    }).toList();
  }
}
