package org.rnn4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rnn4j.io.ModelFile;
import org.rnn4j.io.Npy;
import org.rnn4j.model.RnnModel;
import org.rnn4j.tensor.Tensor;
import picocli.CommandLine.Option;

/** The inputs of {@code forward} and {@code backward}: a model file, an input and optional initial states. */
final class RunOptions {
  @Option(names = "--model", required = true, paramLabel = "M.safetensors", description = "Model file (rnn4j or PyTorch state_dict).")
  Path model;

  @Option(names = "--input", required = true, paramLabel = "X.npy", description = "Input (T, B, I), float32/float64.")
  Path input;

  @Option(names = "--h0", paramLabel = "H.npy", description = "Initial hidden state (L*D, B, H); zero when absent.")
  Path h0;

  @Option(names = "--c0", paramLabel = "C.npy", description = "Initial cell state (L*D, B, H), LSTM only.")
  Path c0;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for the output files.")
  Path out;

  RnnModel loadModel() throws IOException {
    return ModelFile.load(model);
  }

  Tensor loadInput() throws IOException {
    return Npy.read(input).requireFinite(input.toString());
  }

  /** The given initial states as {h0, c0} (null entries when absent), or null when none is given. */
  Tensor[] loadInitial(RnnModel m) throws IOException {
    if (h0 == null && c0 == null) {
      return null;
    }
    if (c0 != null && m.stack().states() < 2) {
      throw new IllegalArgumentException("--c0: expected only for a model with a cell state (LSTM), found a "
          + m.config().cell() + " model");
    }
    return new Tensor[] {h0 == null ? null : Npy.read(h0).requireFinite(h0.toString()),
        c0 == null ? null : Npy.read(c0).requireFinite(c0.toString())};
  }

  /** Writes output.npy, h_n.npy and (LSTM) c_n.npy. */
  void writeForward(RnnModel.Output o) throws IOException {
    Files.createDirectories(out);
    Npy.write(out.resolve("output.npy"), o.output());
    Npy.write(out.resolve("h_n.npy"), o.finalStates()[0]);
    if (o.finalStates().length > 1) {
      Npy.write(out.resolve("c_n.npy"), o.finalStates()[1]);
    }
  }
}
