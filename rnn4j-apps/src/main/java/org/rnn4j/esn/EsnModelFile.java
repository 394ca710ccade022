package org.rnn4j.esn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.rnn4j.io.FormatException;
import org.rnn4j.io.ModelFile;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.io.SafeTensorsFile;
import org.rnn4j.tensor.Tensor;

/**
 * A fitted echo state network as a safetensors file: the actual weights, so the file alone
 * rebuilds the network (no seed to replay), and its config in the metadata.
 * <pre>
 *   reservoir.weight  (N, N)          W, dense (zeros included)
 *   input.weight      (N, 1 + I)      W_in, column 0 the bias
 *   feedback.weight   (N, O)          W_fb, only with feedback
 *   readout.weight    (O, 1 + I + N)  W_out
 *   metadata          rnn4j.esn.units, .spectral_radius, .leak, .input_scaling, .bias_scaling, .connectivity,
 *                     .ridge, .washout, .feedback, .feedback_scaling, .online, .seed (the config), .inputs,
 *                     .outputs, .spectral_radius_before, .spectral_radius_after (measured), rnn4j.format
 * </pre>
 * The network's weights are float32 values, so a loaded network computes exactly what the saved
 * one did. Loading validates every shape and value against the metadata and executes nothing.
 */
public final class EsnModelFile {
  private static final String PREFIX = "rnn4j.esn.";
  private static final String RESERVOIR = "reservoir.weight", INPUT = "input.weight", FEEDBACK = "feedback.weight",
      READOUT = "readout.weight";

  private EsnModelFile() {}

  /** Whether a file's metadata describes an echo state network (rather than a recurrent model). */
  public static boolean isEsn(Map<String, String> metadata) {
    return metadata.containsKey(PREFIX + "units");
  }

  /** Writes a fitted network atomically, with {@code extraMetadata} (e.g. a series' columns and normalisation). */
  public static void save(Path file, EchoStateNetwork esn, Map<String, String> extraMetadata) throws IOException {
    EsnConfig c = esn.config();
    int n = c.units(), in = esn.inputs(), out = esn.outputs();
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put(RESERVOIR, Tensor.of(floats(esn.reservoir().toArray()), n, n));
    tensors.put(INPUT, matrix(esn.inputWeights()));
    if (c.feedback()) {
      tensors.put(FEEDBACK, matrix(esn.feedbackWeights()));
    }
    tensors.put(READOUT, matrix(esn.readout()));
    Map<String, String> m = new LinkedHashMap<>(extraMetadata);
    m.put(PREFIX + "units", Integer.toString(n));
    m.put(PREFIX + "spectral_radius", Double.toString(c.spectralRadius()));
    m.put(PREFIX + "leak", Double.toString(c.leak()));
    m.put(PREFIX + "input_scaling", Double.toString(c.inputScaling()));
    m.put(PREFIX + "bias_scaling", Double.toString(c.biasScaling()));
    m.put(PREFIX + "connectivity", Double.toString(c.connectivity()));
    m.put(PREFIX + "ridge", Double.toString(c.ridge()));
    m.put(PREFIX + "washout", Integer.toString(c.washout()));
    m.put(PREFIX + "feedback", Boolean.toString(c.feedback()));
    m.put(PREFIX + "feedback_scaling", Double.toString(c.feedbackScaling()));
    m.put(PREFIX + "online", Boolean.toString(c.online()));
    m.put(PREFIX + "seed", Long.toString(c.seed()));
    m.put(PREFIX + "inputs", Integer.toString(in));
    m.put(PREFIX + "outputs", Integer.toString(out));
    m.put(PREFIX + "spectral_radius_before", Double.toString(esn.spectralRadiusBefore()));
    m.put(PREFIX + "spectral_radius_after", Double.toString(esn.spectralRadiusAfter()));
    m.put(ModelFile.FORMAT_KEY, Integer.toString(ModelFile.FORMAT_VERSION));
    SafeTensors.write(file, tensors, m);
  }

  public static EchoStateNetwork load(Path file) throws IOException {
    return fromFile(file, SafeTensors.read(file));
  }

  /** The network a read file describes; every tensor must be present with the shape its metadata implies. */
  public static EchoStateNetwork fromFile(Path file, SafeTensorsFile f) {
    Map<String, String> m = f.metadata();
    if (!isEsn(m)) {
      throw new FormatException(file + ": expected an echo state network (metadata " + PREFIX + "units, written by "
          + "'rnn esn --data FILE --forecast COL --save FILE'), found none");
    }
    String format = m.getOrDefault(ModelFile.FORMAT_KEY, "1");
    if (!format.equals(Integer.toString(ModelFile.FORMAT_VERSION))) {
      throw new FormatException(file + ": expected model-file format " + ModelFile.FORMAT_VERSION + ", found '" + format + "'");
    }
    EsnConfig config;
    int in, out;
    double before, after;
    try {
      config = new EsnConfig(integer(m, "units"), real(m, "spectral_radius"), real(m, "leak"), real(m, "input_scaling"),
          real(m, "bias_scaling"), real(m, "connectivity"), real(m, "ridge"), integer(m, "washout"), bool(m, "feedback"),
          real(m, "feedback_scaling"), bool(m, "online"), Long.parseLong(value(m, "seed")));
      in = integer(m, "inputs");
      out = integer(m, "outputs");
      before = real(m, "spectral_radius_before");
      after = real(m, "spectral_radius_after");
    } catch (IllegalArgumentException e) { // NumberFormatException included
      throw new FormatException(file + ": expected valid " + PREFIX + "* metadata, found " + e.getMessage());
    }
    if (in < 1 || out < 1) {
      throw new FormatException(file + ": expected positive " + PREFIX + "inputs and outputs, found " + in + " and " + out);
    }
    int n = config.units();
    Set<String> expected = config.feedback() ? Set.of(RESERVOIR, INPUT, FEEDBACK, READOUT) : Set.of(RESERVOIR, INPUT, READOUT);
    if (!f.tensors().keySet().equals(expected)) {
      throw new FormatException(file + ": expected tensors " + new java.util.TreeSet<>(expected) + ", found "
          + new java.util.TreeSet<>(f.tensors().keySet()));
    }
    double[] reservoir = doubles(tensor(file, f, RESERVOIR, n, n));
    double[][] input = rows(tensor(file, f, INPUT, n, 1 + in));
    double[][] feedback = config.feedback() ? rows(tensor(file, f, FEEDBACK, n, out)) : null;
    double[][] readout = rows(tensor(file, f, READOUT, out, 1 + in + n));
    return EchoStateNetwork.restore(config, in, out, SparseMatrix.ofDense(n, reservoir), input, feedback, readout, before, after);
  }

  private static Tensor tensor(Path file, SafeTensorsFile f, String name, int rows, int cols) {
    Tensor t = f.tensor(name);
    if (!t.hasShape(rows, cols)) {
      throw new FormatException(file + ": expected " + name + " of shape [" + rows + ", " + cols + "] (from the metadata), found "
          + t.shapeString());
    }
    try {
      return t.requireFinite(name);
    } catch (IllegalArgumentException e) {
      throw new FormatException(file + ": " + e.getMessage());
    }
  }

  private static String value(Map<String, String> m, String key) {
    String v = m.get(PREFIX + key);
    if (v == null) {
      throw new IllegalArgumentException("no " + PREFIX + key);
    }
    return v;
  }

  private static int integer(Map<String, String> m, String key) {
    return Integer.parseInt(value(m, key));
  }

  private static double real(Map<String, String> m, String key) {
    return Double.parseDouble(value(m, key));
  }

  private static boolean bool(Map<String, String> m, String key) {
    String v = value(m, key);
    if (!v.equals("true") && !v.equals("false")) {
      throw new IllegalArgumentException(PREFIX + key + " = '" + v + "' (true or false)");
    }
    return v.equals("true");
  }

  private static Tensor matrix(double[][] m) {
    float[] data = new float[m.length * m[0].length];
    for (int r = 0; r < m.length; r++) {
      for (int c = 0; c < m[r].length; c++) {
        data[r * m[r].length + c] = (float) m[r][c];
      }
    }
    return Tensor.of(data, m.length, m[0].length);
  }

  private static float[] floats(double[] v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return f;
  }

  private static double[] doubles(Tensor t) {
    double[] d = new double[t.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = t.data()[i];
    }
    return d;
  }

  private static double[][] rows(Tensor t) {
    int r = t.dim(0), c = t.dim(1);
    double[][] m = new double[r][c];
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < c; j++) {
        m[i][j] = t.data()[i * c + j];
      }
    }
    return m;
  }
}
